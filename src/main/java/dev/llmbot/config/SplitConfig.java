package dev.llmbot.config;

/**
 * Reply splitting (SPEC §9).
 *
 * @param maxChars the per-message limit
 * @param maxChunks messages sent before the rest becomes the reply.md attachment
 */
public record SplitConfig(int maxChars, int maxChunks) {
  static SplitConfig from(ConfigNode n) {
    return new SplitConfig(n.integer("maxChars", 50, 2000), n.integer("maxChunks", 1, 100));
  }
}
