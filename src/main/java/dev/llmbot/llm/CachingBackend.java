package dev.llmbot.llm;

import dev.llmbot.bus.LlmRequest;
import dev.llmbot.bus.LlmResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Puts the {@link ResponseCache} in front of any backend, Gemini or offline, so both go through the
 * same pipeline (SPEC §8). A hit (stored, or joined in flight) is reported with {@code
 * cacheHit=true, apiCalled=false}, which makes the chat pipeline give back the global quota slot
 * (SPEC §5: a hit uses only the per-user allowance). Uncacheable requests and a disabled cache go
 * straight to the backend.
 *
 * <p>Continuations run on the caller's Vert.x context, whichever thread completed the call.
 */
public final class CachingBackend implements LlmBackend {
  private final LlmBackend delegate;
  private final ResponseCache cache;
  private final Function<LlmRequest, String> key;

  /**
   * @param key the cache key of a request (SHA-256 of the canonical request)
   */
  public CachingBackend(
      LlmBackend delegate, ResponseCache cache, Function<LlmRequest, String> key) {
    this.delegate = delegate;
    this.cache = cache;
    this.key = key;
  }

  @Override
  public Future<LlmResult> generate(LlmRequest request) {
    if (!request.cacheable() || !cache.enabled()) {
      return delegate.generate(request);
    }
    Context context = Vertx.currentContext();
    CompletableFuture<ResponseCache.Lookup> lookup =
        cache.get(
            key.apply(request),
            () -> delegate.generate(request).toCompletionStage().toCompletableFuture());
    Future<ResponseCache.Lookup> back =
        context == null
            ? Future.fromCompletionStage(lookup)
            : Future.fromCompletionStage(lookup, context);
    return back.map(CachingBackend::result).recover(err -> Future.failedFuture(unwrap(err)));
  }

  private static LlmResult result(ResponseCache.Lookup lookup) {
    LlmResult r = lookup.result();
    return lookup.hit() ? new LlmResult(r.text(), r.truncated(), true, false) : r;
  }

  private static Throwable unwrap(Throwable err) {
    Throwable t = err;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** The cache's hit ratio, for /status. */
  public double hitRate() {
    return cache.hitRate();
  }

  @Override
  public String mode() {
    return delegate.mode();
  }

  @Override
  public boolean circuitOpen() {
    return delegate.circuitOpen();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
