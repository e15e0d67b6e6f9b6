package dev.llmbot.config;

/**
 * A configuration value that cannot be used. Its message is one line naming the key, the value and
 * what is allowed; Main prints it and exits with code 2.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message, null, false, false);
  }

  /** A bad value: names the key, the value and what is allowed. */
  public static ConfigException invalid(String key, Object value, String allowed) {
    return new ConfigException(
        "Invalid config " + key + " = " + render(value) + ": allowed " + allowed);
  }

  private static String render(Object value) {
    String text = String.valueOf(value);
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }
}
