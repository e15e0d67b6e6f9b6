package dev.llmbot.roast;

import dev.llmbot.config.BotConfig;
import dev.llmbot.config.RoastConfig;
import java.time.ZoneId;
import java.util.Map;

/** Roast configs for tests, starting from the built-in defaults. */
final class RoastFixtures {
  private RoastFixtures() {}

  static final RoastConfig DEFAULTS = BotConfig.defaults().roast();

  static RoastConfig config(double base, boolean drift, double chaosChance) {
    return with(DEFAULTS, base, drift, chaosChance, DEFAULTS.guildZones(), 100_000, 10_000);
  }

  static RoastConfig withZones(RoastConfig c, Map<Long, ZoneId> zones) {
    return with(c, c.baseChance(), c.hourlyDrift(), c.chaosChance(), zones, 100_000, 10_000);
  }

  static RoastConfig bounded(RoastConfig c, int maxUsers, int maxServers) {
    return with(
        c, c.baseChance(), c.hourlyDrift(), c.chaosChance(), c.guildZones(), maxUsers, maxServers);
  }

  private static RoastConfig with(
      RoastConfig c,
      double base,
      boolean drift,
      double chaosChance,
      Map<Long, ZoneId> zones,
      int maxUsers,
      int maxServers) {
    return new RoastConfig(
        base,
        c.maxChance(),
        drift,
        ZoneId.of("UTC"),
        zones,
        c.roastPersona(),
        c.helpfulPersona(),
        chaosChance,
        maxUsers,
        c.userIdleHours(),
        maxServers,
        c.serverIdleHours());
  }
}
