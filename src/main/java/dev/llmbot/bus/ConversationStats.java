package dev.llmbot.bus;

/**
 * One conversation partition's figures.
 *
 * @param active conversations held
 * @param chars characters held in them
 */
public record ConversationStats(int active, long chars) {}
