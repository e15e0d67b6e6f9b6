/**
 * Persisted state: an atomic JSON file store ({@link dev.llmbot.state.AtomicJsonStore}: temp file,
 * fsync, atomic rename, previous file kept as {@code .bak}, a format version, fallback to the
 * backup on a corrupt file) and a periodic flusher ({@link dev.llmbot.state.PeriodicFlusher}: only
 * when dirty, at most one write per interval, never overlapping, a final flush on stop).
 *
 * <p>Threads: the store is called on worker threads only (it does blocking file I/O). The flusher
 * is driven on its owner's event loop and hands the write to a worker; {@link
 * dev.llmbot.state.StatefulVerticle} wires both to Vert.x. No bus addresses.
 */
package dev.llmbot.state;
