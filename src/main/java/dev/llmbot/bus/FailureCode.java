package dev.llmbot.bus;

/**
 * The one enum of failure codes carried by bus replies ({@code message.fail(code, text)}). The
 * failure message is always the user-visible text; {@link #outcome()} is what the user saw.
 */
public enum FailureCode {
  RATE_LIMITED(1, Outcome.RATE_LIMITED),
  QUOTA_EXHAUSTED(2, Outcome.QUOTA_EXHAUSTED),
  OVERLOADED(3, Outcome.OVERLOADED),
  TIMEOUT(4, Outcome.TIMEOUT),
  BLOCKED(5, Outcome.BLOCKED),
  TOO_LONG(6, Outcome.TOO_LONG),
  /** The bot is misconfigured (bad key, model name or request); the log says what to fix. */
  CONFIGURATION(7, Outcome.CONFIG_ERROR),
  /** A command's input or caller was refused (permissions, guild-only, validation). */
  REFUSED(8, Outcome.REFUSED),
  INTERNAL(9, Outcome.INTERNAL_ERROR);

  private final int code;
  private final Outcome outcome;

  FailureCode(int code, Outcome outcome) {
    this.code = code;
    this.outcome = outcome;
  }

  /** The numeric code used on the event bus. */
  public int code() {
    return code;
  }

  /** The user-visible outcome this failure produces. */
  public Outcome outcome() {
    return outcome;
  }

  /** The code for a bus failure code; unknown numbers (e.g. Vert.x's own -1) are INTERNAL. */
  public static FailureCode of(int code) {
    for (FailureCode c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    return INTERNAL;
  }
}
