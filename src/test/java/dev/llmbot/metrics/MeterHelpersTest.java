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
}
