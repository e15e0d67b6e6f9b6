package dev.llmbot.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicFlusherTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private static final long INTERVAL = 10 * SECOND;

  private long now = 1_000 * SECOND;
  private int state;
  private final List<Integer> written = new ArrayList<>();
  private final Queue<Runnable> workerQueue = new ArrayDeque<>();
  private final Executor direct = Runnable::run;
  private int failNext;

  private PeriodicFlusher<Integer> flusher(Executor worker) {
    return new PeriodicFlusher<>(
        "test.json",
        INTERVAL,
        () -> now,
        () -> state,
        s -> {
          if (failNext > 0) {
            failNext--;
            throw new IOException("disk full");
          }
          written.add(s);
        },
        worker,
        direct);
  }

  private void update(PeriodicFlusher<Integer> f) {
    state++;
    f.markDirty();
  }

  @Test
  void aThousandUpdatesInsideOneIntervalMakeExactlyOneWrite() {
    var f = flusher(direct);
    f.tick(); // a clean state writes nothing
    for (int i = 0; i < 1_000; i++) {
      update(f);
      now += SECOND / 200; // 1,000 updates over 5 s, with a tick after each
      f.tick();
    }
    // The first tick wrote; every later tick in the same interval only waited.
    now += INTERVAL / 2 - SECOND; // still inside the interval of the first write
    f.tick();
    assertThat(written).hasSize(1);
    now += INTERVAL;
    f.tick();
    assertThat(written).hasSize(2).last().isEqualTo(1_000);
    f.tick();
    assertThat(written).hasSize(2);
  }

  @Test
  void nothingIsWrittenWhenNothingChanged() {
    var f = flusher(direct);
    for (int i = 0; i < 10; i++) {
      now += INTERVAL;
      f.tick();
    }
    assertThat(written).isEmpty();
    assertThat(f.flushNow().toCompletableFuture()).isCompleted();
    assertThat(written).isEmpty();
  }

  @Test
  void aFailedFlushIsLoggedAndRetriedAtTheNextInterval() {
    var f = flusher(direct);
    failNext = 1;
    update(f);
    f.tick();
    assertThat(written).isEmpty();
    assertThat(f.failures()).isEqualTo(1);
    assertThat(f.isDirty()).isTrue();
    now += SECOND;
    f.tick(); // not before the interval is over
    assertThat(written).isEmpty();
    now += INTERVAL;
    f.tick();
    assertThat(written).containsExactly(1);
    assertThat(f.writes()).isEqualTo(1);
    assertThat(f.isDirty()).isFalse();
  }

  @Test
  void aWriteNeverOverlapsTheRunningOne() {
    var f = flusher(workerQueue::add);
    update(f);
    f.tick();
    assertThat(f.isWriting()).isTrue();
    update(f);
    now += 3 * INTERVAL;
    f.tick(); // the first write is still running: no second one
    assertThat(workerQueue).hasSize(1);
    workerQueue.poll().run();
    assertThat(written).containsExactly(1);
    f.tick();
    workerQueue.poll().run();
    assertThat(written).containsExactly(1, 2);
  }

  @Test
  void theFinalFlushWaitsForTheRunningWriteThenWritesTheRest() {
    var f = flusher(workerQueue::add);
    update(f);
    f.tick();
    update(f);
    CompletionStage<Void> done = f.flushNow(); // inside the interval, while a write runs
    assertThat(done.toCompletableFuture()).isNotDone();
    workerQueue.poll().run();
    assertThat(done.toCompletableFuture()).isNotDone();
    workerQueue.poll().run();
    assertThat(done.toCompletableFuture()).isCompleted();
    assertThat(written).containsExactly(1, 2);
  }

  @Test
  void theSnapshotIsTakenOnTheOwnerAtWriteStart() {
    AtomicInteger snapshots = new AtomicInteger();
    var f =
        new PeriodicFlusher<Integer>(
            "n", INTERVAL, () -> now, snapshots::incrementAndGet, written::add, direct, direct);
    for (int i = 0; i < 100; i++) {
      f.markDirty();
    }
    assertThat(snapshots).hasValue(0);
    f.flushNow();
    assertThat(snapshots).hasValue(1);
  }
}
