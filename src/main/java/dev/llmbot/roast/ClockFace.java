package dev.llmbot.roast;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The time-of-day modifier in one zone, memoised for the current local hour: the zone rules are
 * consulted once per hour, and every other call is two compares. Owned by one {@link RoastScorer};
 * not thread-safe.
 */
final class ClockFace {
  private final ZoneId zone;
  private long validFrom = Long.MAX_VALUE;
  private long validUntil = Long.MIN_VALUE;
  private int hour;
  private double modifier;

  ClockFace(ZoneId zone) {
    this.zone = zone;
  }

  /** The time-of-day modifier at {@code now} (epoch millis). */
  double modifier(long now) {
    if (now < validFrom || now >= validUntil) {
      recompute(now);
    }
    return modifier;
  }

  /** The local hour at {@code now}. */
  int hour(long now) {
    if (now < validFrom || now >= validUntil) {
      recompute(now);
    }
    return hour;
  }

  private void recompute(long now) {
    ZonedDateTime local = Instant.ofEpochMilli(now).atZone(zone);
    ZonedDateTime start = local.truncatedTo(ChronoUnit.HOURS);
    // Instant arithmetic, so the window is right across DST changes and in :30/:45 offset zones.
    validFrom = start.toInstant().toEpochMilli();
    validUntil = start.toInstant().plus(1, ChronoUnit.HOURS).toEpochMilli();
    hour = local.getHour();
    modifier = Modifiers.timeOfDay(hour);
  }

  ZoneId zone() {
    return zone;
  }
}
