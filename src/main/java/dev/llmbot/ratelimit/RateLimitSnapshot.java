package dev.llmbot.ratelimit;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The persisted rate-limit state, an immutable copy taken on the owner's event loop and written by
 * a worker ({@code data/ratelimit.json}). Full user buckets are not stored: an absent bucket is a
 * full one.
 *
 * <p>Jackson reads it back; a missing field reads as empty and a wrongly typed one makes the file
 * unreadable, which the store treats as corrupt (fallback to {@code .bak}).
 *
 * @param savedAt when the snapshot was taken (epoch millis)
 * @param minuteLog charge times in the sliding minute window, oldest first (epoch millis)
 * @param dayUsed charges counted in the current day
 * @param dayResetsAt the midnight that ends the day {@code dayUsed} belongs to (epoch millis)
 * @param users non-full buckets: user id to the instant the bucket is full again (epoch nanos)
 */
public record RateLimitSnapshot(
    long savedAt, long[] minuteLog, int dayUsed, long dayResetsAt, Map<Long, Long> users) {

  /** The format version of the file. */
  public static final int VERSION = 1;

  public RateLimitSnapshot {
    minuteLog = minuteLog == null ? new long[0] : minuteLog.clone();
    users = users == null ? Map.of() : Map.copyOf(users);
    if (dayUsed < 0) {
      throw new IllegalArgumentException("dayUsed must not be negative: " + dayUsed);
    }
  }

  @Override
  public long[] minuteLog() {
    return minuteLog.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RateLimitSnapshot s
        && savedAt == s.savedAt
        && Arrays.equals(minuteLog, s.minuteLog)
        && dayUsed == s.dayUsed
        && dayResetsAt == s.dayResetsAt
        && users.equals(s.users);
  }

  @Override
  public int hashCode() {
    return Objects.hash(savedAt, Arrays.hashCode(minuteLog), dayUsed, dayResetsAt, users);
  }

  @Override
  public String toString() {
    return "RateLimitSnapshot[savedAt="
        + savedAt
        + ", minuteLog="
        + minuteLog.length
        + " entries, dayUsed="
        + dayUsed
        + ", dayResetsAt="
        + dayResetsAt
        + ", users="
        + users.size()
        + "]";
  }
}
