package dev.llmbot.ratelimit;

import dev.llmbot.bus.QuotaStatus;
import dev.llmbot.config.RateLimitConfig;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole rate-limit decision of SPEC §5, in memory: the user's bucket first, then one global
 * slot per request id. Owned by the rate-limit verticle's event loop; not thread-safe. No method
 * does I/O: persistence reads a {@link #snapshot} and is told about changes by {@link #changes()}.
 *
 * <p>Charging rules:
 *
 * <ul>
 *   <li>A request takes one user token, then one global slot. If the global quota refuses, the user
 *       token is given back: the user got nothing for it.
 *   <li>A second acquire with the same request id (a retry of one message) is granted without
 *       charging anything again, as long as its slot is still held.
 *   <li>{@link #release} gives the global slot back (a cache hit, or no API call was made); the
 *       user token stays spent. A later acquire of a released id charges a global slot again but
 *       not the user.
 *   <li>Request ids are remembered for {@link #REQUEST_MEMORY_MILLIS}; that bounds the map by the
 *       grants of that span, which the quotas and buckets bound in turn.
 * </ul>
 */
public final class RateLimiter {
  /** How long a granted request id is remembered for retries and release. */
  public static final long REQUEST_MEMORY_MILLIS = 10 * 60_000L;

  private final UserBuckets buckets;
  private final GlobalQuota quota;
  private final Decision[] grants;
  // Insertion order is grant order, so expired ids are always at the head.
  private final LinkedHashMap<String, Held> requests = new LinkedHashMap<>();
  private long changes;

  /** One remembered request id. */
  private static final class Held {
    final long grantedAt;
    // The global slot's charge time, or NOT_HELD once released.
    long chargedAt;

    Held(long grantedAt, long chargedAt) {
      this.grantedAt = grantedAt;
      this.chargedAt = chargedAt;
    }
  }

  private static final long NOT_HELD = Long.MIN_VALUE;

  public RateLimiter(UserBuckets buckets, GlobalQuota quota) {
    this.buckets = buckets;
    this.quota = quota;
    this.grants = new Decision[buckets.burst() + 1];
    for (int i = 0; i < grants.length; i++) {
      grants[i] = Decision.granted(i);
    }
  }

  /** A limiter with the configured limits (after the safety factor). */
  public static RateLimiter from(RateLimitConfig config) {
    return new RateLimiter(
        new UserBuckets(config.userBurst(), config.userRefillPerMinute()),
        new GlobalQuota(config.effectiveRpm(), config.effectiveRpd(), config.dayZone()));
  }

  /** Checks and charges one message's allowance. */
  public Decision acquire(String requestId, long userId, long nowMillis) {
    Held held = requests.isEmpty() ? null : requests.get(requestId);
    if (held != null) {
      return retry(held, userId, nowMillis);
    }
    long user = buckets.tryAcquire(userId, nowMillis);
    if (user < 0) {
      return Decision.denied(Decision.Kind.USER, nowMillis, nowMillis - user);
    }
    GlobalQuota.Result global = quota.tryCharge(nowMillis);
    if (global != GlobalQuota.Result.OK) {
      buckets.undoLast(userId, nowMillis);
      return globalDenial(global, nowMillis);
    }
    changes++;
    expire(nowMillis);
    requests.put(requestId, new Held(nowMillis, quota.effectiveNow(nowMillis)));
    return grants[(int) Math.min(user, grants.length - 1)];
  }

  private Decision retry(Held held, long userId, long nowMillis) {
    if (held.chargedAt == NOT_HELD) {
      GlobalQuota.Result global = quota.tryCharge(nowMillis);
      if (global != GlobalQuota.Result.OK) {
        return globalDenial(global, nowMillis);
      }
      held.chargedAt = quota.effectiveNow(nowMillis);
      changes++;
    }
    return grants[Math.min(buckets.tokens(userId, nowMillis), grants.length - 1)];
  }

  private Decision globalDenial(GlobalQuota.Result global, long nowMillis) {
    if (global == GlobalQuota.Result.DAY_FULL) {
      return Decision.denied(Decision.Kind.DAY, nowMillis, quota.dayResetsAtMillis(nowMillis));
    }
    return Decision.denied(Decision.Kind.MINUTE, nowMillis, quota.minuteResetsAtMillis(nowMillis));
  }

  /**
   * Gives back the global slot held for {@code requestId}; unknown or already released ids are
   * ignored. Returns whether a slot was given back.
   */
  public boolean release(String requestId, long nowMillis) {
    Held held = requests.get(requestId);
    if (held == null || held.chargedAt == NOT_HELD) {
      return false;
    }
    long chargedAt = held.chargedAt;
    held.chargedAt = NOT_HELD;
    if (quota.release(chargedAt, nowMillis)) {
      changes++;
      return true;
    }
    return false;
  }

  /** The /status figures for {@code userId}, with both windows rolled to now. */
  public QuotaStatus status(long userId, long nowMillis) {
    return new QuotaStatus(
        quota.perMinute(),
        quota.minuteRemaining(nowMillis),
        Instant.ofEpochMilli(quota.minuteResetsAtMillis(nowMillis)),
        quota.perDay(),
        quota.dayRemaining(nowMillis),
        Instant.ofEpochMilli(quota.dayResetsAtMillis(nowMillis)),
        buckets.tokens(userId, nowMillis),
        buckets.burst());
  }

  /**
   * Housekeeping: drops full user buckets and forgotten request ids. Memory only; it does not count
   * as a change (dropped buckets are full, which is what an absent bucket means).
   */
  public void sweep(long nowMillis) {
    buckets.sweep(nowMillis);
    expire(nowMillis);
  }

  private void expire(long nowMillis) {
    long cutoff = nowMillis - REQUEST_MEMORY_MILLIS;
    Iterator<Map.Entry<String, Held>> it = requests.entrySet().iterator();
    while (it.hasNext() && it.next().getValue().grantedAt < cutoff) {
      it.remove();
    }
  }

  /**
   * A counter that grows with every change of persisted state (a charge, a release). The flusher
   * writes only when it moved since the last write. Denials change nothing that is persisted.
   */
  public long changes() {
    return changes;
  }

  /** The state to persist, as of {@code nowMillis}. */
  public RateLimitSnapshot snapshot(long nowMillis) {
    long[] minute = quota.minuteLog(nowMillis);
    int dayUsed = quota.dayUsed(nowMillis);
    long dayEnd = quota.dayResetsAtMillis(nowMillis);
    Map<Long, Long> users = new LinkedHashMap<>();
    buckets.forEachNonFull(
        nowMillis,
        (user, fullAt) -> {
          users.put(user, fullAt);
          return 0;
        });
    return new RateLimitSnapshot(nowMillis, minute, dayUsed, dayEnd, users);
  }

  /** Loads persisted state at start-up; stale parts (an old day, refilled buckets) are dropped. */
  public void restore(RateLimitSnapshot snapshot, long nowMillis) {
    quota.restore(snapshot.minuteLog(), snapshot.dayUsed(), snapshot.dayResetsAt(), nowMillis);
    snapshot.users().forEach((user, fullAt) -> buckets.restore(user, fullAt, nowMillis));
  }

  public GlobalQuota quota() {
    return quota;
  }

  public UserBuckets buckets() {
    return buckets;
  }

  /** Request ids currently remembered. */
  public int rememberedRequests() {
    return requests.size();
  }
}
