package dev.llmbot.bus;

import java.util.Locale;

/**
 * What the user saw as the result of one message or command. Every triggering message ends in
 * exactly one outcome (SPEC §3). The lower-case name is a low-cardinality metric tag.
 */
public enum Outcome {
  /** A model (or offline) answer. */
  ANSWERED,
  /** A model answer cut off at MAX_TOKENS, posted with a note. */
  TRUNCATED,
  /** The prompt was empty: a one-line hint was sent. */
  HINT,
  /** A command ran and answered. */
  COMMAND,
  /** A command was refused (permissions, guild-only, invalid input). */
  REFUSED,
  RATE_LIMITED,
  QUOTA_EXHAUSTED,
  OVERLOADED,
  TIMEOUT,
  BLOCKED,
  TOO_LONG,
  CONFIG_ERROR,
  INTERNAL_ERROR;

  /** The lower-case tag value used in metrics and logs. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the outcome is an error text rather than an answer. */
  public boolean isError() {
    return ordinal() >= RATE_LIMITED.ordinal();
  }
}
