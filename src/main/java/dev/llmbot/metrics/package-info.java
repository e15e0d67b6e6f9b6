/**
 * Operators' view: the bot's meters ({@link dev.llmbot.metrics.BotMeters}) and the ops HTTP server
 * ({@link dev.llmbot.metrics.OpsServerVerticle}: /metrics, /health, /ready) on its own event loop.
 */
package dev.llmbot.metrics;
