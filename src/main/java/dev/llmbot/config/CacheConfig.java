package dev.llmbot.config;

/**
 * The response cache (SPEC §7).
 *
 * @param enabled whether answers are cached at all
 * @param ttlSeconds expiry after write
 * @param maxEntries the bound on cached answers
 */
public record CacheConfig(boolean enabled, int ttlSeconds, int maxEntries) {
  static CacheConfig from(ConfigNode n) {
    return new CacheConfig(
        n.bool("enabled"),
        n.integer("ttlSeconds", 1, 86_400),
        n.integer("maxEntries", 1, 1_000_000));
  }
}
