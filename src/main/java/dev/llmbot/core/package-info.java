/**
 * Runtime services shared by all verticles: {@link dev.llmbot.core.BotServices} (config, meter
 * registry, readiness board, clock) and {@link dev.llmbot.core.Readiness}. Plain, thread-safe
 * holders; no bus addresses, no threads of their own.
 */
package dev.llmbot.core;
