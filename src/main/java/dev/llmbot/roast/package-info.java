/**
 * The roast-or-help decision (SPEC §4). {@link dev.llmbot.roast.RoastVerticle} owns the engine's
 * state on one event loop and consumes {@code roast.decide} and {@code roast.status}.
 */
package dev.llmbot.roast;
