package dev.llmbot.ratelimit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmbot.config.RateLimitConfig;
import dev.llmbot.state.AtomicJsonStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One rate-limit check (user bucket, then global quota) in memory, against naive baselines that
 * write the state file on every request. Single thread: the limiter is owned by one event loop.
 *
 * <p>Workload: the default limits (9 a minute and 450 a day after the safety factor, burst 3,
 * refill 6 a minute), 10,000 users taking turns while virtual time moves 1 ms per check, so each
 * user asks every 10 s. Most checks pass the user's bucket and are refused by the global minute
 * window (the bot's real situation under load: the provider quota is the bottleneck); a few are
 * granted. {@code checkSpammer} is one user hammering, refused by their own bucket.
 *
 * <p>I/O: the optimised path writes at most one file per flush interval (10 s) whatever the rate; a
 * baseline writes one per check.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class RateLimiterBenchmark {
  private static final int USERS = 10_000;
  private static final int IDS = 1 << 16;
  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  private static final RateLimitConfig DEFAULTS = new RateLimitConfig(10, 500, 0.9, LA, 3, 6.0);

  private final long[] users = new long[USERS];
  private final String[] ids = new String[IDS];
  private RateLimiter limiter;
  private RateLimitService service;
  private RateLimitService durable;
  private long now;
  private int i;
  private int u; // the next user, wrapping without a division

  private Path dir;
  private Path plainFile;
  private AtomicJsonStore<RateLimitSnapshot> store;
  private final ObjectMapper json = new ObjectMapper();

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    for (int u = 0; u < USERS; u++) {
      users[u] = 1_100_000_000_000_000_000L + u * 4_194_305L; // snowflake-like ids
    }
    for (int k = 0; k < IDS; k++) {
      ids[k] = Long.toString(1_200_000_000_000_000_000L + k);
    }
    now = Instant.parse("2026-06-01T16:00:00Z").toEpochMilli();
    limiter = RateLimiter.from(DEFAULTS);
    Clock clock =
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
          public long millis() {
            return now;
          }

          @Override
          public Instant instant() {
            return Instant.ofEpochMilli(now);
          }
        };
    service =
        new RateLimitService(
            RateLimiter.from(DEFAULTS),
            clock,
            TimeUnit.SECONDS.toNanos(10),
            () -> TimeUnit.MILLISECONDS.toNanos(now),
            snapshot -> {},
            Runnable::run,
            Runnable::run,
            new SimpleMeterRegistry());
    dir = Files.createTempDirectory("ratelimit-bench");
    plainFile = dir.resolve("plain.json");
    store =
        new AtomicJsonStore<>(
            dir.resolve("ratelimit.json"), RateLimitSnapshot.class, RateLimitSnapshot.VERSION);
    AtomicJsonStore<RateLimitSnapshot> durableStore =
        new AtomicJsonStore<>(
            dir.resolve("durable.json"), RateLimitSnapshot.class, RateLimitSnapshot.VERSION);
    durable =
        new RateLimitService(
            RateLimiter.from(DEFAULTS),
            clock,
            TimeUnit.SECONDS.toNanos(10),
            () -> TimeUnit.MILLISECONDS.toNanos(now),
            durableStore::write,
            Runnable::run,
            Runnable::run,
            new SimpleMeterRegistry());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private int nextUser() {
    int next = u;
    u = next + 1 == USERS ? 0 : next + 1;
    return next;
  }

  private Decision next(RateLimiter l) {
    int k = i++;
    now++;
    return l.acquire(ids[k & (IDS - 1)], users[nextUser()], now);
  }

  /** The optimised path: the decision in memory, nothing written. */
  @Benchmark
  public Decision check() {
    return next(limiter);
  }

  /** What the verticle runs per request: the check, the denial counter and the dirty mark. */
  @Benchmark
  public Decision checkWithMetrics() {
    int k = i++;
    now++;
    return service.acquire(ids[k & (IDS - 1)], users[nextUser()]);
  }

  /** One user sending far faster than their bucket refills: refused by the user check. */
  @Benchmark
  public Decision checkSpammer() {
    now++;
    return limiter.acquire(ids[i++ & (IDS - 1)], 42L, now);
  }

  /**
   * The persisted path as the verticle runs it, with the real atomic store: the check, then the
   * flusher's tick. Virtual time moves 1 ms per check, so the store writes (temp file, fsync,
   * rename, .bak) once per 10 virtual seconds, i.e. once per 10,000 checks; its cost is amortised
   * here. The timer ticks far less often in the bot; ticking on every check is the worst case.
   */
  @Benchmark
  public Decision durableCheck() {
    int k = i++;
    now++;
    Decision d = durable.acquire(ids[k & (IDS - 1)], users[nextUser()]);
    durable.tick();
    return d;
  }

  /** Naive: the same check, then the whole state serialised and written to the file each time. */
  @Benchmark
  public Decision baselineCheck() throws IOException {
    Decision d = next(limiter);
    Files.write(plainFile, json.writeValueAsBytes(limiter.snapshot(now)));
    return d;
  }

  /**
   * Naive with the store's durability: every check writes through the atomic store (temp file,
   * fsync, rename, .bak).
   */
  @Benchmark
  public Decision baselineDurableCheck() throws IOException {
    Decision d = next(limiter);
    store.write(limiter.snapshot(now));
    return d;
  }
}
