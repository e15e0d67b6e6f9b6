package dev.llmbot.llm;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.llmbot.bus.LlmRequest;
import dev.llmbot.bus.LlmResult;
import dev.llmbot.config.CacheConfig;
import dev.llmbot.config.ConfigLoader;
import dev.llmbot.config.GeminiConfig;
import dev.llmbot.config.Secret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One answer through the LLM stage: served by the response cache (key hashing plus lookup) against
 * the no-cache baseline, a real {@link GeminiClient} call to a loopback server that answers at once
 * (body building, HTTP over 127.0.0.1, parsing). The baseline leaves out the network and the model,
 * which cost 0.5–10 s against the real API, so the ratio is a floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ResponseCacheBenchmark {
  @Param({"2000", "50000"})
  public int contextChars;

  private static final String ANSWER =
      "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"A short answer"
          + " of a few words.\"}]},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":"
          + "{\"promptTokenCount\":12000,\"candidatesTokenCount\":8,\"totalTokenCount\":12008}}";

  private Vertx vertx;
  private HttpServer server;
  private GeminiClient client;
  private LlmBackend uncached;
  private CachingBackend cached;
  private LlmRequest request;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            b ->
                                req.response()
                                    .putHeader("content-type", "application/json")
                                    .end(ANSWER)))
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get();
    GeminiConfig d = ConfigLoader.load((Path) null, Map.of()).gemini();
    GeminiConfig config =
        new GeminiConfig(
            Secret.of("bench-key"),
            d.model(),
            "http://127.0.0.1:" + server.actualPort(),
            d.temperature(),
            d.topK(),
            d.topP(),
            d.maxOutputTokens(),
            d.thinkingBudget(),
            d.safetySettings(),
            d.deadlineSeconds(),
            d.attemptTimeoutSeconds(),
            d.maxAttempts(),
            d.retryBaseMillis(),
            d.maxRetryDelaySeconds(),
            d.breakerFailures(),
            d.breakerResetSeconds(),
            d.maxConnections());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    client = GeminiClient.create(vertx, config, registry);
    uncached = new GeminiBackend(client, Clock.systemUTC());
    cached =
        new CachingBackend(
            uncached,
            new ResponseCache(new CacheConfig(true, 300, 1000), Ticker.systemTicker(), registry),
            client.canonical()::key);
    request = LlmBenchInputs.request(contextChars);
    cached.generate(request).toCompletionStage().toCompletableFuture().get(); // warm the entry
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    client.close();
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  @Benchmark
  public LlmResult cacheHit() throws Exception {
    return cached.generate(request).toCompletionStage().toCompletableFuture().get();
  }

  @Benchmark
  public LlmResult baselineNoCache() throws Exception {
    return uncached.generate(request).toCompletionStage().toCompletableFuture().get();
  }
}
