package dev.llmbot.llm;

import dev.llmbot.bus.LlmRequest;
import dev.llmbot.bus.LlmResult;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * The Gemini backend: {@link GeminiClient} answers become {@link LlmResult}s (an API call was
 * made), and its {@link GeminiException}s become the {@link dev.llmbot.bus.BotException} with the
 * user text of their kind. Runs on the caller's context.
 */
public final class GeminiBackend implements LlmBackend {
  private final GeminiClient client;
  private final Clock clock;

  public GeminiBackend(GeminiClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  @Override
  public Future<LlmResult> generate(LlmRequest request) {
    return client
        .generate(request)
        .map(a -> new LlmResult(a.text(), a.truncated(), false, true))
        .recover(
            err ->
                Future.failedFuture(
                    GeminiErrors.toBot(
                        GeminiErrors.fromFailure(err, UnaryOperator.identity()), clock)));
  }

  @Override
  public String mode() {
    return "gemini";
  }

  @Override
  public boolean circuitOpen() {
    return client.circuitOpen();
  }

  @Override
  public void close() {
    client.close();
  }
}
