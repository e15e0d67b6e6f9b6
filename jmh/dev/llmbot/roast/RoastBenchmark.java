package dev.llmbot.roast;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.llmbot.bench.BenchInputs;
import dev.llmbot.bus.RoastDecision;
import dev.llmbot.config.BotConfig;
import dev.llmbot.config.RoastConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One roast-or-help decision (SPEC §4) per operation, on the 2,000 messages of d_messages_2000.txt
 * (200–209 chars each), cycling through 1,000 users in 20 guilds plus DMs, with the system clock
 * and default config: the memoised engine ({@link RoastScorer}) against {@link
 * BaselineRoastScorer}, which recomputes every modifier. The {@code features} pair isolates the
 * message scan (one pass vs regexes). Reference implementation: about 2.8 µs per decision.
 *
 * <pre>
 * java -jar target/jmh/benchmarks.jar RoastBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RoastBenchmark {
  private static final int USERS = 1_000;
  private static final int GUILDS = 20;

  /** {@code system}, or {@code virtual}: 10 s of virtual time per decision. */
  @Param({"system", "virtual"})
  public String clock;

  /**
   * {@code default}: the default roast config. {@code scan}: base 0, no drift, no chaos, so that p
   * is rarely clamped and the message scan runs in most decisions (the engine's dearer path).
   */
  @Param({"default", "scan"})
  public String workload;

  private String[] messages;
  private long[] guilds;
  private long[] users;
  private int next;
  private RoastScorer scorer;
  private BaselineRoastScorer baseline;

  @Setup(Level.Trial)
  public void setUp() {
    List<String> lines = BenchInputs.lines("d_messages_2000.txt");
    messages = lines.toArray(String[]::new);
    guilds = new long[messages.length];
    users = new long[messages.length];
    SplittableRandom traffic = new SplittableRandom(7);
    for (int i = 0; i < messages.length; i++) {
      users[i] = 100_000_000_000_000_000L + traffic.nextInt(USERS);
      // one message in ten is a DM (guild 0)
      guilds[i] = traffic.nextInt(10) == 0 ? 0 : 900_000_000_000_000_000L + traffic.nextInt(GUILDS);
    }
    RoastConfig config = BotConfig.defaults().roast();
    if (workload.equals("scan")) {
      config =
          new RoastConfig(
              0.0,
              config.maxChance(),
              false,
              config.zone(),
              config.guildZones(),
              config.roastPersona(),
              config.helpfulPersona(),
              0.0,
              config.maxUsers(),
              config.userIdleHours(),
              config.maxServers(),
              config.serverIdleHours());
    }
    Clock time =
        clock.equals("system")
            ? Clock.systemUTC()
            : new SteppingClock(Instant.parse("2026-01-05T00:00:00Z"), 10_000);
    scorer = new RoastScorer(config, time, new SplittableRandom(1), Ticker.systemTicker());
    Clock baselineTime =
        clock.equals("system")
            ? Clock.systemUTC()
            : new SteppingClock(Instant.parse("2026-01-05T00:00:00Z"), 10_000);
    baseline = new BaselineRoastScorer(config, baselineTime, new SplittableRandom(1));
  }

  private int advance() {
    int i = next;
    next = i + 1 == messages.length ? 0 : i + 1;
    return i;
  }

  @Benchmark
  public RoastDecision decide() {
    int i = advance();
    return scorer.decide(guilds[i], users[i], messages[i]);
  }

  @Benchmark
  public RoastDecision baselineDecide() {
    int i = advance();
    return baseline.decide(guilds[i], users[i], messages[i]);
  }

  @Benchmark
  public double features() {
    return MessageFeatures.of(messages[advance()]).complexity();
  }

  @Benchmark
  public double baselineFeatures() {
    return BaselineRoastScorer.complexity(messages[advance()]);
  }

  /** A clock that moves on by a fixed step each time it is read: one read per decision. */
  static final class SteppingClock extends Clock {
    private final long step;
    private long millis;

    SteppingClock(Instant start, long stepMillis) {
      this.millis = start.toEpochMilli();
      this.step = stepMillis;
    }

    @Override
    public long millis() {
      millis += step;
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
