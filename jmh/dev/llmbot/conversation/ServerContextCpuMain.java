package dev.llmbot.conversation;

import dev.llmbot.bench.BenchInputs;
import dev.llmbot.config.ContextConfig;
import dev.llmbot.console.ConsoleOutput;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Per-add cost of {@link ServerContext} at 100, 1,000 and 10,000 stored items, as wall time
 * <em>and</em> as this thread's CPU time. On a machine shared with other builds the wall time is
 * mostly waiting for a core; the CPU time shows the work itself, so flatness is judged on it. Same
 * items as {@code ServerContextBenchmark.addAtSize}: 35 words drawn from the words of
 * d_messages_2000.txt, the cap raised to the stored count so every add also evicts one item.
 *
 * <pre>
 * java -cp target/jmh/benchmarks.jar -Dbench.inputs=../shared/bench-inputs \
 *     dev.llmbot.conversation.ServerContextCpuMain
 * </pre>
 */
@ConsoleOutput
public final class ServerContextCpuMain {
  private static final int STREAM = 1 << 16;
  private static final int ADDS = 200_000;

  private ServerContextCpuMain() {}

  public static void main(String[] args) {
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
    String[] stream = new String[STREAM];
    for (int i = 0; i < STREAM; i++) {
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < 35; k++) {
        sb.append(vocabulary.get(random.nextInt(vocabulary.size()))).append(' ');
      }
      stream[i] = sb.toString().strip();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int stored : new int[] {100, 1_000, 10_000}) {
      ServerContext c =
          new ServerContext(
              new ContextConfig(stored, 30, 50, 100_000_000, 4_000, 0.8, 24, 300, 20, 200));
      int next = 0;
      long now = 1;
      for (; next < stored; next++) {
        c.add(ServerContext.Kind.MOMENT, next % 50, "u", stream[next], now++);
      }
      double bestCpu = Double.MAX_VALUE;
      double bestWall = Double.MAX_VALUE;
      for (int round = 0; round < 5; round++) {
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        long refused = 0;
        for (int i = 0; i < ADDS; i++) {
          String text = stream[next++ & (STREAM - 1)];
          if (!c.add(ServerContext.Kind.MOMENT, next % 50, "u", text, now++).changed()) {
            refused++;
          }
        }
        double wall = (System.nanoTime() - wall0) / 1_000.0 / ADDS;
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1_000.0 / ADDS;
        bestCpu = Math.min(bestCpu, cpu);
        bestWall = Math.min(bestWall, wall);
        System.out.printf(
            Locale.ROOT,
            "stored=%5d round %d: %.2f µs/add CPU, %.2f µs/add wall (size %d, refused %d)%n",
            stored,
            round,
            cpu,
            wall,
            c.size(),
            refused);
      }
      System.out.printf(
          Locale.ROOT,
          "stored=%5d best: %.2f µs/add CPU, %.2f µs/add wall%n",
          stored,
          bestCpu,
          bestWall);
    }
  }
}
