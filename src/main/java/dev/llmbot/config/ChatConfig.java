package dev.llmbot.config;

/**
 * The chat pipeline (SPEC §3).
 *
 * @param maxMessageChars longest accepted user message
 * @param stageTimeoutMillis the bus timeout for the quick stages (quota, roast, memory)
 */
public record ChatConfig(int maxMessageChars, int stageTimeoutMillis) {
  static ChatConfig from(ConfigNode n) {
    return new ChatConfig(
        n.integer("maxMessageChars", 1, 1_000_000), n.integer("stageTimeoutMillis", 100, 600_000));
  }
}
