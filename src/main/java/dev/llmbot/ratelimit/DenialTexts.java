package dev.llmbot.ratelimit;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The user-visible texts of a denial (SPEC §3): the seconds to wait, or when the day resets. */
public final class DenialTexts {
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private DenialTexts() {}

  /** The text for a denial; {@code dayZone} names the zone whose midnight resets the day. */
  public static String of(Decision decision, ZoneId dayZone) {
    return switch (decision.kind()) {
      case USER -> userLimited(decision.waitMillis());
      case MINUTE -> minuteFull(decision.waitMillis());
      case DAY -> dayFull(decision.retryAtMillis(), decision.waitMillis(), dayZone);
      case GRANTED -> throw new IllegalArgumentException("not a denial: " + decision);
    };
  }

  /** The user's own bucket is empty. */
  public static String userLimited(long waitMillis) {
    return "You're sending messages too fast. Try again in " + seconds(waitMillis) + ".";
  }

  /** The bot's per-minute quota with the model is used up. */
  public static String minuteFull(long waitMillis) {
    return "I'm handling too many requests right now. Try again in " + seconds(waitMillis) + ".";
  }

  /** The bot's daily quota with the model is used up. */
  public static String dayFull(long resetAtMillis, long waitMillis, ZoneId dayZone) {
    return "My daily quota is used up. It resets at midnight "
        + dayZone.getId()
        + " ("
        + UTC_TIME.format(Instant.ofEpochMilli(resetAtMillis))
        + "), in "
        + hoursMinutes(waitMillis)
        + ".";
  }

  /** Whole seconds, rounded up and at least one: "1 second", "7 seconds". */
  static String seconds(long millis) {
    long s = Math.max(1, (millis + 999) / 1000);
    return s == 1 ? "1 second" : s + " seconds";
  }

  /** "5 h 3 min", "12 min", rounded up to the minute and at least one minute. */
  static String hoursMinutes(long millis) {
    long minutes = Math.max(1, (millis + 59_999) / 60_000);
    long h = minutes / 60;
    long m = minutes % 60;
    return h == 0 ? m + " min" : h + " h " + m + " min";
  }
}
