package dev.llmbot.config;

/**
 * Shutdown.
 *
 * @param graceSeconds how long replies in flight may take to finish after intake stops
 */
public record ShutdownConfig(int graceSeconds) {
  static ShutdownConfig from(ConfigNode n) {
    return new ShutdownConfig(n.integer("graceSeconds", 0, 600));
  }
}
