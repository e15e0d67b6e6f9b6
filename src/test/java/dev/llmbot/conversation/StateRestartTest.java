package dev.llmbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.bus.Ack;
import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.ContextCommand;
import dev.llmbot.bus.History;
import dev.llmbot.bus.HistoryRequest;
import dev.llmbot.bus.LocalRecordCodec;
import dev.llmbot.bus.OpAnswer;
import dev.llmbot.bus.Partitioner;
import dev.llmbot.bus.ProfileCommand;
import dev.llmbot.bus.PromptBlock;
import dev.llmbot.bus.PromptBlockRequest;
import dev.llmbot.bus.RecordExchange;
import dev.llmbot.bus.Turn;
import dev.llmbot.config.BotConfig;
import dev.llmbot.core.BotServices;
import dev.llmbot.testing.TestConfigs;
import dev.llmbot.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state verticles persist what they own and a restart (even re-partitioned) restores it. */
class StateRestartTest {
  @TempDir Path dir;

  private static final long GUILD = 555;
  private static final long USER = 42;
  private static final String KEY = ConversationKeys.of("channel-user", GUILD, 9, USER);

  private final List<Vertx> started = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (Vertx v : started) {
      await(v.close());
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private Vertx boot(int partitions) throws Exception {
    BotConfig config =
        TestConfigs.with(dir, Map.of("BOT_INSTANCES_CONVERSATION", Integer.toString(partitions)));
    BotServices services = TestServices.of(config);
    Vertx vertx = Vertx.vertx();
    started.add(vertx);
    LocalRecordCodec.install(vertx.eventBus());
    for (int i = 0; i < partitions; i++) {
      await(vertx.deployVerticle(new ConversationVerticle(services, i)));
      await(vertx.deployVerticle(new ContextVerticle(services, i)));
    }
    return vertx;
  }

  private static <T> T ask(Vertx vertx, String base, long partitionKey, int n, Object body)
      throws Exception {
    int p = Partitioner.partition(partitionKey, n);
    Message<T> m = await(vertx.eventBus().request(Addresses.partition(base, p), body));
    return m.body();
  }

  private static <T> T askKey(Vertx vertx, String base, String key, int n, Object body)
      throws Exception {
    Message<T> m =
        await(
            vertx
                .eventBus()
                .request(Addresses.partition(base, Partitioner.partition(key, n)), body));
    return m.body();
  }

  @Test
  void aRestartRestoresConversationsServerContextAndProfilesEvenWithMorePartitions()
      throws Exception {
    Vertx first = boot(2);
    Ack ack =
        askKey(
            first,
            Addresses.CONVERSATION_RECORD,
            KEY,
            2,
            new RecordExchange(KEY, "my cat is called Miso", "Nice name!"));
    assertThat(ack.changed()).isTrue();
    OpAnswer remembered =
        ask(
            first,
            Addresses.CONTEXT_RUN,
            GUILD,
            2,
            new ContextCommand(ContextCommand.Op.REMEMBER, GUILD, USER, "ann", "likes tea"));
    assertThat(remembered.text()).isEqualTo("Remembered that about ann.");
    OpAnswer dup =
        ask(
            first,
            Addresses.CONTEXT_RUN,
            GUILD,
            2,
            new ContextCommand(ContextCommand.Op.REMEMBER, GUILD, USER, "ann", "Likes tea!"));
    assertThat(dup.changed()).isFalse();
    ask(
        first,
        Addresses.PROFILE_RUN,
        USER,
        2,
        new ProfileCommand(ProfileCommand.Op.ADD, USER, "your", "enjoys puns"));
    await(first.close()); // stops every verticle: the final flush
    started.remove(first);
    assertThat(dir.resolve("conversations-" + Partitioner.partition(KEY, 2) + ".json")).exists();

    Vertx second = boot(3);
    History h = askKey(second, Addresses.CONVERSATION_HISTORY, KEY, 3, new HistoryRequest(KEY));
    assertThat(h.turns())
        .containsExactly(Turn.user("my cat is called Miso"), Turn.model("Nice name!"));
    PromptBlock server =
        ask(second, Addresses.CONTEXT_BLOCK, GUILD, 3, new PromptBlockRequest(GUILD, USER));
    assertThat(server.text()).isEqualTo("- About ann: likes tea");
    PromptBlock profile =
        ask(second, Addresses.PROFILE_BLOCK, USER, 3, new PromptBlockRequest(GUILD, USER));
    assertThat(profile.text()).isEqualTo("- enjoys puns");
    OpAnswer stats =
        ask(
            second,
            Addresses.CONTEXT_RUN,
            GUILD,
            3,
            new ContextCommand(ContextCommand.Op.STATS, GUILD, 0, "", ""));
    assertThat(stats.text()).startsWith("Server context: 1/60 moments");
  }

  @Test
  void aCorruptConversationFileFallsBackToItsBackupOnStart() throws Exception {
    Vertx first = boot(1);
    askKey(first, Addresses.CONVERSATION_RECORD, KEY, 1, new RecordExchange(KEY, "one", "1"));
    await(first.close());
    started.remove(first);
    Vertx again = boot(1);
    askKey(again, Addresses.CONVERSATION_RECORD, KEY, 1, new RecordExchange(KEY, "two", "2"));
    await(again.close());
    started.remove(again);
    Path main = dir.resolve("conversations-0.json");
    Files.writeString(main, "{\"version\":1,\"data\":{\"cu:");

    Vertx third = boot(1);
    History h = askKey(third, Addresses.CONVERSATION_HISTORY, KEY, 1, new HistoryRequest(KEY));
    assertThat(h.turns()).containsExactly(Turn.user("one"), Turn.model("1"));
  }
}
