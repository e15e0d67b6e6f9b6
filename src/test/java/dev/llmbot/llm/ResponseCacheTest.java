package dev.llmbot.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.llmbot.bus.LlmResult;
import dev.llmbot.config.CacheConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The response cache on its own: TTL by an injected ticker, coalescing, bypass and metrics. */
class ResponseCacheTest {
  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicInteger calls = new AtomicInteger();

  private ResponseCache cache(boolean enabled) {
    return new ResponseCache(new CacheConfig(enabled, 300, 1000), ticker, registry);
  }

  private Supplier<CompletableFuture<LlmResult>> call(String text) {
    return () -> {
      calls.incrementAndGet();
      return CompletableFuture.completedFuture(new LlmResult(text, false, false, true));
    };
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void twoIdenticalRequestsWithinTheTtlMakeOneCall() {
    ResponseCache cache = cache(true);

    ResponseCache.Lookup first = cache.get("k", call("answer")).join();
    advance(Duration.ofSeconds(299));
    ResponseCache.Lookup second = cache.get("k", call("other")).join();

    assertThat(calls).hasValue(1);
    assertThat(first.hit()).isFalse();
    assertThat(second.hit()).isTrue();
    assertThat(second.result().text()).isEqualTo("answer");
    assertThat(cache.hitRate()).isEqualTo(0.5);
  }

  @Test
  void afterTheTtlItCallsAgain() {
    ResponseCache cache = cache(true);
    cache.get("k", call("old")).join();

    advance(Duration.ofSeconds(301));
    ResponseCache.Lookup later = cache.get("k", call("new")).join();

    assertThat(calls).hasValue(2);
    assertThat(later.hit()).isFalse();
    assertThat(later.result().text()).isEqualTo("new");
  }

  @Test
  void anAnswerThatArrivedLaterStillExpiresOnTime() {
    ResponseCache cache = cache(true);
    CompletableFuture<LlmResult> pending = new CompletableFuture<>();
    CompletableFuture<ResponseCache.Lookup> first = cache.get("k", () -> pending);
    advance(Duration.ofSeconds(10));
    pending.complete(new LlmResult("late", false, false, true));
    assertThat(first.join().hit()).isFalse();

    advance(Duration.ofSeconds(299));
    assertThat(cache.get("k", call("unused")).join().hit()).isTrue();
    advance(Duration.ofSeconds(2));
    assertThat(cache.get("k", call("fresh")).join().result().text()).isEqualTo("fresh");
  }

  @Test
  void fiftyConcurrentIdenticalRequestsShareOneCall() throws Exception {
    ResponseCache cache = cache(true);
    CompletableFuture<LlmResult> pending = new CompletableFuture<>();
    Supplier<CompletableFuture<LlmResult>> slow =
        () -> {
          calls.incrementAndGet();
          return pending;
        };
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<CompletableFuture<ResponseCache.Lookup>>> asked = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        asked.add(
            pool.submit(
                () -> {
                  go.await();
                  return cache.get("same", slow);
                }));
      }
      go.countDown();
      List<CompletableFuture<ResponseCache.Lookup>> lookups = new ArrayList<>();
      for (var f : asked) {
        lookups.add(f.get(10, TimeUnit.SECONDS));
      }
      // Every request is in flight before the one call answers.
      pending.complete(new LlmResult("shared", false, false, true));

      List<ResponseCache.Lookup> done = lookups.stream().map(CompletableFuture::join).toList();
      assertThat(calls).hasValue(1);
      assertThat(done).allSatisfy(l -> assertThat(l.result().text()).isEqualTo("shared"));
      assertThat(done).filteredOn(l -> !l.hit()).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedCallIsNotCached() {
    ResponseCache cache = cache(true);
    CompletableFuture<ResponseCache.Lookup> failed =
        cache.get(
            "k",
            () -> {
              calls.incrementAndGet();
              return CompletableFuture.failedFuture(new IllegalStateException("503"));
            });
    assertThat(failed).isCompletedExceptionally();

    ResponseCache.Lookup retry = cache.get("k", call("fine")).join();

    assertThat(calls).hasValue(2);
    assertThat(retry.hit()).isFalse();
  }

  @Test
  void aCallThatThrowsFailsTheLookupInsteadOfTheCaller() {
    ResponseCache cache = cache(true);
    CompletableFuture<ResponseCache.Lookup> lookup =
        cache.get(
            "k",
            () -> {
              throw new IllegalStateException("boom");
            });
    assertThat(lookup).isCompletedExceptionally();
    assertThat(cache.get("k", call("later")).join().hit()).isFalse();
  }

  @Test
  void disabledCacheCallsEveryTime() {
    ResponseCache cache = cache(false);

    cache.get("k", call("a")).join();
    ResponseCache.Lookup second = cache.get("k", call("b")).join();

    assertThat(cache.enabled()).isFalse();
    assertThat(calls).hasValue(2);
    assertThat(second.hit()).isFalse();
    assertThat(cache.hitRate()).isZero();
  }

  @Test
  void itStaysBounded() {
    ResponseCache cache = new ResponseCache(new CacheConfig(true, 300, 10), ticker, registry);
    for (int i = 0; i < 100; i++) {
      cache.get("k" + i, call("v" + i)).join();
    }
    assertThat(cache.size()).isLessThanOrEqualTo(10);
  }

  @Test
  void statsReachMicrometerThroughTheCaffeineBinder() {
    ResponseCache cache = cache(true);
    cache.get("k", call("a")).join();
    cache.get("k", call("a")).join();
    cache.get("k", call("a")).join();

    assertThat(
            registry
                .get("cache.gets")
                .tag("cache", ResponseCache.METRIC_NAME)
                .tag("result", "hit")
                .functionCounter()
                .count())
        .isEqualTo(2);
    assertThat(
            registry
                .get("cache.gets")
                .tag("cache", ResponseCache.METRIC_NAME)
                .tag("result", "miss")
                .functionCounter()
                .count())
        .isEqualTo(1);
    assertThat(registry.get("cache.size").tag("cache", ResponseCache.METRIC_NAME).gauge().value())
        .isEqualTo(1);
  }
}
