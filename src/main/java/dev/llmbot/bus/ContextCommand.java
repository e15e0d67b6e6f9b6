package dev.llmbot.bus;

import java.util.Objects;

/**
 * A server-context operation for the partition that owns the guild ({@link Addresses#CONTEXT_RUN});
 * answered with an {@link OpAnswer}.
 *
 * @param op what to do
 * @param guildId the guild whose context it is
 * @param userId for {@link Op#REMEMBER}, the user the moment is about (0 otherwise)
 * @param userName for {@link Op#REMEMBER}, that user's display name
 * @param text the moment or gag text (empty for the other operations)
 */
public record ContextCommand(Op op, long guildId, long userId, String userName, String text) {
  /** The server-context operations behind the slash commands. */
  public enum Op {
    REMEMBER,
    ADD_GAG,
    SUMMARIZE,
    DEDUPLICATE,
    STATS
  }

  public ContextCommand {
    Objects.requireNonNull(op, "op");
    userName = userName == null ? "" : userName;
    text = text == null ? "" : text;
  }
}
