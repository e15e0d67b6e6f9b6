/**
 * The event bus contract: address constants ({@link dev.llmbot.bus.Addresses}), immutable message
 * records, the failure-code enum, and the one pass-by-reference codec that carries every record of
 * this package. {@link dev.llmbot.bus.Partitioner} picks the instance that owns a key. No threads.
 */
package dev.llmbot.bus;
