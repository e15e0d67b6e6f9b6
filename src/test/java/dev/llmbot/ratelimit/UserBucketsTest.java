package dev.llmbot.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class UserBucketsTest {
  private static final long SEC = 1_000;
  private static final long T0 = 1_780_000_000_000L;
  private static final long USER = 123_456_789_012_345_678L;

  @Test
  void aFullBucketGrantsTheBurstThenAsksToWaitOneRefillInterval() {
    var b = new UserBuckets(3, 6); // one token per 10 s
    assertThat(b.tryAcquire(USER, T0)).isEqualTo(2);
    assertThat(b.tryAcquire(USER, T0)).isEqualTo(1);
    assertThat(b.tryAcquire(USER, T0)).isEqualTo(0);
    assertThat(b.tryAcquire(USER, T0)).isEqualTo(-10 * SEC);
    assertThat(b.tryAcquire(USER, T0 + 4 * SEC)).isEqualTo(-6 * SEC);
    assertThat(b.tokens(USER, T0 + 9_999)).isZero();
    assertThat(b.tokens(USER, T0 + 10 * SEC)).isEqualTo(1);
    assertThat(b.tryAcquire(USER, T0 + 10 * SEC)).isEqualTo(0);
  }

  @Test
  void tokensRefillContinuouslyUpToTheBurst() {
    var b = new UserBuckets(3, 6);
    for (int i = 0; i < 3; i++) {
      b.tryAcquire(USER, T0);
    }
    assertThat(b.tokens(USER, T0 + 15 * SEC)).isEqualTo(1);
    assertThat(b.tokens(USER, T0 + 20 * SEC)).isEqualTo(2);
    assertThat(b.tokens(USER, T0 + 30 * SEC)).isEqualTo(3);
    assertThat(b.tokens(USER, T0 + 3_600 * SEC)).isEqualTo(3); // never above the burst
    // Half a token (5 s) then a take at 15 s: 1.5 − 1 = 0.5 left, so the next one is 5 s away.
    assertThat(b.tryAcquire(USER, T0 + 15 * SEC)).isEqualTo(0);
    assertThat(b.tryAcquire(USER, T0 + 15 * SEC)).isEqualTo(-5 * SEC);
  }

  @Test
  void aFractionalRefillRateWaitsTheRoundedUpMilliseconds() {
    var b = new UserBuckets(1, 7); // 8,571.43 ms per token
    assertThat(b.tryAcquire(USER, T0)).isZero();
    assertThat(b.tryAcquire(USER, T0)).isEqualTo(-8_572);
    assertThat(b.tryAcquire(USER, T0 + 8_571)).isEqualTo(-1);
    assertThat(b.tryAcquire(USER, T0 + 8_572)).isZero();
  }

  @Test
  void aDenialDoesNotPushTheNextTokenFurtherAway() {
    var b = new UserBuckets(1, 6);
    b.tryAcquire(USER, T0);
    for (int i = 0; i < 1_000; i++) {
      assertThat(b.tryAcquire(USER, T0 + i)).isNegative();
    }
    assertThat(b.tryAcquire(USER, T0 + 10 * SEC)).isZero();
  }

  @Test
  void aRefundRestoresTheTokenJustTaken() {
    var b = new UserBuckets(3, 6);
    b.tryAcquire(USER, T0);
    b.tryAcquire(USER, T0);
    b.refund(USER, T0);
    assertThat(b.tokens(USER, T0)).isEqualTo(2);
    b.refund(USER, T0);
    b.refund(USER, T0); // never above full
    assertThat(b.tokens(USER, T0)).isEqualTo(3);
  }

  @Test
  void undoingTheLastGrantRestoresTheBucketExactly() {
    var b = new UserBuckets(3, 6);
    b.tryAcquire(USER, T0);
    b.tryAcquire(USER, T0 + 4 * SEC); // 2.4 tokens before, 1.4 after
    b.undoLast(USER, T0 + 4 * SEC);
    assertThat(b.tokens(USER, T0 + 4 * SEC)).isEqualTo(2);
    assertThat(b.tokens(USER, T0 + 10 * SEC)).isEqualTo(3);
    assertThat(b.tokens(USER, T0 + 9 * SEC)).isEqualTo(2);
    // A brand-new bucket undone is a full one.
    b.tryAcquire(99, T0);
    b.undoLast(99, T0);
    assertThat(b.tokens(99, T0)).isEqualTo(3);
    // Another user in between: falls back to a refund, which is the same arithmetic.
    b.tryAcquire(5, T0);
    b.tryAcquire(6, T0);
    b.undoLast(5, T0);
    assertThat(b.tokens(5, T0)).isEqualTo(3);
  }

  @Test
  void aSpammerIsLimitedWithoutStarvingOthers() {
    var b = new UserBuckets(3, 6);
    int spammerGrants = 0;
    for (int i = 0; i < 6_000; i++) { // 100 messages a second for a minute
      if (b.tryAcquire(1L, T0 + i * 10L) >= 0) {
        spammerGrants++;
      }
    }
    assertThat(spammerGrants).isEqualTo(3 + 5); // the burst, then one per 10 s
    for (long user = 2; user < 100; user++) {
      assertThat(b.tryAcquire(user, T0 + 60 * SEC)).isEqualTo(2);
    }
  }

  @Test
  void fullBucketsAreDroppedSoMemoryStaysBounded() {
    var b = new UserBuckets(3, 6);
    // A million distinct users, one message each, 1,000 a second.
    for (int i = 0; i < 1_000_000; i++) {
      b.tryAcquire(10_000_000L + i, T0 + i);
    }
    // Only users seen in the last 10 s (one refill interval) can still be below full; the table
    // drops full buckets before it grows, so it holds at most 3 × that (¾ of 4 × live slots).
    assertThat(b.size()).isLessThanOrEqualTo(3 * 10_000);
    assertThat(b.sweep(T0 + 1_000_000 + 10 * SEC)).isPositive();
    assertThat(b.size()).isZero();
    assertThat(b.tokens(10_000_000L, T0 + 2_000_000)).isEqualTo(3);
  }

  @Test
  void onlyNonFullBucketsAreVisitedAndRestored() {
    var b = new UserBuckets(3, 6);
    b.tryAcquire(1, T0);
    b.tryAcquire(2, T0 - 60 * SEC); // full again by T0
    var copy = new UserBuckets(3, 6);
    b.forEachNonFull(
        T0,
        (user, fullAt) -> {
          copy.restore(user, fullAt, T0);
          return 0;
        });
    assertThat(copy.size()).isEqualTo(1);
    assertThat(copy.tokens(1, T0)).isEqualTo(2);
    assertThat(copy.tokens(1, T0 + 10 * SEC)).isEqualTo(3);
  }

  @Test
  void aRestoredDebtLargerThanTheBurstIsClampedToEmpty() {
    var b = new UserBuckets(2, 6);
    b.restore(USER, (T0 + 3_600 * SEC) * 1_000_000L, T0);
    assertThat(b.tokens(USER, T0)).isZero();
    assertThat(b.tryAcquire(USER, T0 + 10 * SEC)).isZero();
  }

  /** The same bucket computed the textbook way, with fractional tokens. */
  private static final class ReferenceBucket {
    final double burst;
    final double perMilli;
    double tokens;
    long last;

    ReferenceBucket(int burst, double perMinute, long start) {
      this.burst = burst;
      this.perMilli = perMinute / 60_000.0;
      this.tokens = burst;
      this.last = start;
    }

    boolean take(long now) {
      tokens = Math.min(burst, tokens + (now - last) * perMilli);
      last = now;
      if (tokens >= 1 - 1e-9) {
        tokens -= 1;
        return true;
      }
      return false;
    }
  }

  @Property(tries = 200)
  void grantsMatchTheTextbookTokenBucket(
      @ForAll @IntRange(min = 1, max = 10) int burst,
      @ForAll @IntRange(min = 1, max = 120) int perMinute,
      @ForAll @Size(min = 1, max = 200)
          java.util.List<@LongRange(min = 0, max = 20_000) Long> gaps) {
    // Integer-millisecond refill intervals only, so that both models are exact.
    if (60_000 % perMinute != 0) {
      return;
    }
    var b = new UserBuckets(burst, perMinute);
    var ref = new ReferenceBucket(burst, perMinute, T0);
    long now = T0;
    for (long gap : gaps) {
      now += gap;
      long got = b.tryAcquire(USER, now);
      assertThat(got >= 0).isEqualTo(ref.take(now));
      if (got >= 0) {
        assertThat(got).isEqualTo((long) Math.floor(ref.tokens + 1e-9));
      }
      assertThat(b.tokens(USER, now)).isBetween(0, burst);
    }
  }
}
