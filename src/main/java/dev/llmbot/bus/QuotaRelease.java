package dev.llmbot.bus;

/**
 * Gives back the global slot charged for {@code requestId}: the answer came from the cache (or no
 * API call was made), so it used no provider quota (SPEC §5).
 */
public record QuotaRelease(String requestId) {}
