package dev.llmbot.core;

import dev.llmbot.config.BotConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Objects;

/**
 * What every verticle is built with: the validated config, the meter registry, the readiness board
 * and the wall clock (tests inject a fixed or mutable one). Immutable; the parts are thread-safe.
 *
 * @param config the validated configuration
 * @param registry the Micrometer registry scraped at /metrics
 * @param readiness the /ready board
 * @param intake whether new messages are taken, and how many are in flight
 * @param clock wall-clock time for prompts, windows and expiry
 * @param version the bot's version, shown by /status
 * @param startedAtMillis when the bot started, for uptime
 */
public record BotServices(
    BotConfig config,
    MeterRegistry registry,
    Readiness readiness,
    Intake intake,
    Clock clock,
    String version,
    long startedAtMillis) {

  public BotServices {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(readiness, "readiness");
    Objects.requireNonNull(intake, "intake");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(version, "version");
  }
}
