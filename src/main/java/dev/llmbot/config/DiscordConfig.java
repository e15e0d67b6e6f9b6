package dev.llmbot.config;

import java.util.List;

/**
 * Discord adapter settings.
 *
 * @param token the bot token (env DISCORD_TOKEN only); absent means console mode
 * @param commandGuildIds guilds to register slash commands in instantly; empty means global
 * @param totalShards total shard count; 0 means Discord's recommended count
 * @param shardIds the shards this process runs; empty means all of them
 * @param typingIntervalSeconds how often the typing indicator is renewed
 */
public record DiscordConfig(
    Secret token,
    List<Long> commandGuildIds,
    int totalShards,
    List<Long> shardIds,
    int typingIntervalSeconds) {

  static DiscordConfig from(ConfigNode n, Secret token) {
    int total = n.integer("totalShards", 0, 100_000);
    List<Long> shards = n.longList("shardIds", 0, 99_999);
    if (total > 0) {
      for (long id : shards) {
        if (id >= total) {
          throw ConfigException.invalid(
              n.key("shardIds"), shards, "ids below totalShards=" + total);
        }
      }
    }
    return new DiscordConfig(
        token,
        n.longList("commandGuildIds", 1, Long.MAX_VALUE),
        total,
        shards,
        n.integer("typingIntervalSeconds", 1, 9));
  }

  /** Whether a token is set, i.e. the bot runs against Discord rather than the console. */
  public boolean enabled() {
    return token.isPresent();
  }
}
