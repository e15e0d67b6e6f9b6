package dev.llmbot.bus;

/** Asks for a conversation's history, to put into the prompt. */
public record HistoryRequest(String conversationKey) {}
