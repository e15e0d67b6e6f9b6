package dev.llmbot.bus;

/**
 * The LLM stage's part of /status.
 *
 * @param mode "gemini" or "offline"
 * @param model the model id
 * @param cacheHitRate the response cache's hit ratio so far, in [0, 1]
 * @param circuitOpen whether the circuit breaker is open
 */
public record LlmStatus(String mode, String model, double cacheHitRate, boolean circuitOpen) {}
