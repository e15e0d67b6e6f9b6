package dev.llmbot.testing;

import dev.llmbot.config.BotConfig;
import dev.llmbot.core.BotServices;
import dev.llmbot.core.Intake;
import dev.llmbot.core.Readiness;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** BotServices for verticle tests: a simple registry and a fixed clock. */
public final class TestServices {
  private TestServices() {}

  public static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  public static BotServices of(BotConfig config) {
    return of(config, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  public static BotServices of(BotConfig config, Clock clock) {
    return new BotServices(
        config,
        new SimpleMeterRegistry(),
        new Readiness(),
        new Intake(),
        clock,
        "test",
        clock.millis());
  }
}
