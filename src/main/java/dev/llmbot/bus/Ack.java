package dev.llmbot.bus;

/**
 * A plain acknowledgement.
 *
 * @param changed whether the request changed anything (e.g. /clear found a conversation)
 */
public record Ack(boolean changed) {}
