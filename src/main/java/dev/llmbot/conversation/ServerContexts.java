package dev.llmbot.conversation;

import dev.llmbot.config.ContextConfig;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * The server contexts of the guilds one partition owns, and the operations behind /remember,
 * /addgag, /summarize, /deduplicate, /contextstats and the prompt's server block. A guild gets a
 * {@link ServerContext} on its first item.
 *
 * <p>Threads: not thread-safe; owned by one context verticle's event loop.
 */
public final class ServerContexts {
  private final ContextConfig config;
  private final Map<Long, ServerContext> guilds = new HashMap<>();

  public ServerContexts(ContextConfig config) {
    this.config = config;
  }

  /** /remember: a moment about a user. */
  public OpResult remember(
      long guildId, long aboutUserId, String aboutUserName, String moment, long nowMillis) {
    return guild(guildId)
        .add(ServerContext.Kind.MOMENT, aboutUserId, aboutUserName, moment, nowMillis);
  }

  /** /addgag: a running gag. */
  public OpResult addGag(long guildId, String gag, long nowMillis) {
    return guild(guildId).add(ServerContext.Kind.GAG, 0, "", gag, nowMillis);
  }

  /** The prompt's server block for {@code userId} in {@code guildId}; empty outside guilds. */
  public String promptBlock(long guildId, long userId, long nowMillis) {
    ServerContext c = guilds.get(guildId);
    return c == null ? "" : c.promptBlock(userId, nowMillis);
  }

  /** /summarize. */
  public OpResult summarize(long guildId, long nowMillis) {
    ServerContext c = guilds.get(guildId);
    return c == null ? OpResult.refused("The server context is empty.") : c.summarize(nowMillis);
  }

  /** /deduplicate. */
  public OpResult deduplicate(long guildId) {
    ServerContext c = guilds.get(guildId);
    return c == null ? OpResult.refused("The server context is empty.") : c.deduplicate();
  }

  /** /contextstats. */
  public String stats(long guildId) {
    ServerContext c = guilds.get(guildId);
    return (c == null ? new ServerContext(config) : c).stats();
  }

  /** Forgets a guild's whole context; returns how many items went. */
  public int clear(long guildId) {
    ServerContext c = guilds.remove(guildId);
    return c == null ? 0 : c.clear();
  }

  /** Guilds with a context. */
  public int guildCount() {
    return guilds.size();
  }

  /** Characters held across guilds (a sum of tracked totals, O(guilds)). */
  public long totalChars() {
    long sum = 0;
    for (ServerContext c : guilds.values()) {
      sum += c.chars();
    }
    return sum;
  }

  ServerContext guild(long guildId) {
    return guilds.computeIfAbsent(guildId, g -> new ServerContext(config));
  }

  /** An immutable copy of every guild's items, for persistence. */
  public Map<Long, List<ServerContext.SavedItem>> snapshot() {
    Map<Long, List<ServerContext.SavedItem>> out = new LinkedHashMap<>();
    guilds.forEach(
        (g, c) -> {
          if (c.size() > 0) {
            out.put(g, c.save());
          }
        });
    return out;
  }

  /** Adds saved guilds that {@code owns} accepts and that are not yet held. */
  public int restore(Map<Long, List<ServerContext.SavedItem>> saved, LongPredicate owns) {
    int n = 0;
    for (Map.Entry<Long, List<ServerContext.SavedItem>> e : saved.entrySet()) {
      if (e.getKey() == null
          || e.getValue() == null
          || !owns.test(e.getKey())
          || guilds.containsKey(e.getKey())) {
        continue;
      }
      guilds.put(e.getKey(), ServerContext.restore(e.getValue(), config));
      n++;
    }
    return n;
  }
}
