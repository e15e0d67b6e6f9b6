package dev.llmbot.ratelimit;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;

/**
 * The global LLM quota shared by every user (SPEC §5): a sliding one-minute window and a day window
 * that resets at midnight in the day zone. Owned by the rate-limit verticle's event loop; not
 * thread-safe.
 *
 * <p>The minute window is an exact sliding log: the charge times of the slots still inside the last
 * 60 s, oldest first, in a ring of at most {@code perMinute} entries. A slot leaves the window 60 s
 * after it was charged, so no 60-second span ever holds more than {@code perMinute} charges (a
 * fixed window would allow twice that across a boundary). The day window counts charges since the
 * last midnight in the day zone; the next midnight is computed with the zone rules, so the 23- and
 * 25-hour days of a DST change, and zones whose midnight falls in a gap, reset at the right
 * instant.
 *
 * <p>Every read rolls both windows first, so status figures are never stale. The clock only moves
 * forward here: a wall clock stepped back is treated as standing still until it catches up, so
 * windows never reopen early.
 */
public final class GlobalQuota {
  /** The length of the minute window. */
  public static final long MINUTE_MILLIS = 60_000L;

  private final int perMinute;
  private final int perDay;
  private final ZoneId dayZone;

  // Sliding log: charge times in [head, head + count) modulo the ring's length, oldest first.
  private long[] ring = new long[4];
  private int head;
  private int count;

  private int dayUsed;
  private long dayStart = Long.MIN_VALUE;
  private long dayEnd = Long.MIN_VALUE;
  private long lastNow = Long.MIN_VALUE;

  /**
   * @param perMinute effective requests per minute (after the safety factor)
   * @param perDay effective requests per day
   * @param dayZone the zone whose midnight resets the day window
   */
  public GlobalQuota(int perMinute, int perDay, ZoneId dayZone) {
    if (perMinute < 1 || perDay < 1) {
      throw new IllegalArgumentException("limits must be positive: " + perMinute + ", " + perDay);
    }
    this.perMinute = perMinute;
    this.perDay = perDay;
    this.dayZone = dayZone;
  }

  /** What a charge attempt found. */
  public enum Result {
    OK,
    MINUTE_FULL,
    DAY_FULL
  }

  /**
   * Charges one slot at {@code nowMillis} if both windows have room. The day is checked first: when
   * it is used up, waiting for the minute would not help.
   */
  public Result tryCharge(long nowMillis) {
    long now = roll(nowMillis);
    if (dayUsed >= perDay) {
      return Result.DAY_FULL;
    }
    if (count >= perMinute) {
      return Result.MINUTE_FULL;
    }
    append(now);
    dayUsed++;
    return Result.OK;
  }

  /**
   * The time a successful {@link #tryCharge} at {@code nowMillis} recorded: the clock as this quota
   * sees it (never earlier than a previous reading). Pass it back to {@link #release}.
   */
  public long effectiveNow(long nowMillis) {
    return Math.max(nowMillis, lastNow);
  }

  /**
   * Gives back a slot charged at {@code chargedAtMillis}: it leaves the minute log if it is still
   * in it, and the day count if it was charged today. Returns whether anything changed.
   */
  public boolean release(long chargedAtMillis, long nowMillis) {
    long now = roll(nowMillis);
    boolean changed = false;
    if (chargedAtMillis > now - MINUTE_MILLIS && removeFromLog(chargedAtMillis)) {
      changed = true;
    }
    if (chargedAtMillis >= dayStart && dayUsed > 0) {
      dayUsed--;
      changed = true;
    }
    return changed;
  }

  public int minuteRemaining(long nowMillis) {
    roll(nowMillis);
    return Math.max(0, perMinute - count);
  }

  /**
   * When the next slot frees up in the minute window: the oldest charge plus 60 s, or now when the
   * window is empty.
   */
  public long minuteResetsAtMillis(long nowMillis) {
    long now = roll(nowMillis);
    return count == 0 ? now : ring[head] + MINUTE_MILLIS;
  }

  public int dayRemaining(long nowMillis) {
    roll(nowMillis);
    return Math.max(0, perDay - dayUsed);
  }

  /** The next midnight in the day zone, when the day count resets. */
  public long dayResetsAtMillis(long nowMillis) {
    roll(nowMillis);
    return dayEnd;
  }

  public int perMinute() {
    return perMinute;
  }

  public int perDay() {
    return perDay;
  }

  public ZoneId dayZone() {
    return dayZone;
  }

  /** Charges used today (after rolling to {@code nowMillis}). */
  public int dayUsed(long nowMillis) {
    roll(nowMillis);
    return dayUsed;
  }

  /** The charge times in the minute window, oldest first (after rolling to {@code nowMillis}). */
  public long[] minuteLog(long nowMillis) {
    roll(nowMillis);
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      out[i] = ring[(head + i) % ring.length];
    }
    return out;
  }

  /**
   * Restores persisted counters. The day count is kept only if it belongs to the current day (its
   * saved reset time is the current day's), and the minute log keeps only charges still inside the
   * window, the newest {@code perMinute} if the limit was lowered.
   */
  public void restore(long[] minuteLog, int savedDayUsed, long savedDayEnd, long nowMillis) {
    long now = roll(nowMillis);
    long[] sorted = minuteLog.clone();
    Arrays.sort(sorted);
    head = 0;
    count = 0;
    int from = Math.max(0, sorted.length - perMinute);
    for (int i = from; i < sorted.length; i++) {
      long t = sorted[i];
      if (t > now - MINUTE_MILLIS) {
        append(t);
        // Saved by a clock ahead of this one: hold time there rather than drop the charge.
        lastNow = Math.max(lastNow, t);
      }
    }
    if (savedDayEnd == dayEnd && savedDayUsed > 0) {
      dayUsed = savedDayUsed;
    }
  }

  private long roll(long nowMillis) {
    long now = Math.max(nowMillis, lastNow);
    lastNow = now;
    long cutoff = now - MINUTE_MILLIS;
    while (count > 0 && ring[head] <= cutoff) {
      head = (head + 1) % ring.length;
      count--;
    }
    if (now >= dayEnd) {
      dayUsed = 0;
      dayStart = midnightOf(now, 0);
      dayEnd = midnightOf(now, 1);
    }
    return now;
  }

  /** Midnight in the day zone, {@code plusDays} after the local date of {@code nowMillis}. */
  private long midnightOf(long nowMillis, int plusDays) {
    // atStartOfDay applies the zone rules: a midnight inside a DST gap becomes the gap's end.
    return Instant.ofEpochMilli(nowMillis)
        .atZone(dayZone)
        .toLocalDate()
        .plusDays(plusDays)
        .atStartOfDay(dayZone)
        .toInstant()
        .toEpochMilli();
  }

  private void append(long t) {
    if (count == ring.length) {
      // Grows up to perMinute entries: a huge configured limit costs memory only when used.
      long[] bigger = new long[Math.min(Math.max(4, ring.length * 2), Math.max(perMinute, 4))];
      for (int i = 0; i < count; i++) {
        bigger[i] = ring[(head + i) % ring.length];
      }
      ring = bigger;
      head = 0;
    }
    ring[(head + count) % ring.length] = t;
    count++;
  }

  /** Removes one entry equal to {@code t}, keeping the log ordered. */
  private boolean removeFromLog(long t) {
    for (int i = count - 1; i >= 0; i--) {
      int idx = (head + i) % ring.length;
      if (ring[idx] == t) {
        for (int j = i; j < count - 1; j++) {
          ring[(head + j) % ring.length] = ring[(head + j + 1) % ring.length];
        }
        count--;
        return true;
      }
    }
    return false;
  }
}
