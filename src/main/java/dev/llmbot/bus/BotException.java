package dev.llmbot.bus;

import java.util.Objects;

/**
 * A failure with a code and the text the user should see. Stages throw or fail futures with it; the
 * bus carries it as {@code fail(code, userText)} and {@link BusErrors} turns it back.
 */
public class BotException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final FailureCode code;

  public BotException(FailureCode code, String userText) {
    super(userText, null, false, false);
    this.code = Objects.requireNonNull(code, "code");
  }

  public BotException(FailureCode code, String userText, Throwable cause) {
    super(userText, cause, false, false);
    this.code = Objects.requireNonNull(code, "code");
  }

  public FailureCode code() {
    return code;
  }

  /** The user-visible text. */
  public String userText() {
    return getMessage();
  }
}
