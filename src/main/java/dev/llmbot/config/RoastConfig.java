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
 */
public record RoastConfig(
    double baseChance,
    double maxChance,
    boolean hourlyDrift,
    ZoneId zone,
    Map<Long, ZoneId> guildZones,
    String roastPersona,
    String helpfulPersona) {

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
        n.nonBlank("helpfulPersona"));
  }

  /** The zone for a guild's time-of-day modifier. */
  public ZoneId zoneFor(long guildId) {
    return guildZones.getOrDefault(guildId, zone);
  }
}
