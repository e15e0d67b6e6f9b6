package dev.llmbot.llm;

import dev.llmbot.bus.LlmRequest;
import dev.llmbot.bus.LlmResult;
import io.vertx.core.Future;

/** The backend used without a Gemini key: the deterministic {@link OfflineResponder}. */
public final class OfflineBackend implements LlmBackend {
  private final OfflineResponder responder = new OfflineResponder();

  @Override
  public Future<LlmResult> generate(LlmRequest request) {
    String text = responder.respond(request.persona(), request.userName(), request.userText());
    return Future.succeededFuture(new LlmResult(text, false, false, false));
  }

  @Override
  public String mode() {
    return "offline";
  }
}
