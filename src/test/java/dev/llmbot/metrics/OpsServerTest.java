package dev.llmbot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.app.BotApp;
import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.Author;
import dev.llmbot.bus.InboundMessage;
import dev.llmbot.bus.Reply;
import dev.llmbot.bus.Source;
import dev.llmbot.bus.TriggerKind;
import dev.llmbot.core.Readiness;
import dev.llmbot.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpsServerTest {
  @TempDir Path dir;

  private BotApp app;
  // HTTP/1.1 only: the JDK client's h2c upgrade attempt is not what a Prometheus scraper does.
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() throws Exception {
    app = new BotApp(TestConfigs.defaults(dir), Clock.systemUTC(), "test", null, null);
    app.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    app.shutdown().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.opsPort() + path))
            .timeout(java.time.Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthIsLivenessOnly() throws Exception {
    HttpResponse<String> r = get("/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("UP");
  }

  @Test
  void readyWaitsForTheAdapterAndDropsWhileTheCircuitIsOpen() throws Exception {
    assertThat(get("/ready").statusCode()).as("no adapter yet").isEqualTo(503);
    app.services().readiness().set(Readiness.ADAPTER, true);
    assertThat(get("/ready").statusCode()).isEqualTo(200);
    app.services().readiness().set(Readiness.LLM, false);
    HttpResponse<String> r = get("/ready");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("\"llm\":false");
  }

  @Test
  void metricsShowJvmMetersAndTheResponseHistogramAfterOneMessage() throws Exception {
    InboundMessage m =
        new InboundMessage(
            "ops-1",
            Source.CONSOLE,
            TriggerKind.CONSOLE,
            1,
            1,
            new Author(1, "op", true),
            "hi",
            null,
            System.nanoTime());
    Reply reply =
        app.vertx()
            .eventBus()
            .<Reply>request(Addresses.CHAT_REQUEST, m)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS)
            .body();
    assertThat(reply.chunks()).isNotEmpty();
    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("jvm_memory_used_bytes")
        .contains("jvm_threads_live_threads")
        .contains("bot_response_seconds_bucket{")
        .contains("trigger=\"console\"")
        .contains("outcome=\"answered\"")
        .contains("vertx_eventbus_");
  }
}
