package dev.llmbot.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.llmbot.state.AtomicJsonStore;
import dev.llmbot.state.PeriodicFlusher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Persistence and metrics around the limiter, driven by virtual time: nothing here sleeps. */
class RateLimitServiceTest {
  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  private static final long SEC = 1_000;
  private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  @TempDir Path dir;

  private long nowMillis =
      LocalDateTime.parse("2026-06-01T09:00:00").atZone(LA).toInstant().toEpochMilli();
  private final Executor direct = Runnable::run;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  /** A clock the test moves; the monotonic clock of the flusher is the same virtual time. */
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(nowMillis);
        }
      };

  private AtomicJsonStore<RateLimitSnapshot> store() {
    return new AtomicJsonStore<>(
        dir.resolve("ratelimit.json"), RateLimitSnapshot.class, RateLimitSnapshot.VERSION);
  }

  private RateLimitService service(
      int perMinute, int perDay, AtomicJsonStore<RateLimitSnapshot> store, Executor worker) {
    return new RateLimitService(
        new RateLimiter(new UserBuckets(3, 6), new GlobalQuota(perMinute, perDay, LA)),
        clock,
        INTERVAL_NANOS,
        () -> TimeUnit.MILLISECONDS.toNanos(nowMillis),
        store::write,
        worker,
        direct,
        registry);
  }

  private double denials(String scope) {
    return registry.get("bot.ratelimit.denials").tag("scope", scope).counter().count();
  }

  @Test
  void tenThousandChecksOverThirtySecondsMakeAtMostThreeWrites() throws Exception {
    int[] writes = {0};
    AtomicJsonStore<RateLimitSnapshot> store = store();
    var s =
        new RateLimitService(
            new RateLimiter(new UserBuckets(3, 6), new GlobalQuota(100_000, 1_000_000, LA)),
            clock,
            INTERVAL_NANOS,
            () -> TimeUnit.MILLISECONDS.toNanos(nowMillis),
            snap -> {
              writes[0]++;
              store.write(snap);
            },
            direct,
            direct,
            registry);
    long start = nowMillis;
    int granted = 0;
    for (int i = 0; i < 10_000; i++) {
      nowMillis = start + i * 3L; // 10,000 checks over 30 virtual seconds
      if (s.acquire("m" + i, i % 500).granted()) {
        granted++;
      }
      if (i % 333 == 0) {
        s.tick(); // the timer: ~30 ticks per virtual second, far more often than the interval
      }
    }
    assertThat(granted).isGreaterThan(1_000); // the state really changed all along
    assertThat(writes[0]).isBetween(1, 3);
    assertThat(registry.get("bot.ratelimit.flushes").timer().count()).isEqualTo(writes[0]);
    // Shutdown writes the rest once more.
    s.flushNow().toCompletableFuture().join();
    assertThat(writes[0]).isLessThanOrEqualTo(4);
    assertThat(Files.exists(dir.resolve("ratelimit.json"))).isTrue();
  }

  @Test
  void nothingIsWrittenWhileNothingChanges() {
    int[] writes = {0};
    var s =
        new RateLimitService(
            new RateLimiter(new UserBuckets(3, 6), new GlobalQuota(3, 450, LA)),
            clock,
            INTERVAL_NANOS,
            () -> TimeUnit.MILLISECONDS.toNanos(nowMillis),
            snap -> writes[0]++,
            direct,
            direct,
            registry);
    for (int i = 0; i < 100; i++) {
      nowMillis += SEC;
      s.status(1);
      s.tick();
    }
    assertThat(writes[0]).isZero();
    for (int i = 0; i < 3; i++) {
      assertThat(s.acquire("m" + i, 1 + i).granted()).isTrue();
    }
    assertThat(s.acquire("m3", 4).kind()).isEqualTo(Decision.Kind.MINUTE);
    nowMillis += 11 * SEC;
    s.tick();
    assertThat(writes[0]).isEqualTo(1);
    // Denials, retries of a held id and status reads change nothing that is persisted.
    for (int i = 0; i < 30; i++) {
      nowMillis += SEC;
      assertThat(s.acquire("x" + i, 100 + i).granted()).isFalse();
      assertThat(s.acquire("m0", 1).granted()).isTrue();
      s.status(1);
      s.tick();
    }
    assertThat(writes[0]).isEqualTo(1);
    assertThat(denials("minute")).isEqualTo(31);
    nowMillis += 60 * SEC;
    assertThat(s.acquire("y", 5).granted()).isTrue();
    s.tick();
    assertThat(writes[0]).isEqualTo(2);
  }

  @Test
  void aRestartRestoresTheCounters() throws Exception {
    var first = service(9, 450, store(), direct);
    first.restore(store().load());
    for (int i = 0; i < 5; i++) {
      first.acquire("m" + i, 100 + i % 2);
      nowMillis += SEC;
    }
    first.release("m4");
    first.flushNow().toCompletableFuture().join();
    first.close();
    var before = first.status(100);

    var second = service(9, 450, store(), direct);
    second.restore(store().load());
    var after = second.status(100);
    assertThat(after).isEqualTo(before);
    assertThat(after.minuteRemaining()).isEqualTo(5);
    assertThat(after.dayRemaining()).isEqualTo(446);
    assertThat(after.userTokens()).isZero();
    assertThat(second.status(101).userTokens()).isEqualTo(1);
    // An hour later the minute window and the buckets are back, the day count is not.
    nowMillis += 3_600 * SEC;
    assertThat(second.status(100).minuteRemaining()).isEqualTo(9);
    assertThat(second.status(100).dayRemaining()).isEqualTo(446);
    assertThat(second.status(100).userTokens()).isEqualTo(3);
  }

  @Test
  void aCorruptFileFallsBackToTheBackupThenToAFreshStart() throws Exception {
    var first = service(9, 450, store(), direct);
    first.acquire("a", 1);
    first.flushNow().toCompletableFuture().join();
    nowMillis += 11 * SEC;
    first.acquire("b", 2);
    first.tick();
    first.close();
    Path file = dir.resolve("ratelimit.json");
    assertThat(dir.resolve("ratelimit.json.bak")).exists();
    Files.writeString(
        file, "{\"version\":1,\"data\":{\"minuteLog\":\"oops", StandardCharsets.UTF_8);

    var fromBak = service(9, 450, store(), direct);
    fromBak.restore(store().load()); // must not throw
    assertThat(fromBak.status(1).dayRemaining()).isEqualTo(449); // the .bak held one charge
    fromBak.close();

    Files.writeString(dir.resolve("ratelimit.json.bak"), "garbage", StandardCharsets.UTF_8);
    Files.deleteIfExists(file);
    var fresh = service(9, 450, store(), direct);
    fresh.restore(store().load());
    assertThat(fresh.status(1).dayRemaining()).isEqualTo(450);
    assertThat(fresh.acquire("c", 1).granted()).isTrue();
  }

  @Test
  void aFlushFailureIsRetriedNextIntervalAndNeverBlocksRequests() throws IOException {
    // The data directory's path is taken by a file: every write fails, as on a read-only disk
    // (a read-only permission would not stop a test that runs as root).
    Path blocked = dir.resolve("data");
    Files.writeString(blocked, "not a directory");
    var store =
        new AtomicJsonStore<>(
            blocked.resolve("ratelimit.json"), RateLimitSnapshot.class, RateLimitSnapshot.VERSION);
    var s = service(9, 450, store, direct);
    Logger flusherLog = (Logger) LoggerFactory.getLogger(PeriodicFlusher.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    flusherLog.addAppender(logged);
    try {
      assertThat(s.acquire("a", 1).granted()).isTrue();
      s.tick();
    } finally {
      flusherLog.detachAppender(logged);
    }
    assertThat(logged.list)
        .anySatisfy(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.WARN);
              assertThat(e.getFormattedMessage()).contains("ratelimit state").contains("retrying");
            });
    assertThat(s.flusher().failures()).isEqualTo(1);
    assertThat(s.flusher().isDirty()).isTrue();
    assertThat(registry.get("bot.ratelimit.flush.failures").counter().count()).isEqualTo(1);
    // Requests go on while the disk is broken, and a tick inside the interval does not retry.
    for (int i = 0; i < 5; i++) {
      nowMillis += SEC;
      assertThat(s.acquire("b" + i, 2 + i).granted()).isTrue();
      s.tick();
    }
    assertThat(s.flusher().failures()).isEqualTo(1);
    // The disk comes back; the next interval writes everything.
    Files.delete(blocked);
    nowMillis += 10 * SEC;
    s.tick();
    assertThat(s.flusher().writes()).isEqualTo(1);
    assertThat(store.load()).hasValueSatisfying(v -> assertThat(v.dayUsed()).isEqualTo(6));
  }

  @Test
  void aSlowWriteNeverOverlapsAndRequestsDoNotWaitForIt() {
    Queue<Runnable> worker = new ArrayDeque<>();
    var s = service(9, 450, store(), worker::add);
    s.acquire("a", 1);
    s.tick();
    assertThat(worker).hasSize(1); // the write is running (queued on the worker)
    for (int i = 0; i < 20; i++) {
      nowMillis += 10 * SEC;
      s.acquire("b" + i, 10 + i);
      s.tick();
    }
    assertThat(worker).hasSize(1);
    worker.poll().run();
    nowMillis += 10 * SEC;
    s.tick();
    assertThat(worker).hasSize(1);
  }

  @Test
  void denialsAreCountedByScopeAndGaugesShowWhatIsLeft() {
    var s = service(3, 4, store(), direct);
    s.acquire("a", 1);
    s.acquire("b", 1);
    s.acquire("c", 1);
    s.acquire("d", 2); // the minute is full
    s.acquire("e", 1); // user 1 is empty: the user check runs first
    assertThat(denials("minute")).isEqualTo(1);
    assertThat(denials("user")).isEqualTo(1);
    assertThat(registry.get("bot.ratelimit.minute.remaining").gauge().value()).isZero();
    assertThat(registry.get("bot.ratelimit.day.remaining").gauge().value()).isEqualTo(1);
    nowMillis += 61 * SEC; // the gauge rolls the window when read, with no request in between
    assertThat(registry.get("bot.ratelimit.minute.remaining").gauge().value()).isEqualTo(3);
    assertThat(s.acquire("f", 3).granted()).isTrue();
    assertThat(s.acquire("g", 4).kind()).isEqualTo(Decision.Kind.DAY);
    assertThat(denials("day")).isEqualTo(1);
    assertThat(registry.get("bot.ratelimit.day.remaining").gauge().value()).isZero();
    s.close();
    assertThat(registry.find("bot.ratelimit.denials").counters()).isEmpty();
  }
}
