package dev.llmbot.bus;

/**
 * The decision for one message.
 *
 * @param persona which persona answers
 * @param probability the roast probability the decision used (for logs and tests)
 */
public record RoastDecision(Persona persona, double probability) {}
