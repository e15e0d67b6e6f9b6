package dev.llmbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.app.BotApp;
import dev.llmbot.bus.Persona;
import dev.llmbot.command.CommandCatalog;
import dev.llmbot.command.CommandSpec;
import dev.llmbot.config.BotConfig;
import dev.llmbot.config.ConfigLoader;
import dev.llmbot.core.Readiness;
import dev.llmbot.llm.OfflineResponder;
import dev.llmbot.testing.FakeDiscord;
import dev.llmbot.testing.FakeDiscord.RecordedRequest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole app (real pipeline, offline responder, real command handlers) with a Discord token,
 * against {@link FakeDiscord}: BotApp deploys the Discord adapter instead of the console.
 */
class DiscordAppIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static FakeDiscord discord;
  private static BotApp app;

  @BeforeAll
  static void start() throws Exception {
    discord = FakeDiscord.start();
    Path data = Files.createTempDirectory("discord-app-it");
    BotConfig config =
        ConfigLoader.load(
            (Path) null,
            Map.of(
                "DISCORD_TOKEN", discord.token(),
                "OPS_PORT", "0",
                "BOT_DATA_DIR", data.toString()));
    app = new BotApp(config, Clock.systemUTC(), "it", null, null);
    app.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.shutdown().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (discord != null) {
      discord.close();
    }
  }

  @Test
  void readyReportsDiscordConnectedAndEveryCatalogCommandIsRegisteredGlobally() throws Exception {
    assertThat(app.services().readiness().snapshot()).containsEntry(Readiness.ADAPTER, true);
    HttpResponse<String> ready =
        HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.opsPort() + "/ready"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).isEqualTo(200);
    RecordedRequest put =
        discord.awaitRequest(r -> r.is("PUT", "/applications/\\d+/commands"), WAIT);
    assertThat(put.jsonArray().stream().map(o -> ((JsonObject) o).getString("name")))
        .containsExactlyInAnyOrderElementsOf(
            CommandCatalog.specs().stream().map(CommandSpec::name).toList());
  }

  @Test
  void aMentionGetsExactlyOneReplyWhoseTextIsThePipelinesOfflineAnswer() throws Exception {
    String prompt = "how do I cook rice";
    long id = discord.guildMessage(discord.alice(), "<@" + discord.bot().id() + "> " + prompt);
    RecordedRequest reply =
        discord.awaitRequest(
            r ->
                r.is("POST", "/channels/\\d+/messages")
                    && r.json().getJsonObject("message_reference") != null
                    && r.json()
                        .getJsonObject("message_reference")
                        .getValue("message_id")
                        .toString()
                        .equals(Long.toString(id)),
            WAIT);
    OfflineResponder offline = new OfflineResponder();
    assertThat(reply.content())
        .isIn(
            offline.respond(Persona.HELPFUL, "alice", prompt),
            offline.respond(Persona.ROAST, "alice", prompt));
    assertThat(reply.allowedMentions().getJsonArray("parse").getList())
        .doesNotContain("everyone", "roles");
    // A later DM is answered, and the mention still has exactly one reply.
    discord.dmMessage(discord.alice(), "second message");
    discord.awaitRequest(
        r -> r.is("POST", "/channels/" + discord.dmChannelId(discord.alice()) + "/messages"), WAIT);
    assertThat(
            discord.requests(
                r ->
                    r.is("POST", "/channels/\\d+/messages")
                        && r.json().getJsonObject("message_reference") != null
                        && r.json()
                            .getJsonObject("message_reference")
                            .getValue("message_id")
                            .toString()
                            .equals(Long.toString(id))))
        .hasSize(1);
  }

  @Test
  void aBareMentionGetsTheHint() throws Exception {
    discord.guildMessage(discord.alice(), "<@" + discord.bot().id() + ">");
    discord.awaitRequest(
        r ->
            r.is("POST", "/channels/\\d+/messages")
                && dev.llmbot.bus.UserTexts.EMPTY_PROMPT_HINT.equals(r.content()),
        WAIT);
  }

  @Test
  void slashStatusIsDeferredEphemerallyThenEditedWithTheRealStatus() throws Exception {
    long id = discord.slashCommand(discord.alice(), true, "status", Map.of());
    RecordedRequest callback =
        discord.awaitRequest(r -> r.path().startsWith("/interactions/" + id + "/"), WAIT);
    assertThat(callback.json().getInteger("type")).isEqualTo(5);
    assertThat(callback.flags() & 64).isEqualTo(64);
    RecordedRequest edit =
        discord.awaitRequest(
            r -> r.is("PATCH", "/webhooks/\\d+/itoken-" + id + "/messages/@original"), WAIT);
    assertThat(edit.content()).isNotBlank();
  }
}
