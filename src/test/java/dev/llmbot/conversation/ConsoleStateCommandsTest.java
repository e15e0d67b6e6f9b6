package dev.llmbot.conversation;

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

/** The console runs the context and profile commands, and a second session still knows them. */
class ConsoleStateCommandsTest {
  @TempDir Path dir;

  private String session(String input) throws Exception {
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
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void contextAndProfileCommandsWorkInTheConsoleAndSurviveARestart() throws Exception {
    String first =
        session(
            "/remember me likes tea\n"
                + "/remember me Likes tea!\n"
                + "/addgag the printer is haunted\n"
                + "/mypersonality enjoys puns\n"
                + "/mypersonality enjoys puns\n"
                + "/setpersonality me writes Rust\n"
                + "/removepersonality writes Rust\n");
    assertThat(first)
        .contains("Remembered that about")
        .contains("I already know something very close to that")
        .contains("Added the running gag.")
        .contains("Added to your profile (1/20).")
        .contains("Your profile already has that description.")
        .contains("Added to your profile (2/20).")
        .contains("Removed it from your profile.");

    String second = session("/contextstats\n/getpersonality\n/clearpersonality\n/getpersonality\n");
    assertThat(second)
        .contains("Server context: 1/60 moments, 1/30 gags, 0/50 facts")
        .contains("Your profile:\n1. enjoys puns")
        .contains("Cleared your profile (1 descriptions removed).")
        .contains("Your profile is empty.");
  }
}
