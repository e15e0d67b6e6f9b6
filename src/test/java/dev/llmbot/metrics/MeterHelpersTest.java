package dev.llmbot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small metric pieces: RSS from procfs and the log filter. */
class MeterHelpersTest {

  @Test
  void rssIsReadFromVmRssInKilobytes(@TempDir Path dir) throws Exception {
    Path status = dir.resolve("status");
    Files.writeString(status, "Name:\tjava\nVmPeak:\t 999 kB\nVmRSS:\t   12345 kB\nThreads:\t9\n");
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ProcessMemoryMetrics(status).bindTo(registry);
    assertThat(registry.scrape()).contains("process_resident_memory_bytes 1.264128E7");
  }

  @Test
  void rssIsAbsentWhereThereIsNoProcfs(@TempDir Path dir) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new ProcessMemoryMetrics(dir.resolve("missing")).bindTo(registry);
    assertThat(registry.getMeters()).isEmpty();
    Path garbled = dir.resolve("garbled");
    assertThat(new ProcessMemoryMetrics(garbled).residentBytes()).isEmpty();
  }

  @Test
  void onlyTheVertxGaugeReRegistrationWarningIsDropped() {
    VertxGaugeWarningFilter filter = new VertxGaugeWarningFilter();
    LoggerContext context = new LoggerContext();
    var registryLogger = context.getLogger(VertxGaugeWarningFilter.REGISTRY_LOGGER);
    String vertx =
        "This Gauge has been already registered (MeterId{name='vertx.eventbus.handlers', tags=[]})";
    String ours =
        "This Gauge has been already registered (MeterId{name='bot.roast.mood', tags=[]})";
    assertThat(filter.decide(null, registryLogger, Level.WARN, vertx, null, null))
        .isEqualTo(FilterReply.DENY);
    assertThat(filter.decide(null, registryLogger, Level.WARN, ours, null, null))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(filter.decide(null, context.getLogger("other"), Level.WARN, vertx, null, null))
        .isEqualTo(FilterReply.NEUTRAL);
  }

  @Test
  void componentMeterNamesMapOntoTheOperatorNames() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new MeterNames());
    registry.counter("llm.api.calls", "outcome", "ok").increment();
    registry.timer("llm.api.latency", "outcome", "ok").record(java.time.Duration.ofMillis(5));
    registry.counter("llm.tokens", "type", "output").increment(7);
    registry.counter("llm.tokens", "type", "prompt").increment(3);
    com.github.benmanes.caffeine.cache.Cache<String, String> cache =
        com.github.benmanes.caffeine.cache.Caffeine.newBuilder().recordStats().build();
    io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics.monitor(
        registry, cache, "llm.response");
    cache.getIfPresent("a");
    registry.counter("bot.roast.decisions", "persona", "roast").increment();
    String text = registry.scrape();
    assertThat(text)
        .contains("bot_llm_requests_total{outcome=\"ok\"} 1.0")
        .contains("bot_llm_latency_seconds_count{outcome=\"ok\"} 1")
        .contains("bot_llm_tokens_total{kind=\"completion\"} 7.0")
        .contains("bot_llm_tokens_total{kind=\"prompt\"} 3.0")
        .contains("cache_gets_total{cache=\"responses\",result=\"miss\"} 1.0")
        .contains("cache_size{cache=\"responses\"}")
        .contains("bot_roast_decisions_total{persona=\"roast\"} 1.0")
        .doesNotContain("\nllm_", "llm.response");
  }
}
