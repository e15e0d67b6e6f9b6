package dev.llmbot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.app.BotApp;
import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.Author;
import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.InboundMessage;
import dev.llmbot.bus.Reply;
import dev.llmbot.bus.Source;
import dev.llmbot.bus.TriggerKind;
import dev.llmbot.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every meter the running bot registers reaches Prometheus: two components registering one name
 * with different tag keys would silently lose one of them (Prometheus refuses the second).
 */
class MeterRegistrationTest {
  @TempDir Path dir;

  @Test
  void noMeterRegistrationIsRefusedWhileTheBotRuns() throws Exception {
    BotApp app =
        new BotApp(
            TestConfigs.with(dir, Map.of("BOT_INSTANCES_CONVERSATION", "2")),
            Clock.systemUTC(),
            "test",
            null,
            null);
    List<String> refused = new CopyOnWriteArrayList<>();
    app.registry()
        .config()
        .onMeterRegistrationFailed((id, reason) -> refused.add(id.getName() + ": " + reason));
    app.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    try {
      Author me = new Author(1, "op", true);
      InboundMessage m =
          new InboundMessage(
              "meters-1",
              Source.CONSOLE,
              TriggerKind.CONSOLE,
              1,
              1,
              me,
              "hi",
              null,
              System.nanoTime());
      request(app, Addresses.CHAT_REQUEST, m);
      request(
          app,
          Addresses.COMMAND_RUN,
          new CommandRequest(
              "meters-2", Source.CONSOLE, "status", Map.of(), 1, 1, me, System.nanoTime()));
      app.registry().scrape();
      assertThat(refused).isEmpty();
    } finally {
      app.shutdown().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static Reply request(BotApp app, String address, Object body) throws Exception {
    return app.vertx()
        .eventBus()
        .<Reply>request(address, body)
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS)
        .body();
  }
}
