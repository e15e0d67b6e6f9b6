package dev.llmbot.config;

/**
 * Conversation memory (SPEC §6.1).
 *
 * @param scope how conversations are keyed: channel-user, user or channel
 * @param maxTurns turns kept per conversation
 * @param maxChars characters kept per conversation
 * @param summaryMaxChars the rolling summary's cap
 * @param idleMinutes idle time after which a conversation expires
 * @param sweepSeconds how often expired conversations are swept
 */
public record ConversationConfig(
    String scope,
    int maxTurns,
    int maxChars,
    int summaryMaxChars,
    int idleMinutes,
    int sweepSeconds) {

  public static final String SCOPE_CHANNEL_USER = "channel-user";
  public static final String SCOPE_USER = "user";
  public static final String SCOPE_CHANNEL = "channel";

  static ConversationConfig from(ConfigNode n) {
    return new ConversationConfig(
        n.oneOf("scope", SCOPE_CHANNEL_USER, SCOPE_USER, SCOPE_CHANNEL),
        n.integer("maxTurns", 2, 10_000),
        n.integer("maxChars", 100, 10_000_000),
        n.integer("summaryMaxChars", 0, 100_000),
        n.integer("idleMinutes", 1, 100_000),
        n.integer("sweepSeconds", 1, 86_400));
  }
}
