package dev.llmbot.llm;

import dev.llmbot.bus.LlmRequest;
import dev.llmbot.config.GeminiConfig;
import dev.llmbot.llm.GeminiException.Kind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Gemini REST client (SPEC §8): one {@code generateContent} call per message over Vert.x
 * WebClient, with the single retry layer ({@link RetryPlanner}), a per-attempt timeout, an overall
 * deadline and a vertx-circuit-breaker around each HTTP attempt. Every failure leaves as a {@link
 * GeminiException} classified by {@link GeminiErrors}.
 *
 * <p>The API key is read from its {@code Secret} only to set the {@code x-goog-api-key} header and
 * to scrub upstream texts; it never reaches a log line, an exception or a metric.
 *
 * <p>Threads: calls may come from any Vert.x context; each call's continuations run on that
 * context. The WebClient and the breaker are thread-safe, so one client serves every instance of
 * the LLM verticle. Create it once (a collected WebClient closes its connections).
 */
public final class GeminiClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GeminiClient.class);

  /** Breaker failures older than this no longer count (it is about "consecutive" failures). */
  private static final long BREAKER_WINDOW_MILLIS = 600_000;

  /**
   * Timing and sizing, in milliseconds so tests can use tiny values.
   *
   * @param deadlineMillis the overall deadline of one message, retries included
   * @param attemptTimeoutMillis one HTTP attempt's timeout (capped by what is left of the deadline)
   * @param maxAttempts HTTP attempts per message, at most 3
   * @param retryBaseMillis the first backoff delay
   * @param maxRetryDelayMillis the cap on any retry delay, the server's included
   * @param breakerFailures consecutive failed attempts that open the circuit
   * @param breakerResetMillis how long the circuit stays open before half-opening
   * @param maxConnections the HTTP/1 connection pool size
   */
  public record Options(
      long deadlineMillis,
      long attemptTimeoutMillis,
      int maxAttempts,
      long retryBaseMillis,
      long maxRetryDelayMillis,
      int breakerFailures,
      long breakerResetMillis,
      int maxConnections) {

    public static Options from(GeminiConfig c) {
      return new Options(
          c.deadlineSeconds() * 1000L,
          c.attemptTimeoutSeconds() * 1000L,
          Math.min(3, c.maxAttempts()),
          c.retryBaseMillis(),
          c.maxRetryDelaySeconds() * 1000L,
          c.breakerFailures(),
          c.breakerResetSeconds() * 1000L,
          c.maxConnections());
    }
  }

  /** Waits before a retry; a Vert.x timer in production, instant and recorded in tests. */
  @FunctionalInterface
  public interface RetryTimer {
    Future<Void> after(long millis);

    /** A timer on {@code vertx}: never blocks a thread. */
    static RetryTimer of(Vertx vertx) {
      return millis -> {
        if (millis <= 0) {
          return Future.succeededFuture();
        }
        Promise<Void> p = Promise.promise();
        vertx.setTimer(millis, id -> p.complete());
        return p.future();
      };
    }
  }

  private final WebClient web;
  private final CircuitBreaker breaker;
  private final CanonicalRequest canonical;
  private final RetryPlanner planner;
  private final Options options;
  private final String url;
  private final String model;
  private final String apiKey;
  private final Clock clock;
  private final RetryTimer timer;
  private final LongSupplier nanoTime;
  private final MeterRegistry registry;
  private final Map<String, Counter> calls = new ConcurrentHashMap<>();
  private final Map<String, Timer> latencies = new ConcurrentHashMap<>();
  private final Map<Kind, Counter> retries = new ConcurrentHashMap<>();
  private final Counter promptTokens;
  private final Counter outputTokens;
  private final Counter thoughtTokens;
  private final Counter cachedTokens;
  private volatile Consumer<Boolean> circuitListener = open -> {};

  /** The production client: options from config, Vert.x timers, system clock. */
  public static GeminiClient create(Vertx vertx, GeminiConfig config, MeterRegistry registry) {
    return new GeminiClient(
        vertx,
        config,
        Options.from(config),
        registry,
        Clock.systemUTC(),
        RetryTimer.of(vertx),
        () -> ThreadLocalRandom.current().nextDouble(),
        System::nanoTime);
  }

  /**
   * @param random uniform in [0, 1) for retry jitter
   * @param nanoTime monotonic time for the deadline
   */
  public GeminiClient(
      Vertx vertx,
      GeminiConfig config,
      Options options,
      MeterRegistry registry,
      Clock clock,
      RetryTimer timer,
      java.util.function.DoubleSupplier random,
      LongSupplier nanoTime) {
    this.apiKey =
        config
            .apiKey()
            .reveal()
            .orElseThrow(() -> new IllegalArgumentException("GeminiClient needs an API key"));
    this.options = options;
    this.canonical = CanonicalRequest.from(config);
    this.model = config.model();
    this.url = config.baseUrl() + "/v1beta/models/" + config.model() + ":generateContent";
    this.clock = clock;
    this.timer = timer;
    this.nanoTime = nanoTime;
    this.registry = registry;
    this.planner =
        new RetryPlanner(
            Math.min(3, options.maxAttempts()),
            options.retryBaseMillis(),
            options.maxRetryDelayMillis(),
            random);
    this.web =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setUserAgent("discord-llm-bot")
                .setConnectTimeout((int) Math.min(10_000, options.attemptTimeoutMillis())),
            new PoolOptions().setHttp1MaxSize(options.maxConnections()));
    this.breaker =
        CircuitBreaker.create(
            "gemini",
            vertx,
            new CircuitBreakerOptions()
                .setMaxFailures(options.breakerFailures())
                .setResetTimeout(options.breakerResetMillis())
                .setFailuresRollingWindow(BREAKER_WINDOW_MILLIS)
                .setTimeout(-1) // our own attempt timeout applies
                .setMaxRetries(0) // the one retry layer is ours
                .setNotificationAddress(null));
    breaker.openHandler(
        v -> {
          LOG.warn("Gemini circuit breaker opened: failing fast");
          circuitListener.accept(true);
        });
    breaker.halfOpenHandler(
        v -> {
          LOG.info("Gemini circuit breaker half-open: trying one call");
          circuitListener.accept(false);
        });
    breaker.closeHandler(
        v -> {
          LOG.info("Gemini circuit breaker closed");
          circuitListener.accept(false);
        });

    this.promptTokens = tokens("prompt");
    this.outputTokens = tokens("output");
    this.thoughtTokens = tokens("thoughts");
    this.cachedTokens = tokens("cached");
    Gauge.builder("llm.circuit.open", this, c -> c.circuitOpen() ? 1 : 0)
        .description("1 while the Gemini circuit breaker is open")
        .register(registry);
  }

  /**
   * Tells {@code listener} whether the circuit is open each time it changes (for /ready). Called on
   * whichever thread changed the state.
   */
  public void onCircuitChange(Consumer<Boolean> listener) {
    this.circuitListener = listener;
  }

  /** The model id. */
  public String model() {
    return model;
  }

  /** The request shape (and cache key) this client sends. */
  public CanonicalRequest canonical() {
    return canonical;
  }

  /** Whether the breaker is open (half-open counts as not open: a call is being tried). */
  public boolean circuitOpen() {
    return breaker.state() == CircuitBreakerState.OPEN;
  }

  /** The breaker's state, for tests and /status. */
  public CircuitBreakerState circuitState() {
    return breaker.state();
  }

  /**
   * Calls the model for {@code request}: at most 3 HTTP attempts within the overall deadline. Fails
   * only with {@link GeminiException}.
   */
  public Future<GeminiAnswer> generate(LlmRequest request) {
    Buffer body = Buffer.buffer(canonical.body(request));
    long deadlineAt =
        nanoTime.getAsLong() + TimeUnit.MILLISECONDS.toNanos(options.deadlineMillis());
    return attempt(request.requestId(), body, 1, deadlineAt);
  }

  private Future<GeminiAnswer> attempt(String id, Buffer body, int n, long deadlineAt) {
    long remaining = remainingMillis(deadlineAt);
    if (remaining <= 0) {
      return Future.failedFuture(GeminiErrors.deadlineExceeded(options.deadlineMillis()));
    }
    long attemptMillis = Math.min(options.attemptTimeoutMillis(), remaining);
    // Only signs of an unhealthy service fail the breaker's future; other outcomes (answers,
    // blocks, quota and configuration errors) pass through it as values and count as successes.
    Future<Attempt> guarded = breaker.execute(() -> send(body, attemptMillis));
    return guarded
        .recover(err -> Future.succeededFuture(new Attempt(null, classify(err))))
        .compose(
            a -> {
              if (a.answer() != null) {
                return Future.succeededFuture(a.answer());
              }
              GeminiException failure = a.failure();
              boolean refused = GeminiErrors.madeNoCall(failure);
              long delay =
                  refused
                      ? RetryPlanner.NO_RETRY
                      : planner.delayMillis(n, failure, remainingMillis(deadlineAt));
              if (delay == RetryPlanner.NO_RETRY) {
                if (refused) {
                  // The transition to open was logged once; each refused call is not news.
                  LOG.debug("Gemini call for {} refused: circuit open", id);
                } else {
                  logFailure(id, n, failure);
                }
                return Future.failedFuture(failure);
              }
              retries.computeIfAbsent(failure.kind(), this::retryCounter).increment();
              LOG.debug(
                  "Gemini attempt {} for {} failed ({}); retrying in {} ms",
                  n,
                  id,
                  failure.getMessage(),
                  delay);
              return timer.after(delay).compose(v -> attempt(id, body, n + 1, deadlineAt));
            });
  }

  private GeminiException classify(Throwable err) {
    if (err instanceof OpenCircuitException) {
      return GeminiErrors.circuitOpen();
    }
    return GeminiErrors.fromFailure(err, this::scrub);
  }

  /** One HTTP attempt; fails only with breaker-worthy failures. */
  private Future<Attempt> send(Buffer body, long attemptMillis) {
    long start = nanoTime.getAsLong();
    return web.postAbs(url)
        .putHeader("content-type", "application/json; charset=utf-8")
        .putHeader("x-goog-api-key", apiKey)
        .idleTimeout(attemptMillis)
        .sendBuffer(body)
        .timeout(attemptMillis, TimeUnit.MILLISECONDS)
        .map(this::interpret)
        .otherwise(err -> new Attempt(null, GeminiErrors.fromFailure(err, this::scrub)))
        .andThen(ar -> record(ar.result(), nanoTime.getAsLong() - start))
        .compose(
            a ->
                a.failure() != null && a.failure().kind().breakerFailure()
                    ? Future.failedFuture(a.failure())
                    : Future.succeededFuture(a));
  }

  private Attempt interpret(HttpResponse<Buffer> response) {
    Buffer buf = response.body();
    byte[] bytes = buf == null ? new byte[0] : buf.getBytes();
    if (response.statusCode() != 200) {
      return new Attempt(
          null,
          GeminiErrors.fromHttp(
              response.statusCode(), response.getHeader("retry-after"), bytes, clock, this::scrub));
    }
    GeminiResponse parsed = GeminiResponse.parse(bytes);
    GeminiResponse.Usage u = parsed.usage();
    promptTokens.increment(u.prompt());
    outputTokens.increment(u.candidates());
    thoughtTokens.increment(u.thoughts());
    cachedTokens.increment(u.cached());
    return new Attempt(parsed.answer(), parsed.failure());
  }

  private void record(Attempt a, long nanos) {
    String outcome = a.answer() != null ? "ok" : a.failure().kind().name().toLowerCase(Locale.ROOT);
    calls.computeIfAbsent(outcome, this::callCounter).increment();
    latencies.computeIfAbsent(outcome, this::latencyTimer).record(nanos, TimeUnit.NANOSECONDS);
  }

  private void logFailure(String id, int attempts, GeminiException e) {
    var hint = GeminiErrors.operatorHint(e, model);
    if (hint.isPresent()) {
      LOG.error("{} [request {}]", hint.get(), id);
    } else if (e.kind() != Kind.BLOCKED) {
      LOG.warn(
          "Gemini call for {} failed after {} attempt(s): {} {}",
          id,
          attempts,
          e.kind(),
          e.getMessage());
    }
  }

  private long remainingMillis(long deadlineAt) {
    return TimeUnit.NANOSECONDS.toMillis(deadlineAt - nanoTime.getAsLong());
  }

  /** Removes the key from any text that came from outside (error bodies, network messages). */
  private String scrub(String text) {
    return text == null ? null : text.replace(apiKey, "<redacted>");
  }

  private Counter tokens(String type) {
    return Counter.builder("llm.tokens")
        .description("Gemini tokens by type, from usageMetadata")
        .tag("type", type)
        .register(registry);
  }

  private Counter callCounter(String outcome) {
    return Counter.builder("llm.api.calls")
        .description("Gemini HTTP attempts by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  private Timer latencyTimer(String outcome) {
    return Timer.builder("llm.api.latency")
        .description("Gemini HTTP attempt latency")
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(registry);
  }

  private Counter retryCounter(Kind kind) {
    return Counter.builder("llm.api.retries")
        .description("Gemini retries by the failure that caused them")
        .tag("kind", kind.name().toLowerCase(Locale.ROOT))
        .register(registry);
  }

  @Override
  public void close() {
    breaker.close();
    web.close();
  }

  /** One attempt's result: an answer, or a failure that is not the breaker's business. */
  private record Attempt(GeminiAnswer answer, GeminiException failure) {}
}
