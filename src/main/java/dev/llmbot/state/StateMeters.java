package dev.llmbot.state;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The flush meter: {@code bot.state.flush} (seconds), tagged by store kind and outcome, so a
 * dashboard shows flush count and duration. Thread-safe.
 */
public final class StateMeters {
  /** The flush timer's name. */
  public static final String FLUSH = "bot.state.flush";

  private StateMeters() {}

  /** A flusher listener that records each write's duration. */
  public static PeriodicFlusher.Listener flushTimer(MeterRegistry registry, String store) {
    Timer ok = timer(registry, store, "ok");
    Timer failed = timer(registry, store, "error");
    return (name, nanos, success) -> (success ? ok : failed).record(nanos, TimeUnit.NANOSECONDS);
  }

  private static Timer timer(MeterRegistry registry, String store, String outcome) {
    return Timer.builder(FLUSH)
        .description("Writes of a state file")
        .tag("store", store)
        .tag("outcome", outcome)
        .register(registry);
  }
}
