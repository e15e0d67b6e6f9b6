package dev.llmbot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of the suite (baselines and optimised forms) with the GC profiler and writes
 * JMH's JSON results, for {@link Report} to turn into docs/PERFORMANCE.md.
 *
 * <pre>
 * java -cp target/jmh/benchmarks.jar dev.llmbot.bench.RunAll [results.json] [include-regex]
 * </pre>
 *
 * Defaults: {@code target/jmh/results.json} and every class named {@code *Benchmark} under
 * dev.llmbot. One fork, 3 × 1 s warm-up and 5 × 1 s measurement: enough for the ratios between a
 * baseline and its optimised form; use JMH's own flags for publication-grade runs.
 */
public final class RunAll {
  private RunAll() {}

  public static void main(String[] args) throws RunnerException, java.io.IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "target/jmh/results.json");
    String include = args.length > 1 ? args[1] : "dev\\.llmbot\\..*Benchmark\\..*";
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(include)
            .forks(1)
            .warmupIterations(3)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(5)
            .measurementTime(TimeValue.seconds(1))
            .addProfiler("gc")
            .resultFormat(ResultFormatType.JSON)
            .result(out.toString());
    String inputs = System.getProperty("bench.inputs");
    if (inputs != null) {
      options.jvmArgsAppend("-Dbench.inputs=" + inputs);
    }
    new Runner(options.build()).run();
  }
}
