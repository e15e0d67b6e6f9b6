/**
 * The LLM stage (SPEC §7, §8): {@link dev.llmbot.llm.LlmVerticle} consumes {@code llm.generate} and
 * {@code llm.status} on one event loop and answers through a {@link dev.llmbot.llm.CachingBackend}
 * (the {@link dev.llmbot.llm.ResponseCache}) in front of an {@link dev.llmbot.llm.LlmBackend}: the
 * Gemini client ({@link dev.llmbot.llm.GeminiClient}, WebClient, retries, deadlines, circuit
 * breaker), or the deterministic {@link dev.llmbot.llm.OfflineResponder} without a key. It also
 * sends {@code ratelimit.release} for a call the open circuit refused. Pure parts: {@link
 * dev.llmbot.llm.CanonicalRequest}, {@link dev.llmbot.llm.GeminiResponse}, {@link
 * dev.llmbot.llm.GeminiErrors}, {@link dev.llmbot.llm.RetryPlanner}. See docs/llm.md.
 */
package dev.llmbot.llm;
