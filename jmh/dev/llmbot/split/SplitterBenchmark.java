package dev.llmbot.split;

import dev.llmbot.bench.BenchInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The message splitter on the fixed inputs a, b, b2 and c (BENCHMARKS.md), at Discord's 2,000
 * chars, against the naive baseline (paragraphs, then a sentence regex, then words). maxChunks is
 * large so every input is split to the end (c gives 50 chunks) rather than spilling into the
 * attachment. {@code splitStreaming} feeds the same text in 64-char appends.
 *
 * <pre>
 * java -Dbench.inputs=../shared/bench-inputs -jar target/jmh/benchmarks.jar Splitter
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SplitterBenchmark {
  private static final int MAX_CHARS = 2000;
  private static final int MAX_CHUNKS = 1000;

  @Param({"a", "b", "b2", "c"})
  public String input;

  private String text;
  private MessageSplitter splitter;

  @Setup
  public void setUp() {
    String file =
        switch (input) {
          case "a" -> "a_prose_20000.txt";
          case "b" -> "b_code_20000.txt";
          case "b2" -> "b2_code_blanklines_20000.txt";
          case "c" -> "c_blob_100000.txt";
          default -> throw new IllegalArgumentException(input);
        };
    text = BenchInputs.text(file);
    splitter = new MessageSplitter(MAX_CHARS, MAX_CHUNKS);
  }

  @Benchmark
  public SplitResult split() {
    return splitter.split(text);
  }

  @Benchmark
  public List<String> splitStreaming() {
    StreamingSplitter s = new StreamingSplitter(MAX_CHARS, MAX_CHUNKS);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < text.length(); i += 64) {
      out.addAll(s.append(text.substring(i, Math.min(text.length(), i + 64))));
    }
    out.addAll(s.finish().chunks());
    return out;
  }

  @Benchmark
  public List<String> baselineSplit() {
    return NaiveSplitter.split(text, MAX_CHARS);
  }
}
