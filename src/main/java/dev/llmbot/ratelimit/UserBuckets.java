package dev.llmbot.ratelimit;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-user token buckets: {@code burst} tokens, refilled continuously at {@code refillPerMinute}.
 * Owned by one rate-limit verticle's event loop; not thread-safe.
 *
 * <p>Foundation version; the persisted, bounded limiter replaces it.
 */
public final class UserBuckets {
  private final int burst;
  private final double refillPerMilli;
  private final Map<Long, double[]> buckets = new HashMap<>();

  public UserBuckets(int burst, double refillPerMinute) {
    this.burst = burst;
    this.refillPerMilli = refillPerMinute / 60_000.0;
  }

  /** Takes one token; returns the milliseconds to wait if none is available, else 0. */
  public long tryAcquire(long userId, long nowMillis) {
    double[] b = buckets.computeIfAbsent(userId, k -> new double[] {burst, nowMillis});
    double tokens = Math.min(burst, b[0] + (nowMillis - b[1]) * refillPerMilli);
    b[1] = nowMillis;
    if (tokens >= 1) {
      b[0] = tokens - 1;
      return 0;
    }
    b[0] = tokens;
    return (long) Math.ceil((1 - tokens) / refillPerMilli);
  }

  /** Whole tokens the user has now. */
  public int tokens(long userId, long nowMillis) {
    double[] b = buckets.get(userId);
    if (b == null) {
      return burst;
    }
    return (int) Math.floor(Math.min(burst, b[0] + (nowMillis - b[1]) * refillPerMilli));
  }

  public int burst() {
    return burst;
  }
}
