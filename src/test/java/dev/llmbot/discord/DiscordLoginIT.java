package dev.llmbot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.InboundMessage;
import dev.llmbot.bus.LocalRecordCodec;
import dev.llmbot.bus.Outcome;
import dev.llmbot.bus.Reply;
import dev.llmbot.command.CommandCatalog;
import dev.llmbot.config.BotConfig;
import dev.llmbot.config.ConfigLoader;
import dev.llmbot.core.BotServices;
import dev.llmbot.core.Intake;
import dev.llmbot.core.Readiness;
import dev.llmbot.testing.FakeDiscord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Login against {@link FakeDiscord}: sharding from config (the recommended count with every shard
 * in one process, and a chosen subset), and a refused token. Each test has its own fake (and
 * token), so Javacord's per-token IDENTIFY spacing (5.5 s) only applies between the shards of one
 * login.
 */
class DiscordLoginIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private FakeDiscord discord;
  private Vertx vertx;
  private Readiness readiness;

  private void start(int guilds, int recommended, Map<String, String> env) throws Exception {
    discord = FakeDiscord.start(guilds, recommended);
    Map<String, String> all = new HashMap<>(env);
    all.putIfAbsent("DISCORD_TOKEN", discord.token());
    BotConfig config = ConfigLoader.load((Path) null, all);
    readiness = new Readiness();
    BotServices services =
        new BotServices(
            config,
            new SimpleMeterRegistry(),
            readiness,
            new Intake(),
            Clock.systemUTC(),
            "test",
            System.currentTimeMillis());
    vertx = Vertx.vertx();
    LocalRecordCodec.install(vertx.eventBus());
    vertx
        .eventBus()
        .<InboundMessage>localConsumer(
            Addresses.CHAT_REQUEST,
            msg ->
                msg.reply(
                    Reply.text(
                        msg.body().id(),
                        Outcome.ANSWERED,
                        "echo: " + msg.body().content(),
                        false)));
    deployment =
        vertx
            .deployVerticle(new DiscordVerticle(services, CommandCatalog.specs()))
            .toCompletionStage()
            .toCompletableFuture();
    try {
      deployment.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      // Inspected by the test that expects it.
    }
  }

  private CompletableFuture<String> deployment;

  @AfterEach
  void stop() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (discord != null) {
      discord.close();
    }
  }

  @Test
  void recommendedShardsAreAllRunInOneProcessAndEachAnswersItsGuilds() throws Exception {
    start(2, 2, Map.of("BOT_DISCORD_TOTAL_SHARDS", "0"));
    assertThat(deployment).isCompleted().isNotCompletedExceptionally();
    assertThat(discord.requests(r -> r.is("GET", "/gateway/bot"))).isNotEmpty();
    assertThat(discord.identifies())
        .extracting(i -> i.getJsonArray("shard"))
        .containsExactlyInAnyOrder(new JsonArray().add(0).add(2), new JsonArray().add(1).add(2));
    assertThat(readiness.snapshot()).containsEntry(Readiness.ADAPTER, true);
    long g0 = discord.guildIds().get(0);
    long g1 = discord.guildIds().get(1);
    assertThat(FakeDiscord.shardOf(g0, 2)).isNotEqualTo(FakeDiscord.shardOf(g1, 2));
    String mention = "<@" + discord.bot().id() + "> ";
    discord.guildMessage(g0, discord.alice(), mention + "guild zero");
    discord.guildMessage(g1, discord.alice(), mention + "guild one");
    discord.awaitRequest(
        r ->
            r.is("POST", "/channels/" + discord.channelId(g0) + "/messages")
                && "echo: guild zero".equals(r.content()),
        WAIT);
    discord.awaitRequest(
        r ->
            r.is("POST", "/channels/" + discord.channelId(g1) + "/messages")
                && "echo: guild one".equals(r.content()),
        WAIT);
  }

  @Test
  void configuredShardIdsLimitWhichShardsThisProcessRuns() throws Exception {
    start(2, 1, Map.of("BOT_DISCORD_TOTAL_SHARDS", "2", "BOT_DISCORD_SHARD_IDS", "1"));
    assertThat(deployment).isCompleted().isNotCompletedExceptionally();
    assertThat(discord.identifies())
        .extracting(i -> i.getJsonArray("shard"))
        .containsExactly(new JsonArray().add(1).add(2));
    assertThat(discord.readyShards()).containsExactly(1);
    assertThat(discord.requests(r -> r.is("GET", "/gateway/bot"))).isEmpty();
  }

  @Test
  void aRefusedTokenFailsTheStartWithAClearMessageThatHidesTheToken() throws Exception {
    start(1, 1, Map.of("DISCORD_TOKEN", "wrong-token-value"));
    assertThat(deployment).isCompletedExceptionally();
    Throwable cause = catchThrowable(deployment::join);
    assertThat(cause)
        .hasMessageContaining("Discord login failed")
        .hasMessageContaining("DISCORD_TOKEN");
    assertThat(cause.getMessage()).doesNotContain("wrong-token-value");
    assertThat(readiness.snapshot()).containsEntry(Readiness.ADAPTER, false);
  }
}
