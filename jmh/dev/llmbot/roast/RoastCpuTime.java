package dev.llmbot.roast;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A companion to {@link RoastBenchmark} for a loaded machine: the same operations timed by this
 * thread's CPU time (ThreadMXBean), which does not count time spent waiting for a core, so the
 * figure stays meaningful when other builds share the cores. JMH's wall-clock figures remain the
 * reference; this one only removes run-queue waiting.
 *
 * <pre>
 * java -Dbench.inputs=../shared/bench-inputs -cp target/jmh/benchmarks.jar \
 *     dev.llmbot.roast.RoastCpuTime [operations per round, default 2000000]
 * </pre>
 */
public final class RoastCpuTime {
  private static final Logger LOG = LoggerFactory.getLogger(RoastCpuTime.class);

  private RoastCpuTime() {}

  public static void main(String[] args) {
    int ops = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    for (String workload : new String[] {"default", "scan"}) {
      for (String clock : new String[] {"system", "virtual"}) {
        measure("decide", workload, clock, ops, b -> b.decide().probability());
        measure("baselineDecide", workload, clock, ops / 10, b -> b.baselineDecide().probability());
      }
    }
    measure("features", "default", "system", ops, RoastBenchmark::features);
    measure("baselineFeatures", "default", "system", ops / 10, RoastBenchmark::baselineFeatures);
  }

  private static void measure(
      String name, String workload, String clock, int ops, ToDoubleFunction<RoastBenchmark> op) {
    RoastBenchmark bench = new RoastBenchmark();
    bench.workload = workload;
    bench.clock = clock;
    bench.setUp();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double sink = 0;
    for (int i = 0; i < ops; i++) { // warm-up
      sink += op.applyAsDouble(bench);
    }
    double best = Double.MAX_VALUE;
    double sum = 0;
    int rounds = 5;
    for (int r = 0; r < rounds; r++) {
      long start = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < ops; i++) {
        sink += op.applyAsDouble(bench);
      }
      double perOp = (threads.getCurrentThreadCpuTime() - start) / (double) ops;
      best = Math.min(best, perOp);
      sum += perOp;
    }
    LOG.info(
        String.format(
            Locale.ROOT,
            "%-16s workload=%-7s clock=%-7s cpu ns/op: mean %8.1f  best %8.1f  (%d ops x %d rounds,"
                + " sink %.1f)",
            name,
            workload,
            clock,
            sum / rounds,
            best,
            ops,
            rounds,
            sink));
  }
}
