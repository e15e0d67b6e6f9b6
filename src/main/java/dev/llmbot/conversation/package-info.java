/**
 * Conversation memory (SPEC §6.1). Each {@link dev.llmbot.conversation.ConversationVerticle}
 * instance owns one partition on its event loop and consumes {@code conversation.history.<n>},
 * {@code conversation.record.<n>}, {@code conversation.clear.<n>} and {@code
 * conversation.stats.<n>}.
 */
package dev.llmbot.conversation;
