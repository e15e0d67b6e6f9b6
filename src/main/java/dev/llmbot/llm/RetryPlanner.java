package dev.llmbot.llm;

import dev.llmbot.llm.GeminiException.Kind;
import java.util.function.DoubleSupplier;

/**
 * Decides whether a failed attempt is retried and after how long (SPEC §8). Pure: the random source
 * for jitter is injected, and nothing here waits — the caller schedules the delay. Thread-safe if
 * the random source is.
 *
 * <ul>
 *   <li>At most {@code maxAttempts} HTTP attempts per message.
 *   <li>429 with a server delay (RetryInfo or Retry-After): wait exactly that, if it is within the
 *       cap; a longer delay is not worth holding the user for, so the failure surfaces at once with
 *       the server's delay in the text.
 *   <li>A per-day quota, a safety block, 400/401/403/404 and malformed answers: never retried.
 *   <li>5xx, network errors, attempt timeouts and 429 without a delay: exponential backoff from the
 *       base delay plus random jitter, capped.
 *   <li>No retry whose delay would not leave time before the message's deadline.
 * </ul>
 */
public final class RetryPlanner {
  /** Returned by {@link #delayMillis} when the failure must surface now. */
  public static final long NO_RETRY = -1;

  private final int maxAttempts;
  private final long baseMillis;
  private final long maxDelayMillis;
  private final DoubleSupplier random;

  /**
   * @param random uniform in [0, 1), for jitter
   */
  public RetryPlanner(
      int maxAttempts, long baseMillis, long maxDelayMillis, DoubleSupplier random) {
    if (maxAttempts < 1 || baseMillis < 0 || maxDelayMillis < 0) {
      throw new IllegalArgumentException("bad retry settings");
    }
    this.maxAttempts = maxAttempts;
    this.baseMillis = baseMillis;
    this.maxDelayMillis = maxDelayMillis;
    this.random = random;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * The delay before the next attempt, or {@link #NO_RETRY}.
   *
   * @param attemptsMade attempts already made for this message (≥ 1)
   * @param failure how the last one failed
   * @param remainingMillis time left before the message's deadline
   */
  public long delayMillis(int attemptsMade, GeminiException failure, long remainingMillis) {
    if (attemptsMade >= maxAttempts || !failure.kind().retryable()) {
      return NO_RETRY;
    }
    long delay;
    long serverDelay = failure.retryAfter().map(d -> d.toMillis()).orElse(-1L);
    if (failure.kind() == Kind.RATE_LIMITED && serverDelay >= 0) {
      if (serverDelay > maxDelayMillis) {
        return NO_RETRY;
      }
      delay = serverDelay;
    } else {
      delay = Math.max(backoff(attemptsMade), Math.min(serverDelay, maxDelayMillis));
    }
    // An attempt needs some time of its own after the wait, or it can only time out.
    return delay < remainingMillis ? delay : NO_RETRY;
  }

  /**
   * Exponential backoff before attempt {@code attemptsMade + 1}: base·2^(n−1) plus up to half of
   * that again at random (so it starts at the base, 1 s by default), capped.
   */
  long backoff(int attemptsMade) {
    int shift = Math.min(attemptsMade - 1, 30);
    long exp = Math.min(maxDelayMillis, baseMillis << shift);
    long jitter = (long) (random.getAsDouble() * (exp / 2.0));
    return Math.min(maxDelayMillis, exp + jitter);
  }
}
