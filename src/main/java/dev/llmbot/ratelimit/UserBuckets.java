package dev.llmbot.ratelimit;

import java.util.function.LongBinaryOperator;

/**
 * Per-user token buckets: {@code burst} tokens each, refilled continuously at {@code
 * refillPerMinute}. Owned by the rate-limit verticle's event loop; not thread-safe.
 *
 * <p>Each bucket is stored as one number, the instant at which it will be full again (the
 * "theoretical arrival time" of the generic cell rate algorithm, which is arithmetically the same
 * as a token bucket): with emission interval {@code T = 1 min / refill}, a user has {@code burst -
 * (fullAt - now) / T} tokens. Taking a token moves {@code fullAt} to {@code max(fullAt, now) + T}
 * and is allowed while that stays within {@code burst * T} of now. One long per user, no timer per
 * bucket, no floating-point drift.
 *
 * <p>A bucket whose {@code fullAt} has passed is full and carries no information, so it is dropped
 * ({@link #sweep}, and before the table would grow): memory is bounded by the users active in the
 * last {@code burst * T}, not by every user ever seen. The table is an open-addressing hash table
 * in one primitive array, each user id next to its bucket, so a check allocates nothing (user ids
 * are Discord snowflakes; boxing them would allocate on every check) and usually touches one cache
 * line.
 */
public final class UserBuckets {
  private static final int MIN_CAPACITY = 16;

  private final int burst;
  private final long intervalNanos;
  private final long burstNanos;

  // Slot s holds the user id at table[2s] and its fullAt at table[2s + 1]; "at" below is 2s.
  // fullAt == 0 marks a free slot: a live bucket always has fullAt > now > 0.
  private long[] table = new long[2 * MIN_CAPACITY];
  private int size;
  // The last grant, so that undoLast() needs no second lookup: its slot and the value it replaced.
  private int lastAt = -1;
  private long lastKey;
  private long lastBefore;

  /**
   * @param burst the bucket size (at least 1)
   * @param refillPerMinute tokens added per minute (positive)
   */
  public UserBuckets(int burst, double refillPerMinute) {
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1: " + burst);
    }
    if (!(refillPerMinute > 0) || Double.isInfinite(refillPerMinute)) {
      throw new IllegalArgumentException("refillPerMinute must be positive: " + refillPerMinute);
    }
    this.burst = burst;
    this.intervalNanos = Math.max(1, Math.round(60e9 / refillPerMinute));
    this.burstNanos = intervalNanos * burst;
  }

  /**
   * Takes one token from {@code userId}'s bucket.
   *
   * @return the whole tokens left after taking one (≥ 0) when granted; otherwise the negated
   *     milliseconds to wait until a token is available (≤ −1)
   */
  public long tryAcquire(long userId, long nowMillis) {
    long now = toNanos(nowMillis);
    int at = find(userId);
    long start = at >= 0 ? Math.max(table[at + 1], now) : now;
    long next = start + intervalNanos;
    if (next - now > burstNanos) {
      // Denied: the bucket is unchanged. A token is back when fullAt - now <= (burst - 1) * T.
      long waitNanos = start - now - (burstNanos - intervalNanos);
      return -Math.max(1, ceilDiv(waitNanos, 1_000_000L));
    }
    if (at >= 0) {
      lastBefore = table[at + 1];
      table[at + 1] = next;
    } else {
      // A new bucket: undoing it leaves a full one (fullAt = now), which a sweep drops.
      lastBefore = now;
      at = insert(userId, next, now);
    }
    lastAt = at;
    lastKey = userId;
    return (burstNanos - (next - now)) / intervalNanos;
  }

  /**
   * Undoes the last successful {@link #tryAcquire} of {@code userId} exactly (the global quota
   * refused the request, so the user got nothing for it). Falls back to {@link #refund} if another
   * change came in between.
   */
  public void undoLast(long userId, long nowMillis) {
    if (lastAt >= 0 && lastKey == userId && table[lastAt] == userId && table[lastAt + 1] != 0) {
      table[lastAt + 1] = lastBefore;
      lastAt = -1;
      return;
    }
    refund(userId, nowMillis);
  }

  /**
   * Gives back one token to {@code userId} (the global quota refused the request, so the user got
   * nothing for it).
   */
  public void refund(long userId, long nowMillis) {
    int at = find(userId);
    if (at < 0) {
      return;
    }
    long now = toNanos(nowMillis);
    // A bucket that becomes full keeps a fullAt of now: it is dropped by the next sweep.
    table[at + 1] = Math.max(now, table[at + 1] - intervalNanos);
  }

  /** Whole tokens {@code userId} has now. */
  public int tokens(long userId, long nowMillis) {
    int at = find(userId);
    if (at < 0) {
      return burst;
    }
    long debt = table[at + 1] - toNanos(nowMillis);
    if (debt <= 0) {
      return burst;
    }
    return (int) ((burstNanos - debt) / intervalNanos);
  }

  /** Drops every bucket that is full again; returns how many were dropped. */
  public int sweep(long nowMillis) {
    long now = toNanos(nowMillis);
    int live = liveCount(now);
    int capacity = capacityFor(live);
    if (live == size && 2 * capacity == table.length) {
      return 0; // nothing to drop and the right size: no reallocation
    }
    int before = size;
    rebuild(now, capacity);
    return before - size;
  }

  /** Buckets held in memory (users who are not full, plus full ones not yet swept). */
  public int size() {
    return size;
  }

  public int burst() {
    return burst;
  }

  /** The time one token takes to come back, in nanoseconds. */
  public long intervalNanos() {
    return intervalNanos;
  }

  /**
   * Visits every non-full bucket as {@code (userId, fullAtEpochNanos)}; the operator's result is
   * ignored.
   */
  public void forEachNonFull(long nowMillis, LongBinaryOperator visitor) {
    long now = toNanos(nowMillis);
    for (int at = 0; at < table.length; at += 2) {
      if (table[at + 1] > now) {
        visitor.applyAsLong(table[at], table[at + 1]);
      }
    }
  }

  /**
   * Restores one bucket from persisted state. A bucket that is already full is skipped, and one
   * that owes more than the current burst allows (the burst was lowered) is clamped to empty.
   */
  public void restore(long userId, long fullAtEpochNanos, long nowMillis) {
    long now = toNanos(nowMillis);
    if (fullAtEpochNanos <= now) {
      return;
    }
    long clamped = Math.min(fullAtEpochNanos, now + burstNanos);
    int at = find(userId);
    if (at >= 0) {
      table[at + 1] = clamped;
    } else {
      insert(userId, clamped, now);
    }
  }

  private static long toNanos(long millis) {
    return millis * 1_000_000L;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  private static int hash(long key) {
    // murmur3's 64-bit finaliser: snowflakes share their high (timestamp) bits.
    long h = key;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) h;
  }

  /** The index of {@code key}'s slot (its id; the bucket is at index + 1), or -1. */
  private int find(long key) {
    long[] t = table;
    int mask = t.length - 2; // even indices only
    for (int at = (hash(key) << 1) & mask; ; at = (at + 2) & mask) {
      if (t[at + 1] == 0) {
        return -1;
      }
      if (t[at] == key) {
        return at;
      }
    }
  }

  private int insert(long key, long value, long now) {
    if ((size + 1) * 4 > (table.length / 2) * 3) {
      // Before growing, drop the full buckets: they are the idle users.
      rebuild(now, capacityFor(liveCount(now) + 1));
    }
    size++;
    return put(table, key, value);
  }

  private static int put(long[] t, long key, long value) {
    int mask = t.length - 2;
    int at = (hash(key) << 1) & mask;
    while (t[at + 1] != 0) {
      at = (at + 2) & mask;
    }
    t[at] = key;
    t[at + 1] = value;
    return at;
  }

  private int liveCount(long now) {
    int n = 0;
    for (int at = 1; at < table.length; at += 2) {
      if (table[at] > now) {
        n++;
      }
    }
    return n;
  }

  /** A power of two that keeps {@code live} entries at most half full. */
  private static int capacityFor(int live) {
    int cap = MIN_CAPACITY;
    while (cap < live * 2) {
      cap <<= 1;
    }
    return cap;
  }

  private void rebuild(long now, int capacity) {
    long[] t = new long[2 * capacity];
    int n = 0;
    for (int at = 0; at < table.length; at += 2) {
      if (table[at + 1] > now) {
        put(t, table[at], table[at + 1]);
        n++;
      }
    }
    table = t;
    size = n;
    lastAt = -1;
  }
}
