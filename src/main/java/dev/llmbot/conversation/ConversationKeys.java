package dev.llmbot.conversation;

import dev.llmbot.config.ConversationConfig;

/**
 * Builds conversation keys per {@code conversation.scope} (SPEC §6.1). Keys are short strings so
 * they hash stably for partitioning and serialise as they are.
 */
public final class ConversationKeys {
  private ConversationKeys() {}

  /** The key of the conversation a message belongs to. */
  public static String of(String scope, long guildId, long channelId, long userId) {
    return switch (scope) {
      case ConversationConfig.SCOPE_USER -> "u:" + userId;
      case ConversationConfig.SCOPE_CHANNEL -> "c:" + guildId + ":" + channelId;
      default -> "cu:" + guildId + ":" + channelId + ":" + userId;
    };
  }
}
