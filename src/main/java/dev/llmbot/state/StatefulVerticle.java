package dev.llmbot.state;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Base for verticles that own state persisted through {@link PeriodicFlusher}s: it drives each
 * flusher with a Vert.x periodic timer on this verticle's event loop, runs the writes with {@code
 * executeBlocking} (unordered: a flusher never overlaps itself) and flushes everything once more in
 * {@link #stop()}.
 *
 * <p>Subclasses call {@link #flusher} from {@code start()} and {@link PeriodicFlusher#markDirty()}
 * after each change. A subclass overriding {@code stop()} must compose with {@code super.stop()}.
 *
 * <p>Threads: everything here runs on this verticle's event loop, except the writers (workers).
 */
public abstract class StatefulVerticle extends VerticleBase {
  private final List<PeriodicFlusher<?>> flushers = new ArrayList<>();
  private final List<Long> timers = new ArrayList<>();

  /**
   * Creates and schedules a flusher. The timer ticks twice per interval, so a write follows a
   * change within 1.5 intervals while the flusher still allows at most one write per interval.
   *
   * @param name what is flushed, for logs
   * @param interval the least time between two writes
   * @param snapshot an immutable copy of the state, taken on this event loop
   * @param writer persists a snapshot on a worker thread (e.g. {@code store::write})
   */
  protected <S> PeriodicFlusher<S> flusher(
      String name, Duration interval, Supplier<S> snapshot, PeriodicFlusher.Writer<S> writer) {
    return flusher(name, interval, snapshot, writer, (n, nanos, ok) -> {});
  }

  /** As {@link #flusher(String, Duration, Supplier, PeriodicFlusher.Writer)}, with a listener. */
  protected <S> PeriodicFlusher<S> flusher(
      String name,
      Duration interval,
      Supplier<S> snapshot,
      PeriodicFlusher.Writer<S> writer,
      PeriodicFlusher.Listener listener) {
    PeriodicFlusher<S> f =
        new PeriodicFlusher<>(
            name,
            interval.toNanos(),
            System::nanoTime,
            snapshot,
            writer,
            task ->
                vertx.executeBlocking(
                    () -> {
                      task.run();
                      return null;
                    },
                    false),
            task -> context.runOnContext(v -> task.run()));
    f.listener(listener);
    flushers.add(f);
    long period = Math.max(1, interval.toMillis() / 2);
    timers.add(vertx.setPeriodic(period, id -> f.tick()));
    return f;
  }

  /** Stops the timers and writes every dirty flusher once more. */
  protected Future<Void> flushAll() {
    timers.forEach(vertx::cancelTimer);
    timers.clear();
    List<Future<Void>> all = new ArrayList<>();
    for (PeriodicFlusher<?> f : flushers) {
      Promise<Void> p = Promise.promise();
      f.flushNow()
          .whenComplete(
              (v, e) -> {
                if (e == null) {
                  p.complete();
                } else {
                  p.fail(e);
                }
              });
      all.add(p.future());
    }
    return Future.join(all).mapEmpty();
  }

  @Override
  public Future<?> stop() throws Exception {
    return flushAll();
  }
}
