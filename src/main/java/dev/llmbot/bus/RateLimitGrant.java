package dev.llmbot.bus;

/**
 * The allowance was granted; a global slot is held for {@code requestId} until released.
 *
 * @param requestId the message id
 * @param userTokensLeft whole messages the user may still send right now
 */
public record RateLimitGrant(String requestId, int userTokensLeft) {}
