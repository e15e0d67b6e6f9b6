package dev.llmbot.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The process's resident set size as {@code process_resident_memory_bytes}, read from {@code
 * /proc/self/status} (Linux). Where that file does not exist the gauge is not registered, so the
 * series is absent rather than a misleading zero. The JVM's own meters cover heap, GC, CPU and
 * threads; RSS is what the operating system actually charges the bot, heap or not.
 *
 * <p>Thread-safe: each read parses the file afresh. Reading procfs touches no disk, so it is fine
 * on the scraping event loop.
 */
public final class ProcessMemoryMetrics implements MeterBinder {
  /** The Micrometer name; Prometheus renders it as {@code process_resident_memory_bytes}. */
  public static final String RSS = "process.resident.memory";

  private final Path status;

  public ProcessMemoryMetrics() {
    this(Path.of("/proc/self/status"));
  }

  /** For tests: reads {@code status} instead of the running process's file. */
  ProcessMemoryMetrics(Path status) {
    this.status = status;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    if (residentBytes().isEmpty()) {
      return;
    }
    Gauge.builder(RSS, this, m -> m.residentBytes().orElse(-1))
        .description("Resident set size of the bot's process, from /proc/self/status VmRSS")
        .baseUnit(BaseUnits.BYTES)
        .register(registry);
  }

  /** VmRSS in bytes, or empty where the file or the field is missing. */
  OptionalLong residentBytes() {
    try {
      for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmRSS:")) {
          return parseKilobytes(line.substring("VmRSS:".length()));
        }
      }
      return OptionalLong.empty();
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  private static OptionalLong parseKilobytes(String field) {
    String[] parts = field.strip().split("\\s+");
    if (parts.length != 2 || !parts[1].equalsIgnoreCase("kB")) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(parts[0]) * 1024L);
  }
}
