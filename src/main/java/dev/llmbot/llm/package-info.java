/**
 * The LLM stage: {@link dev.llmbot.llm.LlmVerticle} consumes {@code llm.generate} and {@code
 * llm.status} on one event loop and answers through an {@link dev.llmbot.llm.LlmBackend}: the
 * Gemini client, or the deterministic {@link dev.llmbot.llm.OfflineResponder} without a key.
 */
package dev.llmbot.llm;
