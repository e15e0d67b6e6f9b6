package dev.llmbot.conversation;

import dev.llmbot.bench.BenchInputs;
import dev.llmbot.config.ContextConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Server context adds.
 *
 * <ul>
 *   <li>{@code addMoments}: the reference workload: the first 1,000 messages of d_messages_2000.txt
 *       added as moments to one guild (default caps), reading the size after each add; per add.
 *   <li>{@code addAtSize}: the cost of one add (duplicate check, insert, LRU eviction) with {@code
 *       stored} items already held, the cap raised to {@code stored} so the context stays at that
 *       size; it must be flat from 100 to 10,000. The items are distinct synthetic texts of 35
 *       words drawn from the words of d.
 * </ul>
 *
 * Baselines: {@link NaiveServerContext} (scan every item per add, JSON size read).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ServerContextBenchmark {
  private static final int MESSAGES = 1_000;
  private static final int STREAM = 1 << 16;

  private String[] messages;
  private ContextConfig defaults;
  private final long now = 1_700_000_000_000L;

  @Setup(Level.Trial)
  public void setUp() {
    messages = BenchInputs.lines("d_messages_2000.txt").subList(0, MESSAGES).toArray(new String[0]);
    defaults = new ContextConfig(60, 30, 50, 300_000, 4_000, 0.8, 24, 300, 20, 200);
  }

  /** A context already holding {@code stored} distinct items, its cap raised to that size. */
  @State(Scope.Thread)
  public static class AtSize {
    @Param({"100", "1000", "10000"})
    public int stored;

    String[] stream;
    int next;
    long now = 1_700_000_000_000L;
    ServerContext context;
    NaiveServerContext naive;

    @Setup(Level.Trial)
    public void setUp() {
      List<String> d = BenchInputs.lines("d_messages_2000.txt");
      List<String> vocabulary = new ArrayList<>();
      for (String line : d) {
        for (String w : line.split(" ")) {
          if (!w.isEmpty()) {
            vocabulary.add(w);
          }
        }
      }
      SplittableRandom random = new SplittableRandom(42);
      stream = new String[STREAM];
      for (int i = 0; i < STREAM; i++) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 35; k++) {
          sb.append(vocabulary.get(random.nextInt(vocabulary.size()))).append(' ');
        }
        stream[i] = sb.toString().strip();
      }
      ContextConfig raised =
          new ContextConfig(stored, 30, 50, 100_000_000, 4_000, 0.8, 24, 300, 20, 200);
      context = new ServerContext(raised);
      naive = new NaiveServerContext(stored);
      for (next = 0; next < stored; next++) {
        context.add(ServerContext.Kind.MOMENT, next % 50, "u", stream[next], now++);
        // The texts are distinct by construction; filling the naive one without its O(n) check
        // keeps the set-up time sane.
        naive.addUnchecked(next % 50, stream[next]);
      }
    }
  }

  /** The reference workload, per add (size read after each). */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long addMoments() {
    ServerContext c = new ServerContext(defaults);
    long sum = 0;
    for (int i = 0; i < MESSAGES; i++) {
      c.add(ServerContext.Kind.MOMENT, i % 50, "user", messages[i], now + i);
      sum += c.chars() + c.size();
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long baselineAddMoments() {
    NaiveServerContext c = new NaiveServerContext(60);
    long sum = 0;
    for (int i = 0; i < MESSAGES; i++) {
      c.add(i % 50, messages[i]);
      sum += c.jsonSize();
    }
    return sum;
  }

  /** One add into a context holding {@code stored} items (one is evicted to make room). */
  @Benchmark
  public long addAtSize(AtSize s) {
    String text = s.stream[s.next++ & (STREAM - 1)];
    s.context.add(ServerContext.Kind.MOMENT, s.next % 50, "u", text, s.now++);
    return s.context.chars() + s.context.size();
  }

  @Benchmark
  public long baselineAddAtSize(AtSize s) {
    String text = s.stream[s.next++ & (STREAM - 1)];
    s.naive.add(s.next % 50, text);
    return s.naive.items.size();
  }
}
