package dev.llmbot.bus;

/** Asks for the roast-or-help decision for one message; it is made exactly once per message. */
public record RoastRequest(InboundMessage message) {}
