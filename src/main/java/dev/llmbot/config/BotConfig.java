package dev.llmbot.config;

import java.util.Map;

/**
 * The whole validated configuration: one record per section. Built once at start-up by {@link
 * ConfigLoader}; immutable and safe to share across threads. Its {@code toString} shows no secret.
 */
public record BotConfig(
    DiscordConfig discord,
    GeminiConfig gemini,
    CacheConfig cache,
    RateLimitConfig ratelimit,
    RoastConfig roast,
    ConversationConfig conversation,
    ContextConfig context,
    ChatConfig chat,
    SplitConfig split,
    InstancesConfig instances,
    OpsConfig ops,
    StateConfig state,
    LogConfig log,
    ShutdownConfig shutdown) {

  static BotConfig from(ConfigNode root, Map<String, String> env) {
    return new BotConfig(
        DiscordConfig.from(root.section("discord"), Secret.of(env.get("DISCORD_TOKEN"))),
        GeminiConfig.from(root.section("gemini"), Secret.of(env.get("GEMINI_API_KEY"))),
        CacheConfig.from(root.section("cache")),
        RateLimitConfig.from(root.section("ratelimit")),
        RoastConfig.from(root.section("roast")),
        ConversationConfig.from(root.section("conversation")),
        ContextConfig.from(root.section("context")),
        ChatConfig.from(root.section("chat")),
        SplitConfig.from(root.section("split")),
        InstancesConfig.from(root.section("instances")),
        OpsConfig.from(root.section("ops")),
        StateConfig.from(root.section("state")),
        LogConfig.from(root.section("log")),
        ShutdownConfig.from(root.section("shutdown")));
  }

  /** The built-in defaults with no file and no environment: handy for tests. */
  public static BotConfig defaults() {
    return ConfigLoader.load((java.nio.file.Path) null, Map.of());
  }
}
