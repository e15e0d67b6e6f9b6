package dev.llmbot.ratelimit;

import dev.llmbot.bus.QuotaStatus;
import dev.llmbot.state.PeriodicFlusher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The rate limiter with its persistence and metrics: what the rate-limit verticle runs. Owned by
 * that verticle's event loop; every method must be called there. Not thread-safe, except the
 * gauges, which read an immutable view published after each change.
 *
 * <p>Requests touch memory only: {@link #acquire} and {@link #release} mark the state dirty, and
 * {@link #tick} (from a timer) lets the {@link PeriodicFlusher} write a snapshot on a worker when
 * something changed, at most once per interval and never two at a time. A failed write is logged
 * and retried at the next interval; requests never wait for it.
 */
public final class RateLimitService {
  private final RateLimiter limiter;
  private final Clock clock;
  private final PeriodicFlusher<RateLimitSnapshot> flusher;
  private final EnumMap<Decision.Kind, Counter> denials = new EnumMap<>(Decision.Kind.class);
  private final List<Meter> meters = new ArrayList<>();
  private final MeterRegistry registry;
  private long seenChanges;
  private volatile View view;

  /** What the gauges read from other threads: the windows as of the last change. */
  private record View(long[] minuteLog, int dayUsed, long dayResetsAt, int buckets) {}

  /**
   * @param limiter the in-memory limiter, owned from now on by this service
   * @param clock wall time, for the windows
   * @param intervalNanos the least time between two writes
   * @param nanoClock a monotonic clock for the flusher's interval
   * @param writer persists a snapshot (e.g. {@code store::write}); runs on {@code worker}
   * @param worker runs the blocking writes
   * @param owner runs the write completions on the owner's event loop
   * @param registry where the meters go
   */
  public RateLimitService(
      RateLimiter limiter,
      Clock clock,
      long intervalNanos,
      LongSupplier nanoClock,
      PeriodicFlusher.Writer<RateLimitSnapshot> writer,
      Executor worker,
      Executor owner,
      MeterRegistry registry) {
    this.limiter = limiter;
    this.clock = clock;
    this.registry = registry;
    this.flusher =
        new PeriodicFlusher<>(
            "ratelimit state",
            intervalNanos,
            nanoClock,
            () -> limiter.snapshot(clock.millis()),
            writer,
            worker,
            owner);
    for (Decision.Kind kind : Decision.Kind.values()) {
      if (kind != Decision.Kind.GRANTED) {
        Counter c =
            Counter.builder("bot.ratelimit.denials")
                .description("Requests refused, by the limit that refused them")
                .tag("scope", kind.scope())
                .register(registry);
        denials.put(kind, c);
        meters.add(c);
      }
    }
    Timer flushes =
        Timer.builder("bot.ratelimit.flushes")
            .description("Writes of the rate-limit state file (count and duration)")
            .register(registry);
    Counter failures =
        Counter.builder("bot.ratelimit.flush.failures")
            .description("Writes of the rate-limit state file that failed (retried next interval)")
            .register(registry);
    meters.add(flushes);
    meters.add(failures);
    flusher.listener(
        (name, nanos, ok) -> {
          flushes.record(nanos, TimeUnit.NANOSECONDS);
          if (!ok) {
            failures.increment();
          }
        });
    meters.add(
        Gauge.builder("bot.ratelimit.minute.remaining", this, s -> s.gaugeMinuteRemaining())
            .description("Global requests left in the sliding minute window")
            .register(registry));
    meters.add(
        Gauge.builder("bot.ratelimit.day.remaining", this, s -> s.gaugeDayRemaining())
            .description("Global requests left today (day zone)")
            .register(registry));
    meters.add(
        Gauge.builder("bot.ratelimit.user.buckets", this, s -> s.view.buckets())
            .description("Per-user buckets held in memory (non-full ones)")
            .register(registry));
    publish();
  }

  /** Loads persisted state; call once before serving requests. */
  public void restore(Optional<RateLimitSnapshot> snapshot) {
    snapshot.ifPresent(s -> limiter.restore(s, clock.millis()));
    seenChanges = limiter.changes();
    publish();
  }

  /** Checks and charges one message (memory only); counts a denial by its scope. */
  public Decision acquire(String requestId, long userId) {
    Decision d = limiter.acquire(requestId, userId, clock.millis());
    if (!d.granted()) {
      denials.get(d.kind()).increment();
    }
    afterChange();
    return d;
  }

  /** Gives back the global slot of {@code requestId} (memory only). */
  public boolean release(String requestId) {
    boolean released = limiter.release(requestId, clock.millis());
    afterChange();
    return released;
  }

  /** The /status figures, both windows rolled to now. */
  public QuotaStatus status(long userId) {
    return limiter.status(userId, clock.millis());
  }

  /** The periodic timer's work: drop full buckets and old request ids, then maybe flush. */
  public void tick() {
    limiter.sweep(clock.millis());
    publish();
    flusher.tick();
  }

  /** The final flush at shutdown: waits for a running write, then writes if dirty. */
  public CompletionStage<Void> flushNow() {
    return flusher.flushNow();
  }

  public PeriodicFlusher<RateLimitSnapshot> flusher() {
    return flusher;
  }

  public RateLimiter limiter() {
    return limiter;
  }

  /** Unregisters the meters (an undeployed verticle must not leave gauges pointing at it). */
  public void close() {
    meters.forEach(registry::remove);
    meters.clear();
  }

  private void afterChange() {
    long changes = limiter.changes();
    if (changes != seenChanges) {
      seenChanges = changes;
      flusher.markDirty();
      publish();
    }
  }

  private void publish() {
    long now = clock.millis();
    GlobalQuota q = limiter.quota();
    view =
        new View(
            q.minuteLog(now), q.dayUsed(now), q.dayResetsAtMillis(now), limiter.buckets().size());
  }

  private double gaugeMinuteRemaining() {
    View v = view;
    long cutoff = clock.millis() - GlobalQuota.MINUTE_MILLIS;
    int inWindow = 0;
    for (long t : v.minuteLog()) {
      if (t > cutoff) {
        inWindow++;
      }
    }
    return Math.max(0, limiter.quota().perMinute() - inWindow);
  }

  private double gaugeDayRemaining() {
    View v = view;
    int used = clock.millis() >= v.dayResetsAt() ? 0 : v.dayUsed();
    return Math.max(0, limiter.quota().perDay() - used);
  }
}
