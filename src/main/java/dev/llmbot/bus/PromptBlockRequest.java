package dev.llmbot.bus;

/**
 * Asks for a prompt block: the server context of {@code guildId} ranked for {@code userId} ({@link
 * Addresses#CONTEXT_BLOCK}, partitioned by guild id) or the profile of {@code userId} ({@link
 * Addresses#PROFILE_BLOCK}, partitioned by user id). Answered with a {@link PromptBlock}.
 *
 * @param guildId the guild (0 outside guilds: the server block is then empty)
 * @param userId the user the prompt is for
 */
public record PromptBlockRequest(long guildId, long userId) {}
