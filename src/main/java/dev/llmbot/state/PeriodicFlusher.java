package dev.llmbot.state;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one piece of state in the background: only when it changed, at most once per interval,
 * never two writes at a time, and once more on {@link #flushNow()} at shutdown.
 *
 * <p>Usage: the owner calls {@link #markDirty()} after each change and {@link #tick()} from a
 * periodic timer (more often than the interval is fine: a tick within the interval of the previous
 * write does nothing). On a write, the {@code snapshot} supplier is called on the owner's thread,
 * so it may read the owner's state without locks and must return an immutable copy; the {@code
 * writer} then runs on the {@code worker} executor with that copy. The outcome comes back through
 * the {@code owner} executor. A failed write is logged and retried at the next interval (the state
 * stays dirty).
 *
 * <p>Threads: every method must be called on the owner's thread (an event loop), which is also what
 * the {@code owner} executor must run on. Pure: it imports nothing from Vert.x; {@link
 * StatefulVerticle} drives it with {@code setPeriodic} and {@code executeBlocking}, and tests drive
 * it with a fake clock and direct executors.
 *
 * @param <S> the snapshot type handed to the writer
 */
public final class PeriodicFlusher<S> {
  private static final Logger log = LoggerFactory.getLogger(PeriodicFlusher.class);

  /** Writes a snapshot; runs on a worker thread and may block. */
  @FunctionalInterface
  public interface Writer<S> {
    void write(S snapshot) throws Exception;
  }

  /** Told about each finished write, on the owner's thread (for metrics). */
  @FunctionalInterface
  public interface Listener {
    void flushed(String name, long nanos, boolean ok);
  }

  private final String name;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final Supplier<S> snapshot;
  private final Writer<S> writer;
  private final Executor worker;
  private final Executor owner;
  private Listener listener = (n, t, ok) -> {};

  private boolean dirty;
  private boolean inFlight;
  private boolean written;
  private long lastStartNanos;
  private long writes;
  private long failures;
  private CompletableFuture<Void> pendingFinal;

  /**
   * @param name what is flushed, for logs (e.g. the file name)
   * @param intervalNanos the least time between the starts of two periodic writes
   * @param nanoClock a monotonic clock such as {@code System::nanoTime}
   * @param snapshot makes an immutable copy of the state; called on the owner's thread
   * @param writer persists a snapshot; called on a worker thread
   * @param worker runs blocking writes
   * @param owner runs completions on the owner's thread
   */
  public PeriodicFlusher(
      String name,
      long intervalNanos,
      LongSupplier nanoClock,
      Supplier<S> snapshot,
      Writer<S> writer,
      Executor worker,
      Executor owner) {
    this.name = Objects.requireNonNull(name, "name");
    if (intervalNanos <= 0) {
      throw new IllegalArgumentException("interval must be positive");
    }
    this.intervalNanos = intervalNanos;
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.worker = Objects.requireNonNull(worker, "worker");
    this.owner = Objects.requireNonNull(owner, "owner");
  }

  /** Sets the listener told about each finished write. */
  public PeriodicFlusher<S> listener(Listener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** Records that the state changed and needs a write. Cheap: call it on every change. */
  public void markDirty() {
    dirty = true;
  }

  public boolean isDirty() {
    return dirty;
  }

  /** Whether a write is running now. */
  public boolean isWriting() {
    return inFlight;
  }

  /** Writes that succeeded so far. */
  public long writes() {
    return writes;
  }

  /** Writes that failed so far. */
  public long failures() {
    return failures;
  }

  /**
   * The periodic check: starts a write if the state is dirty, no write is running and the previous
   * write started at least one interval ago.
   */
  public void tick() {
    if (!dirty || inFlight || pendingFinal != null) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (written && now - lastStartNanos < intervalNanos) {
      return;
    }
    start(now);
  }

  /**
   * Writes now if dirty, regardless of the interval, after any running write finishes: the final
   * flush at shutdown. The stage completes when the state is on disk (or fails with the write's
   * error, which is also logged).
   */
  public CompletionStage<Void> flushNow() {
    if (inFlight) {
      if (pendingFinal == null) {
        pendingFinal = new CompletableFuture<>();
      }
      return pendingFinal;
    }
    if (!dirty) {
      return CompletableFuture.completedFuture(null);
    }
    return start(nanoClock.getAsLong());
  }

  private CompletableFuture<Void> start(long now) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    S snap;
    try {
      snap = snapshot.get();
    } catch (RuntimeException e) {
      failures++;
      log.warn("Could not snapshot {} for flushing; will retry", name, e);
      done.completeExceptionally(e);
      return done;
    }
    dirty = false;
    inFlight = true;
    written = true;
    lastStartNanos = now;
    try {
      worker.execute(
          () -> {
            long t0 = nanoClock.getAsLong();
            Throwable error = null;
            try {
              writer.write(snap);
            } catch (Exception | Error e) {
              error = e;
            }
            Throwable failure = error;
            long took = nanoClock.getAsLong() - t0;
            owner.execute(() -> finished(failure, took, done));
          });
    } catch (RuntimeException rejected) {
      finished(rejected, 0, done);
    }
    return done;
  }

  private void finished(Throwable error, long nanos, CompletableFuture<Void> done) {
    inFlight = false;
    if (error == null) {
      writes++;
    } else {
      failures++;
      // The changes are still in memory: stay dirty so that the next interval retries.
      dirty = true;
      log.warn("Flushing {} failed; retrying at the next interval: {}", name, error.toString());
    }
    listener.flushed(name, nanos, error == null);
    if (error == null) {
      done.complete(null);
    } else {
      done.completeExceptionally(error);
    }
    CompletableFuture<Void> fin = pendingFinal;
    if (fin != null) {
      pendingFinal = null;
      if (dirty) {
        start(nanoClock.getAsLong())
            .whenComplete(
                (v, e) -> {
                  if (e == null) {
                    fin.complete(null);
                  } else {
                    fin.completeExceptionally(e);
                  }
                });
      } else {
        fin.complete(null);
      }
    }
  }
}
