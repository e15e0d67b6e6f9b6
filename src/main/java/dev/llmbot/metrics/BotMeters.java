package dev.llmbot.metrics;

import dev.llmbot.bus.Outcome;
import dev.llmbot.bus.TriggerKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The bot's own response-time meter, shared by the chat and command verticles. Names follow
 * Prometheus conventions (base unit seconds); tags are low-cardinality: trigger and outcome only,
 * never a user, channel or guild id. Thread-safe (Micrometer meters are).
 */
public final class BotMeters {
  /** Response time from receipt to reply ready, by trigger and outcome. */
  public static final String RESPONSE = "bot.response";

  private BotMeters() {}

  /** Records one reply's latency. */
  public static void recordResponse(
      MeterRegistry registry, TriggerKind trigger, Outcome outcome, long nanos) {
    responseTimer(registry, trigger.tag(), outcome.tag()).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The timer for one trigger/outcome pair (histogram buckets for p50/p95/p99 in PromQL). */
  public static Timer responseTimer(MeterRegistry registry, String trigger, String outcome) {
    return Timer.builder(RESPONSE)
        .description("Time from receiving a message or command to its reply being ready")
        .tag("trigger", trigger)
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(90))
        .register(registry);
  }
}
