package dev.llmbot.config;

/**
 * Verticle instance counts. State-owning verticles are partitioned by a stable hash of their key.
 *
 * @param chat stateless pipeline instances
 * @param command command worker instances
 * @param conversation conversation-memory partitions
 * @param ratelimit per-user bucket partitions (the global quota always has one owner)
 * @param roast roast-state partitions
 */
public record InstancesConfig(int chat, int command, int conversation, int ratelimit, int roast) {
  static InstancesConfig from(ConfigNode n) {
    return new InstancesConfig(
        n.integer("chat", 1, 256),
        n.integer("command", 1, 256),
        n.integer("conversation", 1, 256),
        n.integer("ratelimit", 1, 256),
        n.integer("roast", 1, 256));
  }
}
