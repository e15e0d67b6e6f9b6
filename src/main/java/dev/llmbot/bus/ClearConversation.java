package dev.llmbot.bus;

/** Forgets one conversation (/clear). */
public record ClearConversation(String conversationKey) {}
