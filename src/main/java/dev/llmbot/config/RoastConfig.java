package dev.llmbot.config;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * The roast-or-help engine (SPEC §4).
 *
 * @param baseChance the base roast probability
 * @param maxChance the clamp on the final probability
 * @param hourlyDrift whether the base is redrawn each clock hour
 * @param zone the default zone for the time-of-day modifier
 * @param guildZones per-guild zones, by guild id
 * @param roastPersona the roast persona's system text
 * @param helpfulPersona the helpful persona's system text
 * @param chaosChance the chance that a message turns chaos mode on while it is off
 * @param maxUsers the most per-user roast states (streak, debt) kept in memory
 * @param userIdleHours how long an idle user's roast state is kept
 * @param maxServers the most per-server roast logs kept in memory
 * @param serverIdleHours how long an idle server's roast log is kept; at least 15 so that
 *     forgetting a server never changes its server modifier (it is already at its 0.3 cap after 15
 *     hours)
 */
public record RoastConfig(
    double baseChance,
    double maxChance,
    boolean hourlyDrift,
    ZoneId zone,
    Map<Long, ZoneId> guildZones,
    String roastPersona,
    String helpfulPersona,
    double chaosChance,
    int maxUsers,
    int userIdleHours,
    int maxServers,
    int serverIdleHours) {

  static RoastConfig from(ConfigNode n) {
    double max = n.number("maxChance", 0, 1);
    double base = n.number("baseChance", 0, 1);
    if (base > max) {
      throw ConfigException.invalid(
          n.key("baseChance"), base, "a number in [0, maxChance=" + max + "]");
    }
    Map<Long, ZoneId> zones = new HashMap<>();
    for (Map.Entry<String, String> e : n.stringMap("guildZones").entrySet()) {
      String key = n.key("guildZones") + "." + e.getKey();
      long guild;
      try {
        guild = Long.parseLong(e.getKey());
      } catch (NumberFormatException ex) {
        throw ConfigException.invalid(key, e.getKey(), "guild ids as keys");
      }
      try {
        zones.put(guild, ZoneId.of(e.getValue()));
      } catch (java.time.DateTimeException ex) {
        throw ConfigException.invalid(key, e.getValue(), "a time zone id such as Europe/Paris");
      }
    }
    return new RoastConfig(
        base,
        max,
        n.bool("hourlyDrift"),
        n.zone("zone"),
        Map.copyOf(zones),
        n.nonBlank("roastPersona"),
        n.nonBlank("helpfulPersona"),
        n.number("chaosChance", 0, 1),
        n.integer("maxUsers", 1, 100_000_000),
        n.integer("userIdleHours", 1, 8760),
        n.integer("maxServers", 1, 10_000_000),
        n.integer("serverIdleHours", 15, 8760));
  }

  /** The zone for a guild's time-of-day modifier. */
  public ZoneId zoneFor(long guildId) {
    return guildZones.getOrDefault(guildId, zone);
  }
}
