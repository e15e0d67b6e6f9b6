/**
 * The pipeline for one message (SPEC §3): rate limit, roast decision, history, LLM, memory, split.
 * {@link dev.llmbot.chat.ChatVerticle} instances (stateless, event loops) consume {@code
 * chat.request}; {@link dev.llmbot.chat.PromptAssembler} builds the system instruction.
 */
package dev.llmbot.chat;
