/**
 * Conversation memory, server context and personality profiles (SPEC §6).
 *
 * <p>Pure logic, owned by one event loop each and not thread-safe: {@link
 * dev.llmbot.conversation.ConversationWindow} (ring buffer with a rolling summary), {@link
 * dev.llmbot.conversation.ConversationMemory} (windows per key, idle expiry), {@link
 * dev.llmbot.conversation.ServerContext} / {@link dev.llmbot.conversation.ServerContexts} (moments,
 * gags, facts; LRU eviction; indexed near-duplicate refusal) and {@link
 * dev.llmbot.conversation.Profiles}.
 *
 * <p>Verticles, {@code instances.conversation} of each, partitioned with {@link
 * dev.llmbot.bus.Partitioner}: {@link dev.llmbot.conversation.ConversationVerticle} consumes {@code
 * conversation.history|record|clear|stats.<n>} (by conversation key); {@link
 * dev.llmbot.conversation.ContextVerticle} consumes {@code context.run|block.<n>} (by guild id) and
 * {@code profile.run|block.<n>} (by user id). Both load their state files on a worker before
 * registering consumers and persist through {@link dev.llmbot.state.PeriodicFlusher}s.
 */
package dev.llmbot.conversation;
