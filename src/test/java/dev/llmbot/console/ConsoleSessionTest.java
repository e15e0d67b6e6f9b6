package dev.llmbot.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.app.BotApp;
import dev.llmbot.testing.TestConfigs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The console session end to end in-process: piped stdin → replies on stdout → clean stop. */
class ConsoleSessionTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void pipedLinesAreAnsweredInOrderThenEofShutsDown() throws Exception {
    String input = "hello there\n\n/status\n/help\n/nosuch\n/clear\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BotApp app =
        new BotApp(
            TestConfigs.defaults(dir),
            Clock.systemUTC(),
            "test",
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8));
    app.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    app.awaitTermination();

    String text = out.toString(StandardCharsets.UTF_8);
    int greeting = text.indexOf("hello there");
    int status = text.indexOf("**Status**");
    int help = text.indexOf("Commands:");
    assertThat(greeting).as("offline answer quotes the user's words").isGreaterThanOrEqualTo(0);
    assertThat(status).isGreaterThan(greeting);
    assertThat(text).contains("LLM mode: offline").contains("Quota: ").contains("Uptime: ");
    assertThat(help).isGreaterThan(status);
    assertThat(text).contains("Unknown command /nosuch. Try /help.");
    assertThat(text).contains("I've forgotten our conversation here");
    assertThat(app.services().intake().open()).isFalse();
  }
}
