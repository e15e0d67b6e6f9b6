package dev.llmbot.ratelimit;

/**
 * The outcome of one {@link RateLimiter#acquire}: granted with the user's tokens left, or denied
 * with the scope that refused and when to retry. Immutable; grants are shared instances so the
 * common path allocates nothing.
 */
public final class Decision {
  /** Which limit decided. */
  public enum Kind {
    GRANTED("granted"),
    USER("user"),
    MINUTE("minute"),
    DAY("day");

    private final String scope;

    Kind(String scope) {
      this.scope = scope;
    }

    /** The metrics tag value ({@code scope=user|minute|day}). */
    public String scope() {
      return scope;
    }
  }

  private final Kind kind;
  private final int tokensLeft;
  private final long retryAtMillis;
  private final long waitMillis;

  private Decision(Kind kind, int tokensLeft, long retryAtMillis, long waitMillis) {
    this.kind = kind;
    this.tokensLeft = tokensLeft;
    this.retryAtMillis = retryAtMillis;
    this.waitMillis = waitMillis;
  }

  static Decision granted(int tokensLeft) {
    return new Decision(Kind.GRANTED, tokensLeft, 0, 0);
  }

  static Decision denied(Kind kind, long nowMillis, long retryAtMillis) {
    return new Decision(kind, 0, retryAtMillis, Math.max(0, retryAtMillis - nowMillis));
  }

  public Kind kind() {
    return kind;
  }

  public boolean granted() {
    return kind == Kind.GRANTED;
  }

  /** Whole messages the user may still send right now (grants only). */
  public int tokensLeft() {
    return tokensLeft;
  }

  /** When a retry can succeed (denials only): a token back, a minute slot free, or midnight. */
  public long retryAtMillis() {
    return retryAtMillis;
  }

  /** Milliseconds until {@link #retryAtMillis()} (denials only). */
  public long waitMillis() {
    return waitMillis;
  }

  @Override
  public String toString() {
    return granted()
        ? "Decision[granted, tokensLeft=" + tokensLeft + "]"
        : "Decision[" + kind.scope() + ", waitMillis=" + waitMillis + "]";
  }
}
