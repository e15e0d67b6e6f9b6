package dev.llmbot.config;

import java.time.ZoneId;

/**
 * Quotas and per-user limits (SPEC §5).
 *
 * @param globalRpm provider requests per minute, before the safety factor
 * @param globalRpd provider requests per day, before the safety factor
 * @param safetyFactor the share of the provider's quota the bot allows itself
 * @param dayZone the zone whose midnight resets the day window
 * @param userBurst the per-user bucket size
 * @param userRefillPerMinute tokens added to a user's bucket per minute
 */
public record RateLimitConfig(
    int globalRpm,
    int globalRpd,
    double safetyFactor,
    ZoneId dayZone,
    int userBurst,
    double userRefillPerMinute) {

  static RateLimitConfig from(ConfigNode n) {
    return new RateLimitConfig(
        n.integer("globalRpm", 1, 1_000_000),
        n.integer("globalRpd", 1, 100_000_000),
        n.number("safetyFactor", 0.01, 1.0),
        n.zone("dayZone"),
        n.integer("userBurst", 1, 1000),
        n.number("userRefillPerMinute", 0.01, 10_000));
  }

  /** Requests per minute the bot allows itself (at least one). */
  public int effectiveRpm() {
    return Math.max(1, (int) Math.floor(globalRpm * safetyFactor));
  }

  /** Requests per day the bot allows itself (at least one). */
  public int effectiveRpd() {
    return Math.max(1, (int) Math.floor(globalRpd * safetyFactor));
  }
}
