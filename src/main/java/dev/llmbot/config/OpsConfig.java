package dev.llmbot.config;

/**
 * The operations HTTP server.
 *
 * @param host the bind address
 * @param port the port; 0 picks a free one
 */
public record OpsConfig(String host, int port) {
  static OpsConfig from(ConfigNode n) {
    return new OpsConfig(n.nonBlank("host"), n.integer("port", 0, 65_535));
  }
}
