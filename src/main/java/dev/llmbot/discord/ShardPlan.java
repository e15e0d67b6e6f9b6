package dev.llmbot.discord;

import java.util.List;

/**
 * Which shards this process logs in (SPEC §1, DESIGN.md §Config): {@code discord.shardIds}, or all
 * of them when empty, out of {@code discord.totalShards} (0 = Discord's recommended count, resolved
 * before this is called). Pure.
 */
public final class ShardPlan {
  private ShardPlan() {}

  /**
   * The shard ids to run, ascending. Fails with a message naming the config keys when an id is not
   * below the total (possible when the total is the recommended count, known only at start-up).
   */
  public static int[] shards(int totalShards, List<Long> configuredIds) {
    if (totalShards < 1) {
      throw new IllegalArgumentException("discord.totalShards resolved to " + totalShards);
    }
    if (configuredIds.isEmpty()) {
      int[] all = new int[totalShards];
      for (int i = 0; i < totalShards; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] ids = configuredIds.stream().mapToInt(Long::intValue).distinct().sorted().toArray();
    for (int id : ids) {
      if (id < 0 || id >= totalShards) {
        throw new IllegalArgumentException(
            "discord.shardIds "
                + configuredIds
                + " must all be below the total shard count "
                + totalShards
                + " (discord.totalShards; 0 means Discord's recommended count)");
      }
    }
    return ids;
  }
}
