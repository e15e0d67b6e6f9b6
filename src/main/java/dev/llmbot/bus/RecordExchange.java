package dev.llmbot.bus;

/**
 * Appends one successful exchange to a conversation.
 *
 * @param conversationKey the conversation
 * @param userText what the user said
 * @param modelText what the bot answered
 */
public record RecordExchange(String conversationKey, String userText, String modelText) {}
