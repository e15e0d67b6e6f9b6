package dev.llmbot.config;

import java.util.Optional;

/**
 * A credential from the environment. Its {@link #toString()} never shows the value, so a secret
 * inside a record, a log line or an exception message stays hidden.
 */
public final class Secret {
  private static final Secret ABSENT = new Secret(null);

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** A secret from an environment value; blank means absent. */
  public static Secret of(String value) {
    return value == null || value.isBlank() ? ABSENT : new Secret(value.trim());
  }

  public static Secret absent() {
    return ABSENT;
  }

  public boolean isPresent() {
    return value != null;
  }

  /** The raw value; only the client that sends it may call this. */
  public Optional<String> reveal() {
    return Optional.ofNullable(value);
  }

  @Override
  public String toString() {
    return value == null ? "<unset>" : "<redacted>";
  }
}
