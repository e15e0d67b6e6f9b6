package dev.llmbot.bus;

/**
 * The roast engine's part of /status.
 *
 * @param mood the current mood name
 * @param chaos whether chaos mode is on
 */
public record RoastStatus(String mood, boolean chaos) {}
