package dev.llmbot.llm;

import dev.llmbot.bus.LlmRequest;
import dev.llmbot.bus.Persona;
import dev.llmbot.bus.Turn;
import dev.llmbot.config.BotConfig;
import dev.llmbot.config.GeminiConfig;
import dev.llmbot.config.Secret;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Shared fixtures for the llm tests: a recognisable key, configs and requests. */
final class GeminiTestSupport {
  private GeminiTestSupport() {}

  /** A key that would be easy to spot in any log line or message. */
  static final String KEY = "AIzaSy-TEST-KEY-0123456789-must-never-leak";

  static final GeminiConfig DEFAULTS = BotConfig.defaults().gemini();

  static GeminiConfig config(String baseUrl) {
    return config(baseUrl, DEFAULTS.thinkingBudget(), DEFAULTS.safetySettings());
  }

  static GeminiConfig config(
      String baseUrl, int thinkingBudget, List<GeminiConfig.SafetySetting> safety) {
    GeminiConfig d = DEFAULTS;
    return new GeminiConfig(
        Secret.of(KEY),
        d.model(),
        baseUrl,
        d.temperature(),
        d.topK(),
        d.topP(),
        d.maxOutputTokens(),
        thinkingBudget,
        safety,
        d.deadlineSeconds(),
        d.attemptTimeoutSeconds(),
        d.maxAttempts(),
        d.retryBaseMillis(),
        d.maxRetryDelaySeconds(),
        d.breakerFailures(),
        d.breakerResetSeconds(),
        d.maxConnections());
  }

  /** A three-turn conversation with non-ASCII text, quotes and a newline. */
  static LlmRequest request() {
    return request("Explain it like I'm five — with an emoji 🙂 and \"quotes\".");
  }

  static LlmRequest request(String last) {
    return new LlmRequest(
        "m-42",
        Persona.HELPFUL,
        "You are a concise, accurate assistant.\nCommands: /help, /status",
        List.of(
            Turn.user("What is a monad?"),
            Turn.model("A monoid in the category of endofunctors."),
            Turn.user(last)),
        true,
        "Ada");
  }

  /** Waits for a future from a test thread (never an event loop); rethrows its failure. */
  static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** The failure of a future that must fail. */
  static Throwable failure(Future<?> future) {
    try {
      await(future);
    } catch (Exception e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }
}
