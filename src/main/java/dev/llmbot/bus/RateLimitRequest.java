package dev.llmbot.bus;

/**
 * Asks for one message's allowance: the user's bucket first, then a global quota slot.
 *
 * @param requestId the message id; a second request with the same id is not charged again
 * @param userId who is asking
 */
public record RateLimitRequest(String requestId, long userId) {}
