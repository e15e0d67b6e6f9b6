package dev.llmbot.llm;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.llmbot.bus.LlmResult;
import dev.llmbot.config.CacheConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The response cache of SPEC §7: answers keyed by {@link CanonicalRequest#key}, expiring a fixed
 * time after write, bounded in entries. Identical requests in flight share one call because the
 * cache stores the pending future itself; a failed call is dropped from the cache, so errors are
 * never served. Stats reach Micrometer through {@link CaffeineCacheMetrics} as {@code
 * cache.*{cache="llm.response"}}.
 *
 * <p>Thread-safe (Caffeine). Maintenance runs on the calling thread, so nothing here blocks or hops
 * threads; completion callbacks run where the call's future completes.
 */
public final class ResponseCache {
  /** The cache name in metrics. */
  public static final String METRIC_NAME = "llm.response";

  /**
   * One lookup's outcome.
   *
   * @param result the answer as the backend produced it (its flags describe that original call)
   * @param hit false only for the caller whose call produced it; true for stored answers and for
   *     callers that joined a call already in flight (they cost no API call)
   */
  public record Lookup(LlmResult result, boolean hit) {}

  private final AsyncCache<String, LlmResult> cache;

  /**
   * @param ticker the time source for expiry (tests advance a fake one)
   * @param registry where the Caffeine stats are bound
   */
  public ResponseCache(CacheConfig config, Ticker ticker, MeterRegistry registry) {
    if (!config.enabled()) {
      this.cache = null;
      return;
    }
    this.cache =
        Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(config.ttlSeconds()))
            .maximumSize(config.maxEntries())
            .ticker(ticker)
            .executor(Runnable::run)
            .recordStats()
            .buildAsync();
    CaffeineCacheMetrics.monitor(registry, cache, METRIC_NAME);
  }

  public boolean enabled() {
    return cache != null;
  }

  /**
   * The answer for {@code key}: stored, in flight, or produced by {@code call} (invoked at most
   * once, synchronously, only when nothing is stored or in flight).
   */
  public CompletableFuture<Lookup> get(String key, Supplier<CompletableFuture<LlmResult>> call) {
    if (cache == null) {
      return bypass(call);
    }
    boolean[] called = {false};
    CompletableFuture<LlmResult> answer =
        cache.get(
            key,
            (k, executor) -> {
              called[0] = true;
              return invoke(call);
            });
    boolean hit = !called[0];
    return answer.thenApply(a -> new Lookup(a, hit));
  }

  /** Calls without looking up or storing (uncacheable requests, or the cache disabled). */
  public CompletableFuture<Lookup> bypass(Supplier<CompletableFuture<LlmResult>> call) {
    return invoke(call).thenApply(a -> new Lookup(a, false));
  }

  /** The hit ratio so far, in [0, 1]; 0 when disabled or unused. */
  public double hitRate() {
    return cache == null ? 0 : cache.synchronous().stats().hitRate();
  }

  /** Entries, including calls in flight (approximate). */
  public long size() {
    return cache == null ? 0 : cache.synchronous().estimatedSize();
  }

  private static CompletableFuture<LlmResult> invoke(Supplier<CompletableFuture<LlmResult>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
