package dev.llmbot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmbot.app.AppHarness;
import dev.llmbot.bus.Addresses;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The operator assets in conf/: the Grafana dashboard is importable (inputs, ids, grid, targets)
 * and every metric it queries is one the bot exports; the Prometheus config scrapes the ops port.
 */
class DashboardTest {
  static final Path DASHBOARD = Path.of("conf", "grafana", "discord-llm-bot.json");

  /**
   * Meters the dashboard queries whose owners may not be on this branch yet, with the class that
   * marks the owner's presence. While that class is absent the meter is excused; once it is on the
   * classpath the meter must really be exported under this name (so a merge that renames it fails
   * here). A null marker means no component registers it yet.
   */
  static final Map<String, String> PENDING =
      Map.ofEntries(
          Map.entry("bot_llm_requests_total", "dev.llmbot.llm.GeminiClient"),
          Map.entry("bot_llm_latency_seconds_bucket", "dev.llmbot.llm.GeminiClient"),
          Map.entry("bot_llm_latency_seconds_sum", "dev.llmbot.llm.GeminiClient"),
          Map.entry("bot_llm_latency_seconds_count", "dev.llmbot.llm.GeminiClient"),
          Map.entry("bot_llm_tokens_total", "dev.llmbot.llm.GeminiClient"),
          Map.entry("bot_llm_circuit_open", "dev.llmbot.llm.GeminiClient"),
          Map.entry("cache_gets_total", "dev.llmbot.llm.ResponseCache"),
          Map.entry("cache_evictions_total", "dev.llmbot.llm.ResponseCache"),
          Map.entry("cache_size", "dev.llmbot.llm.ResponseCache"),
          Map.entry("bot_ratelimit_denials_total", "dev.llmbot.ratelimit.RateLimitService"),
          // StateMeters is used by the conversation package's flushers.
          Map.entry("bot_state_flush_seconds_count", "dev.llmbot.conversation.ContextVerticle"),
          Map.entry("bot_state_flush_seconds_sum", "dev.llmbot.conversation.ContextVerticle"),
          Map.entry("bot_ratelimit_flushes_seconds_count", "dev.llmbot.ratelimit.RateLimitService"),
          Map.entry("bot_ratelimit_flushes_seconds_sum", "dev.llmbot.ratelimit.RateLimitService"),
          Map.entry("bot_ratelimit_flush_failures_total", "dev.llmbot.ratelimit.RateLimitService"));

  static final Set<String> PROMQL_WORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "and",
          "or",
          "unless",
          "offset",
          "inf",
          "nan",
          // Aggregation operators may be followed by a by/without clause instead of "(".
          "sum",
          "min",
          "max",
          "avg",
          "group",
          "stddev",
          "stdvar",
          "count",
          "count_values",
          "bottomk",
          "topk",
          "quantile");

  @Test
  void dashboardIsImportable() throws Exception {
    JsonNode d = new ObjectMapper().readTree(Files.readString(DASHBOARD, StandardCharsets.UTF_8));
    assertThat(d.path("title").asText()).isNotBlank();
    assertThat(d.path("uid").asText()).matches("[a-zA-Z0-9_-]{1,40}");
    assertThat(d.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
    assertThat(d.path("__inputs").get(0).path("name").asText()).isEqualTo("DS_PROMETHEUS");
    assertThat(d.path("__inputs").get(0).path("pluginId").asText()).isEqualTo("prometheus");
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : d.path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("unique panel id").isTrue();
      JsonNode grid = panel.path("gridPos");
      assertThat(grid.path("w").asInt()).isBetween(1, 24);
      assertThat(grid.path("x").asInt() + grid.path("w").asInt()).isLessThanOrEqualTo(24);
      assertThat(grid.path("h").asInt()).isPositive();
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${DS_PROMETHEUS}");
      assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
      Set<String> refIds = new HashSet<>();
      for (JsonNode t : panel.path("targets")) {
        assertThat(t.path("expr").asText()).isNotBlank();
        assertThat(balanced(t.path("expr").asText())).as(t.path("expr").asText()).isTrue();
        assertThat(refIds.add(t.path("refId").asText())).isTrue();
      }
    }
    List<String> titles = new ArrayList<>();
    d.path("panels").forEach(p -> titles.add(p.path("title").asText().toLowerCase()));
    assertThat(titles)
        .anyMatch(t -> t.contains("p50") && t.contains("p95") && t.contains("p99"))
        .anyMatch(t -> t.contains("llm calls per minute"))
        .anyMatch(t -> t.contains("llm errors"))
        .anyMatch(t -> t.contains("cache hit ratio"))
        .anyMatch(t -> t.contains("denials"))
        .anyMatch(t -> t.contains("quota left"))
        .anyMatch(t -> t.contains("heap") && t.contains("rss"))
        .anyMatch(t -> t.contains("gc pause"))
        .anyMatch(t -> t.contains("roast ratio"))
        .anyMatch(t -> t.contains("active conversations"));
  }

  @Test
  void everyMetricTheDashboardQueriesIsExported() throws Exception {
    Set<String> queried = queriedMetrics();
    assertThat(queried).contains("bot_response_seconds_bucket", "process_resident_memory_bytes");

    Set<String> exported;
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    // A Gemini key and an address nobody listens on: where the Gemini client exists, one failed
    // call registers its meters; without it the offline responder answers.
    Map<String, String> env =
        Map.of(
            "GEMINI_API_KEY", "test-key",
            "GEMINI_BASE_URL", "http://127.0.0.1:" + closedPort,
            "BOT_GEMINI_MAX_ATTEMPTS", "1");
    try (AppHarness h = AppHarness.start(env, Clock.systemUTC())) {
      h.chat(AppHarness.message("d1", 1, 2, 3, "hello"));
      h.ask(Addresses.COMMAND_RUN, AppHarness.command("d2", "status", Map.of(), 1, 3));
      h.get("/health"); // the HTTP client's meters exist once one request has completed
      exported = exportedAfterAGc(h);
    }
    Set<String> missing = new TreeSet<>(queried);
    missing.removeAll(exported);
    missing.removeIf(name -> PENDING.containsKey(name) && !present(PENDING.get(name)));
    assertThat(missing).as("queried by the dashboard but not exported").isEmpty();
  }

  @Test
  void theBalanceCheckCatchesATruncatedExpression() {
    assertThat(balanced("sum(rate(x{a=\"(\"}[5m]))")).isTrue();
    assertThat(balanced("sum(rate(x[5m])")).isFalse();
    assertThat(balanced("sum(rate(x{a=\"b}[5m]))")).isFalse();
  }

  @Test
  void theMetricNameExtractorSkipsFunctionsLabelsAndRanges() {
    assertThat(
            metricNames(
                "histogram_quantile(0.95, sum by (le, trigger) (rate(a_b_bucket{x=\"y z\"}"
                    + "[$__rate_interval]))) / on (job) group_left sum(c_total offset 5m) * 60"))
        .containsExactlyInAnyOrder("a_b_bucket", "c_total");
  }

  @Test
  void prometheusScrapesTheOpsPort() throws Exception {
    String yml = Files.readString(Path.of("conf", "prometheus.yml"), StandardCharsets.UTF_8);
    JsonNode ops = new ObjectMapper().readTree(Path.of("conf", "config.json").toFile()).path("ops");
    assertThat(yml)
        .contains("job_name: discord-llm-bot")
        .contains("metrics_path: /metrics")
        .contains("\"" + ops.path("host").asText() + ":" + ops.path("port").asInt() + "\"");
  }

  private static boolean present(String marker) {
    try {
      Class.forName(marker, false, DashboardTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** The scrape's sample names, once a GC has happened (the GC pause timer appears lazily). */
  private static Set<String> exportedAfterAGc(AppHarness h) throws Exception {
    Set<String> names = Set.of();
    for (int attempt = 0; attempt < 50; attempt++) {
      names = PrometheusText.sampleNames(PrometheusText.parse(h.get("/metrics").body()));
      if (names.contains("jvm_gc_pause_seconds_sum")) {
        return names;
      }
      System.gc();
    }
    return names;
  }

  static Set<String> queriedMetrics() throws Exception {
    JsonNode d = new ObjectMapper().readTree(Files.readString(DASHBOARD, StandardCharsets.UTF_8));
    Set<String> names = new TreeSet<>();
    for (JsonNode panel : d.path("panels")) {
      for (JsonNode t : panel.path("targets")) {
        names.addAll(metricNames(t.path("expr").asText()));
      }
    }
    return names;
  }

  /** Whether brackets, braces and parentheses nest properly outside string literals. */
  static boolean balanced(String expr) {
    java.util.Deque<Character> open = new java.util.ArrayDeque<>();
    boolean inString = false;
    for (int i = 0; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      switch (c) {
        case '"' -> inString = true;
        case '(', '[', '{' -> open.push(c);
        case ')', ']', '}' -> {
          char want = c == ')' ? '(' : c == ']' ? '[' : '{';
          if (open.isEmpty() || open.pop() != want) {
            return false;
          }
        }
        default -> {}
      }
    }
    return open.isEmpty() && !inString;
  }

  /** Metric names in a PromQL expression: identifiers that are not functions, labels or words. */
  static Set<String> metricNames(String expr) {
    String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
    s = s.replaceAll("\\{[^}]*}", " ");
    s = s.replaceAll("\\[[^]]*]", " ");
    s = s.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " $1 ");
    s = s.replaceAll("\\boffset\\s+[0-9a-z]+", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\s*\\()?").matcher(s);
    while (m.find()) {
      String token = m.group();
      if (token.endsWith("(") || PROMQL_WORDS.contains(token.toLowerCase())) {
        continue;
      }
      names.add(token);
    }
    return names;
  }
}
