package dev.llmbot.conversation;

import dev.llmbot.bench.BenchInputs;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The conversation window on the reference workload: 500 exchanges (the first 1,000 messages of
 * d_messages_2000.txt) into one window with the default caps (100 turns, 50,000 chars), then the
 * stats; reported per message. Beside it, the size read alone on a full window. Baselines: an
 * {@code ArrayList.remove(0)} trim and a JSON-serialisation size read ({@link NaiveConversation}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConversationWindowBenchmark {
  private static final int MESSAGES = 1_000;
  private String[] messages;
  private ConversationWindow full;
  private NaiveConversation naiveFull;

  @Setup
  public void setUp() {
    List<String> d = BenchInputs.lines("d_messages_2000.txt");
    messages = d.subList(0, MESSAGES).toArray(new String[0]);
    full = new ConversationWindow(100, 50_000, 1_000);
    naiveFull = new NaiveConversation(100, 50_000);
    for (int i = 0; i < MESSAGES; i += 2) {
      full.record(messages[i], messages[i + 1]);
      naiveFull.record(messages[i], messages[i + 1]);
    }
  }

  /** 500 exchanges into a fresh window, then its stats; the score is per message. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long appendTrim() {
    ConversationWindow w = new ConversationWindow(100, 50_000, 1_000);
    for (int i = 0; i < MESSAGES; i += 2) {
      w.record(messages[i], messages[i + 1]);
    }
    return w.chars() + w.size();
  }

  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long baselineAppendTrim() {
    NaiveConversation w = new NaiveConversation(100, 50_000);
    for (int i = 0; i < MESSAGES; i += 2) {
      w.record(messages[i], messages[i + 1]);
    }
    return w.jsonSize() + w.turns.size();
  }

  /** The size of a full window: a tracked field. */
  @Benchmark
  public long sizeRead() {
    return full.chars() + full.size();
  }

  /** The size of a full window by serialising it to JSON. */
  @Benchmark
  public long baselineSizeRead() {
    return naiveFull.jsonSize() + naiveFull.turns.size();
  }
}
