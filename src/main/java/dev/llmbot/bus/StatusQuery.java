package dev.llmbot.bus;

/**
 * Asks a stage for its part of /status.
 *
 * @param userId the caller, for per-user figures (0 if none)
 */
public record StatusQuery(long userId) {}
