/**
 * Quotas and per-user limits (SPEC §5). {@link dev.llmbot.ratelimit.RateLimitVerticle} owns them on
 * one event loop and consumes {@code ratelimit.acquire}, {@code ratelimit.release} and {@code
 * ratelimit.status}. The logic classes are plain and memory-only.
 */
package dev.llmbot.ratelimit;
