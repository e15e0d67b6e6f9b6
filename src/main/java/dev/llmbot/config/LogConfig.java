package dev.llmbot.config;

/**
 * Logging.
 *
 * @param format "text" (human-readable) or "json" (one object per line)
 */
public record LogConfig(String format) {
  static LogConfig from(ConfigNode n) {
    return new LogConfig(n.oneOf("format", "text", "json"));
  }

  public boolean json() {
    return format.equals("json");
  }
}
