package dev.llmbot.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.llm.GeminiException.Kind;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Retry decisions: which failures retry, how long to wait, and the hard limits. */
class RetryPlannerTest {
  private static GeminiException failure(Kind kind, Duration retryAfter) {
    return new GeminiException(kind, "test", 0, retryAfter, null, null);
  }

  private final RetryPlanner planner = new RetryPlanner(3, 1000, 10_000, () -> 0.0);

  @Test
  void backoffStartsAtTheBaseAndDoubles() {
    assertThat(planner.delayMillis(1, failure(Kind.UPSTREAM, null), 60_000)).isEqualTo(1000);
    assertThat(planner.delayMillis(2, failure(Kind.UPSTREAM, null), 60_000)).isEqualTo(2000);
  }

  @Test
  void jitterAddsUpToHalfTheDelay() {
    RetryPlanner max = new RetryPlanner(3, 1000, 10_000, () -> 0.999_999);
    assertThat(max.delayMillis(1, failure(Kind.TIMEOUT, null), 60_000)).isEqualTo(1499);
  }

  @Test
  void neverAFourthAttempt() {
    assertThat(planner.delayMillis(3, failure(Kind.OVERLOADED, null), 60_000))
        .isEqualTo(RetryPlanner.NO_RETRY);
  }

  @Test
  void finalKindsAreNeverRetried() {
    for (Kind k :
        new Kind[] {
          Kind.QUOTA_EXHAUSTED_DAY,
          Kind.BLOCKED,
          Kind.BAD_REQUEST,
          Kind.AUTH,
          Kind.NOT_FOUND,
          Kind.MALFORMED
        }) {
      assertThat(planner.delayMillis(1, failure(k, null), 60_000))
          .as(k.name())
          .isEqualTo(RetryPlanner.NO_RETRY);
    }
  }

  @Test
  void rateLimitHonoursTheServersDelayUpToTheCap() {
    assertThat(planner.delayMillis(1, failure(Kind.RATE_LIMITED, Duration.ofMillis(3500)), 60_000))
        .isEqualTo(3500);
    assertThat(planner.delayMillis(1, failure(Kind.RATE_LIMITED, Duration.ofSeconds(11)), 60_000))
        .isEqualTo(RetryPlanner.NO_RETRY);
  }

  @Test
  void noRetryThatWouldOutliveTheDeadline() {
    assertThat(planner.delayMillis(1, failure(Kind.RATE_LIMITED, Duration.ofSeconds(5)), 5_000))
        .isEqualTo(RetryPlanner.NO_RETRY);
    assertThat(planner.delayMillis(1, failure(Kind.UPSTREAM, null), 900))
        .isEqualTo(RetryPlanner.NO_RETRY);
  }

  @Property
  void delaysAreBoundedByTheCapAndTheDeadline(
      @ForAll @IntRange(min = 1, max = 5) int attemptsMade,
      @ForAll("kinds") Kind kind,
      @ForAll @LongRange(min = 0, max = 120_000) long serverDelay,
      @ForAll @LongRange(min = 0, max = 120_000) long remaining,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
    RetryPlanner p = new RetryPlanner(3, 1000, 10_000, () -> random);
    long delay =
        p.delayMillis(attemptsMade, failure(kind, Duration.ofMillis(serverDelay)), remaining);
    if (delay != RetryPlanner.NO_RETRY) {
      assertThat(attemptsMade).isLessThan(3);
      assertThat(kind.retryable()).isTrue();
      assertThat(delay).isBetween(0L, 10_000L).isLessThan(remaining);
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Kind> kinds() {
    return net.jqwik.api.Arbitraries.of(Kind.class);
  }
}
