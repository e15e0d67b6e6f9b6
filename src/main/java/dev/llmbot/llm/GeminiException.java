package dev.llmbot.llm;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one failure type of the Gemini client. Every HTTP status, error body, network failure and
 * unusable answer is mapped to it by {@link GeminiErrors}, which also picks the user-visible text
 * from its {@link Kind}. The message is an operator detail (never the user text) and never holds
 * the API key. Immutable.
 */
public final class GeminiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, as far as the retry layer, the breaker and the user are concerned. */
  public enum Kind {
    /** 429 per-minute (or unspecified) quota; retried when the server's delay is short. */
    RATE_LIMITED(true, false),
    /** 429 naming a per-day quota: exhausted until midnight Pacific, never retried. */
    QUOTA_EXHAUSTED_DAY(false, false),
    /** 503 UNAVAILABLE, or the circuit breaker is open. */
    OVERLOADED(true, true),
    /** An attempt or the whole message ran past its deadline. */
    TIMEOUT(true, true),
    /** The prompt or the answer was blocked by the safety filter. */
    BLOCKED(false, false),
    /** 400 INVALID_ARGUMENT / FAILED_PRECONDITION (not a key problem): the request is wrong. */
    BAD_REQUEST(false, false),
    /** 401, 403, or 400 API_KEY_INVALID: the key is wrong or lacks permission. */
    AUTH(false, false),
    /** 404: the model name is wrong. */
    NOT_FOUND(false, false),
    /** 500, 504, other 5xx, and network errors. */
    UPSTREAM(true, true),
    /** A 200 whose body is not the expected JSON, or holds no usable answer. */
    MALFORMED(false, true);

    private final boolean retryable;
    private final boolean breakerFailure;

    Kind(boolean retryable, boolean breakerFailure) {
      this.retryable = retryable;
      this.breakerFailure = breakerFailure;
    }

    /** Whether another attempt may succeed (subject to delays and the deadline). */
    public boolean retryable() {
      return retryable;
    }

    /**
     * Whether it counts towards opening the circuit: only signs that the service is unhealthy do.
     * Quota, safety and configuration errors are answers from a healthy service.
     */
    public boolean breakerFailure() {
      return breakerFailure;
    }
  }

  private final Kind kind;
  private final int httpStatus;
  private final Duration retryAfter;
  private final String category;

  GeminiException(
      Kind kind, String detail, int httpStatus, Duration retryAfter, String category, Throwable c) {
    super(detail, c, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.httpStatus = httpStatus;
    this.retryAfter = retryAfter;
    this.category = category;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when no response was received. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The server's requested delay (RetryInfo or Retry-After), when it gave one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** For {@link Kind#BLOCKED}: a readable category ("harassment"), when known. */
  public Optional<String> category() {
    return Optional.ofNullable(category);
  }

  @Override
  public String toString() {
    return "GeminiException["
        + kind
        + (httpStatus > 0 ? " " + httpStatus : "")
        + "]: "
        + getMessage();
  }
}
