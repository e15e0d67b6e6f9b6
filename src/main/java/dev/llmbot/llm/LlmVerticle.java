package dev.llmbot.llm;

import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.BusErrors;
import dev.llmbot.bus.LlmRequest;
import dev.llmbot.bus.LlmStatus;
import dev.llmbot.core.BotServices;
import dev.llmbot.core.Readiness;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Owns the LLM backend on one event loop. Consumes {@link Addresses#LLM_GENERATE} and {@link
 * Addresses#LLM_STATUS}.
 */
public final class LlmVerticle extends VerticleBase {
  private final BotServices services;
  private LlmBackend backend;

  public LlmVerticle(BotServices services) {
    this.services = services;
  }

  @Override
  public Future<?> start() {
    backend = new OfflineBackend();
    if (services.config().gemini().apiKey().isPresent()) {
      org.slf4j.LoggerFactory.getLogger(LlmVerticle.class)
          .warn("GEMINI_API_KEY is set but this build has no Gemini client yet; answering offline");
    }
    var bus = vertx.eventBus();
    bus.<LlmRequest>localConsumer(
        Addresses.LLM_GENERATE,
        msg ->
            backend
                .generate(msg.body())
                .onComplete(
                    ar -> {
                      services.readiness().set(Readiness.LLM, !backend.circuitOpen());
                      if (ar.succeeded()) {
                        msg.reply(ar.result());
                      } else {
                        BusErrors.fail(msg, ar.cause());
                      }
                    }));
    bus.localConsumer(
        Addresses.LLM_STATUS,
        msg ->
            msg.reply(
                new LlmStatus(
                    backend.mode(),
                    services.config().gemini().model(),
                    0.0,
                    backend.circuitOpen())));
    return Future.succeededFuture();
  }
}
