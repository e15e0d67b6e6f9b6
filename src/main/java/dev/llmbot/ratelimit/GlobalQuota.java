package dev.llmbot.ratelimit;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * The global LLM quota shared by every user: requests per minute and per day. A slot is charged
 * once per request id and can be released when no API call used it. Owned by one verticle's event
 * loop; not thread-safe.
 *
 * <p>Foundation version: fixed minute windows and a day window that resets at midnight in the day
 * zone. The persisted, sliding-window quota replaces it.
 */
public final class GlobalQuota {
  private final int perMinute;
  private final int perDay;
  private final ZoneId dayZone;
  private final Map<String, Long> charged = new HashMap<>();
  private long minuteStart;
  private int minuteUsed;
  private long dayEnd;
  private int dayUsed;

  public GlobalQuota(int perMinute, int perDay, ZoneId dayZone) {
    this.perMinute = perMinute;
    this.perDay = perDay;
    this.dayZone = dayZone;
  }

  /** Outcome of a charge. */
  public enum Result {
    OK,
    MINUTE_FULL,
    DAY_FULL
  }

  /** Charges one slot for {@code requestId}; a second charge of the same id is free. */
  public Result charge(String requestId, long nowMillis) {
    roll(nowMillis);
    if (charged.containsKey(requestId)) {
      return Result.OK;
    }
    if (dayUsed >= perDay) {
      return Result.DAY_FULL;
    }
    if (minuteUsed >= perMinute) {
      return Result.MINUTE_FULL;
    }
    dayUsed++;
    minuteUsed++;
    charged.put(requestId, nowMillis);
    return Result.OK;
  }

  /** Gives back the slot of {@code requestId} if it is still in the current windows. */
  public void release(String requestId, long nowMillis) {
    roll(nowMillis);
    Long at = charged.remove(requestId);
    if (at == null) {
      return;
    }
    if (at >= minuteStart && minuteUsed > 0) {
      minuteUsed--;
    }
    if (dayUsed > 0 && at < dayEnd) {
      dayUsed--;
    }
  }

  private void roll(long nowMillis) {
    if (nowMillis - minuteStart >= 60_000) {
      minuteStart = nowMillis - (nowMillis % 60_000);
      minuteUsed = 0;
      charged.values().removeIf(at -> at < minuteStart - 60_000);
    }
    if (nowMillis >= dayEnd) {
      dayUsed = 0;
      dayEnd = nextMidnight(nowMillis);
    }
  }

  private long nextMidnight(long nowMillis) {
    ZonedDateTime now = Instant.ofEpochMilli(nowMillis).atZone(dayZone);
    return now.toLocalDate().plusDays(1).atStartOfDay(dayZone).toInstant().toEpochMilli();
  }

  public int minuteRemaining(long nowMillis) {
    roll(nowMillis);
    return perMinute - minuteUsed;
  }

  public int dayRemaining(long nowMillis) {
    roll(nowMillis);
    return perDay - dayUsed;
  }

  public Instant minuteResetsAt(long nowMillis) {
    roll(nowMillis);
    return Instant.ofEpochMilli(minuteStart + 60_000);
  }

  public Instant dayResetsAt(long nowMillis) {
    roll(nowMillis);
    return Instant.ofEpochMilli(dayEnd);
  }

  public int perMinute() {
    return perMinute;
  }

  public int perDay() {
    return perDay;
  }
}
