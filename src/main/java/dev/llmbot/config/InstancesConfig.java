package dev.llmbot.config;

/**
 * Verticle instance counts. State-owning verticles are partitioned by a stable hash of their key.
 *
 * @param chat stateless pipeline instances
 * @param command command worker instances
 * @param conversation conversation-memory partitions
 * @param ratelimit rate-limit instances; always 1 (it owns the global quota, which has one owner)
 * @param roast roast-state partitions
 * @param eventLoops Vert.x event-loop threads the verticles are spread over; 0 means one per
 *     processor the JVM sees (container-aware)
 */
public record InstancesConfig(
    int chat, int command, int conversation, int ratelimit, int roast, int eventLoops) {
  static InstancesConfig from(ConfigNode n) {
    return new InstancesConfig(
        n.integer("chat", 1, 256),
        n.integer("command", 1, 256),
        n.integer("conversation", 1, 256),
        ratelimit(n),
        n.integer("roast", 1, 256),
        n.integer("eventLoops", 0, 256));
  }

  /**
   * The event-loop threads to create. Vert.x's own default is two per processor, which suits a
   * server juggling many sockets; the bot has few sockets and a message crosses several verticles,
   * so every extra loop only adds thread wake-ups and time-slice waits between them (measured in
   * docs/PERFORMANCE.md). One per processor keeps the instances able to use every core.
   */
  public int eventLoopCount() {
    return eventLoops > 0 ? eventLoops : Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /**
   * The rate limiter keeps one instance: every acquire needs the one global-quota owner anyway, and
   * its per-user check is O(1), so splitting the buckets would add a bus hop and no throughput.
   */
  private static int ratelimit(ConfigNode n) {
    int value = n.integer("ratelimit", 1, 256);
    if (value != 1) {
      throw ConfigException.invalid(
          n.key("ratelimit"),
          value,
          "1: the rate limiter owns the global quota, which has exactly one owner");
    }
    return value;
  }
}
