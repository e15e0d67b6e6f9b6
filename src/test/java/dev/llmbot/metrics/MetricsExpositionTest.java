package dev.llmbot.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmbot.app.AppHarness;
import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.Outcome;
import dev.llmbot.bus.Reply;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The /metrics scrape of a running bot, after one message and one command, read with the strict
 * text-format parser: well-formed, with the meters SPEC §10 asks for, Prometheus naming conventions
 * and no identifying label anywhere.
 */
class MetricsExpositionTest {
  static final long USER = 987_654_321_098_765_432L;
  static final long GUILD = 123_456_789_012_345_678L;
  static final long CHANNEL = 555_444_333_222_111_000L;

  /** Boots the bot, exercises the pipeline and a command, and returns two scrapes' text. */
  static String scrapeAfterTraffic(AppHarness h) throws Exception {
    Reply reply = h.chat(AppHarness.message("m1", GUILD, CHANNEL, USER, "hello there"));
    assertThat(reply.outcome()).isEqualTo(Outcome.ANSWERED);
    Reply status =
        h.ask(Addresses.COMMAND_RUN, AppHarness.command("c1", "status", Map.of(), GUILD, USER));
    assertThat(status.outcome()).isEqualTo(Outcome.COMMAND);
    // The first GET creates the HTTP client meters; the second scrape shows them.
    assertThat(h.get("/metrics").status()).isEqualTo(200);
    AppHarness.HttpResult scrape = h.get("/metrics");
    assertThat(scrape.status()).isEqualTo(200);
    return scrape.body();
  }

  @Test
  void scrapeIsStrictlyValidAndHasTheRequiredMeters() throws Exception {
    String text;
    try (AppHarness h = AppHarness.start(Map.of(), Clock.systemUTC())) {
      text = scrapeAfterTraffic(h);
    }
    Map<String, PrometheusText.Family> families = PrometheusText.parse(text);
    Set<String> samples = PrometheusText.sampleNames(families);

    // Response time: a histogram by trigger and outcome (p50/p95/p99 via histogram_quantile).
    PrometheusText.Family response = families.get("bot_response_seconds");
    assertThat(response).isNotNull();
    assertThat(response.type()).isEqualTo("histogram");
    assertThat(response.samples())
        .anySatisfy(
            s ->
                assertThat(s.labels())
                    .containsEntry("trigger", "mention")
                    .containsEntry("outcome", "answered")
                    .containsKey("le"))
        .anySatisfy(
            s ->
                assertThat(s.labels())
                    .containsEntry("trigger", "slash")
                    .containsEntry("outcome", "command"));

    assertThat(families.get("bot_roast_decisions_total").type()).isEqualTo("counter");
    assertThat(families.get("bot_conversations_active").samples())
        .singleElement()
        .satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
    assertThat(families.get("bot_conversation_chars").samples().get(0).value()).isPositive();
    assertThat(families.get("bot_quota_remaining").samples())
        .extracting(s -> s.labels().get("window"))
        .containsExactlyInAnyOrder("minute", "day");

    // JVM, process, Vert.x event bus, HTTP server and HTTP client.
    assertThat(samples)
        .contains(
            "jvm_memory_used_bytes",
            "jvm_threads_live_threads",
            "process_cpu_usage",
            "vertx_eventbus_handlers",
            "vertx_eventbus_processed_total",
            "vertx_eventbus_pending",
            "vertx_http_server_requests_total",
            "vertx_http_client_requests_total",
            "vertx_http_client_response_time_seconds_count");
    if (java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/status"))) {
      assertThat(families.get("process_resident_memory_bytes").samples().get(0).value())
          .isGreaterThan(1_000_000);
    }
  }

  @Test
  void namesFollowPrometheusConventionsAndNoLabelIdentifiesAnyone() throws Exception {
    String text;
    try (AppHarness h = AppHarness.start(Map.of(), Clock.systemUTC())) {
      text = scrapeAfterTraffic(h);
    }
    Map<String, PrometheusText.Family> families = PrometheusText.parse(text);
    Pattern forbiddenLabel = Pattern.compile("(?i).*(user|channel|guild|author|member)(_?id)?");
    for (PrometheusText.Family f : families.values()) {
      if (f.name().startsWith("bot_")) {
        if ("counter".equals(f.type())) {
          assertThat(f.name()).as("counter name").endsWith("_total");
        } else {
          assertThat(f.name()).as("only counters end in _total").doesNotEndWith("_total");
        }
        assertThat(f.name()).as("base units").doesNotContain("_milliseconds", "_ms");
        assertThat(f.help()).as("HELP for %s", f.name()).isNotBlank();
      }
      for (PrometheusText.Sample s : f.samples()) {
        for (Map.Entry<String, String> label : s.labels().entrySet()) {
          assertThat(label.getKey()).as("label of %s", s.name()).doesNotMatch(forbiddenLabel);
          assertThat(label.getValue())
              .as("label %s of %s", label.getKey(), s.name())
              .doesNotContain(
                  Long.toString(USER), Long.toString(GUILD), Long.toString(CHANNEL), "hello");
        }
      }
    }
  }

  @Test
  void theParserRejectsMalformedExpositions() {
    List<String> bad =
        List.of(
            "x 1",
            "# TYPE x_total counter\nx_total{a=1} 1\n",
            "# TYPE x_total counter\nx_total{a=\"1\",a=\"2\"} 1\n",
            "# TYPE x_total counter\nx_total 1\nx_total 2\n",
            "# TYPE x_total counter\nx_total one\n",
            "# TYPE x_total counter\n# TYPE x_total counter\nx_total 1\n",
            "# TYPE x_total counterish\nx_total 1\n",
            "# TYPE 1x gauge\n1x 1\n",
            "y 1\n",
            "# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na{x=\"y\"} 2\n",
            "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 1\n",
            "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_count 3\nh_sum 1\n",
            "# TYPE g gauge\ng{a=\"x\\q\"} 1\n");
    for (String text : bad) {
      assertThatThrownBy(() -> PrometheusText.parse(text))
          .as(text)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(
            PrometheusText.parse(
                    "# HELP h Help with \\\\ and \\n.\n# TYPE h histogram\n"
                        + "h_bucket{k=\"a\\\"b\",le=\"0.5\"} 1\nh_bucket{k=\"a\\\"b\",le=\"+Inf\"} 2\n"
                        + "h_count{k=\"a\\\"b\"} 2\nh_sum{k=\"a\\\"b\"} 0.7\n"
                        + "# TYPE g gauge\ng NaN\n")
                .keySet())
        .containsExactly("h", "g");
  }
}
