package dev.llmbot.llm;

import dev.llmbot.bus.LlmRequest;
import dev.llmbot.bus.LlmResult;
import io.vertx.core.Future;

/**
 * Something that answers an {@link LlmRequest}: the Gemini client or the offline responder. Called
 * on the LLM verticle's event loop; implementations never block it.
 */
public interface LlmBackend {
  /** Answers the request, or fails with a {@link dev.llmbot.bus.BotException}. */
  Future<LlmResult> generate(LlmRequest request);

  /** "gemini" or "offline", for /status. */
  String mode();

  /** Whether the backend's circuit breaker is open (always false offline). */
  default boolean circuitOpen() {
    return false;
  }

  /** Releases connections and timers; called when the LLM verticle stops. */
  default void close() {}
}
