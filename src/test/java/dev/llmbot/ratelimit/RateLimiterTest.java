package dev.llmbot.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.bus.QuotaStatus;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  private static final long SEC = 1_000;
  private static final long T0 =
      LocalDateTime.parse("2026-06-01T09:00:00").atZone(LA).toInstant().toEpochMilli();

  /** Defaults after the safety factor: 9 a minute, 450 a day, burst 3, 6 a minute per user. */
  private static RateLimiter limiter(int perMinute, int perDay) {
    return new RateLimiter(new UserBuckets(3, 6), new GlobalQuota(perMinute, perDay, LA));
  }

  @Test
  void aGrantChargesOneUserTokenAndOneGlobalSlot() {
    var l = limiter(9, 450);
    Decision d = l.acquire("m1", 7, T0);
    assertThat(d.granted()).isTrue();
    assertThat(d.tokensLeft()).isEqualTo(2);
    QuotaStatus s = l.status(7, T0);
    assertThat(s.minuteRemaining()).isEqualTo(8);
    assertThat(s.dayRemaining()).isEqualTo(449);
    assertThat(s.userTokens()).isEqualTo(2);
    assertThat(l.changes()).isEqualTo(1);
  }

  @Test
  void aRetryOfTheSameMessageChargesNothingAgain() {
    var l = limiter(9, 450);
    l.acquire("m1", 7, T0);
    for (int i = 0; i < 5; i++) {
      assertThat(l.acquire("m1", 7, T0 + i * SEC).granted()).isTrue();
    }
    QuotaStatus s = l.status(7, T0 + 5 * SEC);
    assertThat(s.minuteRemaining()).isEqualTo(8);
    assertThat(s.dayRemaining()).isEqualTo(449);
    assertThat(s.userTokens()).isEqualTo(2);
  }

  @Test
  void aCacheHitConsumesOnlyTheUserAllowance() {
    var l = limiter(9, 450);
    l.acquire("m1", 7, T0);
    assertThat(l.release("m1", T0 + 100)).isTrue();
    QuotaStatus s = l.status(7, T0 + 100);
    assertThat(s.minuteRemaining()).isEqualTo(9);
    assertThat(s.dayRemaining()).isEqualTo(450);
    assertThat(s.userTokens()).isEqualTo(2);
    // A second release of the same id, or of an unknown one, gives back nothing.
    assertThat(l.release("m1", T0 + 200)).isFalse();
    assertThat(l.release("never-seen", T0 + 200)).isFalse();
    assertThat(l.status(7, T0 + 200).dayRemaining()).isEqualTo(450);
  }

  @Test
  void aRetryAfterAReleaseChargesTheGlobalSlotAgainButNotTheUser() {
    var l = limiter(9, 450);
    l.acquire("m1", 7, T0);
    l.release("m1", T0);
    assertThat(l.acquire("m1", 7, T0 + SEC).granted()).isTrue();
    QuotaStatus s = l.status(7, T0 + SEC);
    assertThat(s.dayRemaining()).isEqualTo(449);
    assertThat(s.userTokens()).isEqualTo(2);
  }

  @Test
  void theUserCheckRunsFirstAndADenialChargesNoGlobalSlot() {
    var l = limiter(9, 450);
    for (int i = 0; i < 3; i++) {
      l.acquire("m" + i, 7, T0);
    }
    Decision d = l.acquire("m3", 7, T0 + SEC);
    assertThat(d.kind()).isEqualTo(Decision.Kind.USER);
    assertThat(d.waitMillis()).isEqualTo(9 * SEC);
    assertThat(DenialTexts.of(d, LA)).contains("Try again in 9 seconds");
    assertThat(l.status(7, T0 + SEC).minuteRemaining()).isEqualTo(6);
    assertThat(l.changes()).isEqualTo(3);
  }

  @Test
  void aGlobalMinuteDenialGivesTheUserTokenBack() {
    var l = limiter(2, 450);
    l.acquire("a", 1, T0);
    l.acquire("b", 2, T0 + 10 * SEC);
    Decision d = l.acquire("c", 3, T0 + 15 * SEC);
    assertThat(d.kind()).isEqualTo(Decision.Kind.MINUTE);
    assertThat(d.retryAtMillis()).isEqualTo(T0 + 60 * SEC);
    assertThat(d.waitMillis()).isEqualTo(45 * SEC);
    assertThat(DenialTexts.of(d, LA)).contains("Try again in 45 seconds");
    assertThat(l.status(3, T0 + 15 * SEC).userTokens()).isEqualTo(3);
    // The refused id was not remembered: it is charged normally once the window has room.
    assertThat(l.acquire("c", 3, T0 + 60 * SEC).granted()).isTrue();
    assertThat(l.status(3, T0 + 60 * SEC).minuteRemaining()).isZero();
  }

  @Test
  void aUsedUpDayNamesTheResetTime() {
    var l = limiter(9, 2);
    l.acquire("a", 1, T0);
    l.acquire("b", 2, T0);
    Decision d = l.acquire("c", 3, T0 + SEC);
    assertThat(d.kind()).isEqualTo(Decision.Kind.DAY);
    long midnight =
        LocalDateTime.parse("2026-06-02T00:00:00").atZone(LA).toInstant().toEpochMilli();
    assertThat(d.retryAtMillis()).isEqualTo(midnight);
    assertThat(DenialTexts.of(d, LA))
        .isEqualTo(
            "My daily quota is used up. It resets at midnight America/Los_Angeles"
                + " (2026-06-02 07:00 UTC), in 15 h 0 min.");
    assertThat(Instant.ofEpochMilli(midnight)).isEqualTo(Instant.parse("2026-06-02T07:00:00Z"));
  }

  @Test
  void aSpammerDoesNotStarveOtherUsers() {
    var l = limiter(9, 450);
    int spam = 0;
    for (int i = 0; i < 600; i++) { // 10 a second for a minute
      if (l.acquire("s" + i, 666, T0 + i * 100L).granted()) {
        spam++;
      }
    }
    assertThat(spam).isEqualTo(3 + 5);
    // Global slot spent by the spammer in the last minute leaves 1; others are served as slots
    // free.
    assertThat(l.acquire("x", 1, T0 + 60 * SEC).granted()).isTrue();
  }

  @Test
  void rememberedRequestIdsExpireSoTheMapStaysBounded() {
    var l = limiter(1_000, 100_000);
    for (int i = 0; i < 1_000; i++) {
      l.acquire("m" + i, i, T0 + i * SEC);
    }
    l.sweep(T0 + 1_000 * SEC);
    long memory = RateLimiter.REQUEST_MEMORY_MILLIS / SEC;
    assertThat(l.rememberedRequests()).isLessThanOrEqualTo((int) memory + 1);
    assertThat(l.buckets().size()).isLessThanOrEqualTo(10);
  }

  @Test
  void aSnapshotRestoresIntoAFreshLimiter() {
    var l = limiter(9, 450);
    l.acquire("a", 1, T0);
    l.acquire("b", 1, T0 + SEC);
    l.acquire("c", 2, T0 + 2 * SEC);
    RateLimitSnapshot snap = l.snapshot(T0 + 3 * SEC);
    var fresh = limiter(9, 450);
    fresh.restore(snap, T0 + 4 * SEC);
    assertThat(fresh.status(1, T0 + 4 * SEC)).isEqualTo(l.status(1, T0 + 4 * SEC));
    assertThat(fresh.status(2, T0 + 4 * SEC)).isEqualTo(l.status(2, T0 + 4 * SEC));
    assertThat(fresh.status(1, T0 + 4 * SEC).minuteRemaining()).isEqualTo(6);
  }
}
