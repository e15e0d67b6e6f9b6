package dev.llmbot.llm;

import static dev.llmbot.llm.GeminiTestSupport.KEY;
import static dev.llmbot.llm.GeminiTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.app.BotApp;
import dev.llmbot.bus.UserTexts;
import dev.llmbot.testing.FakeGeminiServer;
import dev.llmbot.testing.TestConfigs;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The whole app in console mode with a key, against the fake: answers, errors and /status. */
class GeminiConsoleSessionTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aConsoleSessionTalksToGeminiThroughTheWholePipeline() throws Exception {
    Vertx fakeVertx = Vertx.vertx();
    try {
      FakeGeminiServer fake = await(FakeGeminiServer.start(fakeVertx));
      fake.then(
          FakeGeminiServer.okWithThought("(private reasoning)", "Hi from Gemini."),
          FakeGeminiServer.serverError(503),
          FakeGeminiServer.serverError(503),
          FakeGeminiServer.serverError(503));
      String input = "hello gemini\nsecond question\n/status\n";
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BotApp app =
          new BotApp(
              TestConfigs.with(
                  dir,
                  Map.of(
                      "GEMINI_API_KEY",
                      KEY,
                      "GEMINI_BASE_URL",
                      fake.baseUrl(),
                      "BOT_GEMINI_RETRY_BASE_MILLIS",
                      "1")),
              Clock.systemUTC(),
              "test",
              new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
              new PrintStream(out, true, StandardCharsets.UTF_8));
      app.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      app.awaitTermination();

      String text = out.toString(StandardCharsets.UTF_8);
      assertThat(text).contains("Hi from Gemini.").doesNotContain("private reasoning");
      assertThat(text).contains(UserTexts.OVERLOADED);
      assertThat(text).contains("LLM mode: gemini").doesNotContain(KEY);
      assertThat(fake.calls()).isEqualTo(4);
      assertThat(fake.requests().get(0).body())
          .contains("\"systemInstruction\"")
          .contains("hello gemini");
      assertThat(fake.requests().get(1).body()).contains("second question");
      await(fake.close());
    } finally {
      await(fakeVertx.close());
    }
  }
}
