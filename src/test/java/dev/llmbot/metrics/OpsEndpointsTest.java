package dev.llmbot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.app.AppHarness;
import dev.llmbot.core.Readiness;
import io.vertx.core.json.JsonObject;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * /health is liveness only; /ready needs the adapter up (console or Discord) and the LLM circuit
 * not open, and answers 503 naming the failing condition otherwise; the real console adapter makes
 * the bot ready.
 */
class OpsEndpointsTest {

  /** OpsServerTest covers the status codes; this adds the body and that liveness ignores both. */
  @Test
  void notReadyUntilTheAdapterIsUpNorWhileTheLlmCircuitIsOpen() throws Exception {
    try (AppHarness h = AppHarness.start(Map.of(), Clock.systemUTC())) {
      Readiness readiness = h.app().services().readiness();
      AppHarness.HttpResult ready = h.get("/ready");
      assertThat(ready.status()).isEqualTo(503);
      assertThat(new JsonObject(ready.body()).getBoolean("adapter")).isFalse();
      assertThat(h.get("/health").status()).isEqualTo(200);

      readiness.set(Readiness.ADAPTER, true);
      ready = h.get("/ready");
      assertThat(ready.status()).isEqualTo(200);
      assertThat(new JsonObject(ready.body()).getString("status")).isEqualTo("READY");

      readiness.set(Readiness.LLM, false);
      ready = h.get("/ready");
      assertThat(ready.status()).isEqualTo(503);
      assertThat(new JsonObject(ready.body()).getBoolean("llm")).isFalse();
      AppHarness.HttpResult health = h.get("/health");
      assertThat(health.status()).as("liveness ignores readiness").isEqualTo(200);
      assertThat(new JsonObject(health.body()).getString("status")).isEqualTo("UP");

      readiness.set(Readiness.LLM, true);
      assertThat(h.get("/ready").status()).isEqualTo(200);
    }
  }

  @Test
  void consoleModeIsReadyOnceTheConsoleIsUp() throws Exception {
    PipedOutputStream typing = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(typing);
    PrintStream out = new PrintStream(new java.io.ByteArrayOutputStream(), true, "UTF-8");
    try (AppHarness h = AppHarness.start(Map.of(), Clock.systemUTC(), in, out)) {
      assertThat(h.get("/ready").status()).isEqualTo(200);
    } finally {
      typing.close();
    }
  }
}
