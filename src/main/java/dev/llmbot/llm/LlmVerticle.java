package dev.llmbot.llm;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.BusErrors;
import dev.llmbot.bus.LlmRequest;
import dev.llmbot.bus.LlmStatus;
import dev.llmbot.bus.QuotaRelease;
import dev.llmbot.config.GeminiConfig;
import dev.llmbot.core.BotServices;
import dev.llmbot.core.Readiness;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the LLM stage on one event loop: the backend (Gemini with a key, else offline) behind the
 * response cache. Consumes {@link Addresses#LLM_GENERATE} and {@link Addresses#LLM_STATUS}, and
 * keeps the {@link Readiness#LLM} condition equal to "circuit not open".
 */
public final class LlmVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(LlmVerticle.class);

  private final BotServices services;
  private final Ticker ticker;
  private CachingBackend backend;

  public LlmVerticle(BotServices services) {
    this(services, Ticker.systemTicker());
  }

  /**
   * @param ticker the response cache's time source (tests advance a fake one)
   */
  public LlmVerticle(BotServices services, Ticker ticker) {
    this.services = services;
    this.ticker = ticker;
  }

  @Override
  public Future<?> start() {
    GeminiConfig gemini = services.config().gemini();
    Readiness readiness = services.readiness();
    LlmBackend inner;
    Function<LlmRequest, String> key;
    if (gemini.apiKey().isPresent()) {
      GeminiClient client = GeminiClient.create(vertx, gemini, services.registry());
      client.onCircuitChange(open -> readiness.set(Readiness.LLM, !open));
      inner = new GeminiBackend(client, services.clock());
      key = client.canonical()::key;
      LOG.info("LLM: Gemini model {} at {}", gemini.model(), gemini.baseUrl());
    } else {
      // The offline answer quotes the user's name, so the name is part of its key.
      CanonicalRequest offline = CanonicalRequest.from(gemini);
      inner = new OfflineBackend();
      key = r -> offline.key(r, "offline|" + r.userName());
      LOG.info("LLM: no GEMINI_API_KEY, answering with the offline responder");
    }
    backend =
        new CachingBackend(
            inner, new ResponseCache(services.config().cache(), ticker, services.registry()), key);
    readiness.set(Readiness.LLM, true);

    var bus = vertx.eventBus();
    bus.<LlmRequest>localConsumer(
        Addresses.LLM_GENERATE,
        msg ->
            backend
                .generate(msg.body())
                .onComplete(
                    ar -> {
                      if (ar.succeeded()) {
                        msg.reply(ar.result());
                        return;
                      }
                      // The pipeline only gives the slot back for answers with apiCalled=false;
                      // a call the open circuit refused used no quota either.
                      if (GeminiErrors.madeNoCall(ar.cause())) {
                        bus.send(
                            Addresses.RATELIMIT_RELEASE, new QuotaRelease(msg.body().requestId()));
                      }
                      BusErrors.fail(msg, ar.cause());
                    }));
    bus.localConsumer(
        Addresses.LLM_STATUS,
        msg ->
            msg.reply(
                new LlmStatus(
                    backend.mode(), gemini.model(), backend.hitRate(), backend.circuitOpen())));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    if (backend != null) {
      backend.close();
    }
    return Future.succeededFuture();
  }
}
