package dev.llmbot.bus;

/**
 * A successful model answer.
 *
 * @param text the answer text, never blank
 * @param truncated whether the model stopped at MAX_TOKENS (a note is added when sent)
 * @param cacheHit whether it came from the response cache
 * @param apiCalled whether a provider API call was made for it (false for cache hits, coalesced
 *     waiters and the offline responder); when false the global quota slot is released
 */
public record LlmResult(String text, boolean truncated, boolean cacheHit, boolean apiCalled) {}
