package dev.llmbot.conversation;

import dev.llmbot.bench.BenchInputs;
import dev.llmbot.bus.Turn;
import dev.llmbot.config.ConversationConfig;
import dev.llmbot.console.ConsoleOutput;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Retained heap per stored message: 1,000 users × 50 messages of d_messages_2000.txt (25 exchanges
 * each) held in {@link ConversationMemory}, against the naive layout (a {@code HashMap<String,
 * ArrayList<Turn>>}). Used heap after full GCs, before and after; each message is a fresh String
 * (copied bytes), as messages arriving from Discord are.
 *
 * <pre>
 * java -XX:+UseSerialGC -Xmx1g -cp target/jmh/benchmarks.jar \
 *     dev.llmbot.conversation.ConversationHeapMain
 * </pre>
 */
@ConsoleOutput
public final class ConversationHeapMain {
  private static final int USERS = 1_000;
  private static final int MESSAGES = 50;

  private ConversationHeapMain() {}

  public static void main(String[] args) {
    List<String> d = BenchInputs.lines("d_messages_2000.txt");
    int n = USERS * MESSAGES;
    long payload = 0;
    for (int i = 0; i < n; i++) {
      payload += d.get(i % d.size()).length();
    }
    for (int round = 0; round < 3; round++) {
      long base = usedAfterGc();
      ConversationMemory memory =
          new ConversationMemory(
              new ConversationConfig("channel-user", 100, 50_000, 1_000, 30, 60));
      int k = 0;
      for (int u = 0; u < USERS; u++) {
        String key = ConversationKeys.of("channel-user", 1234567890123L, 987654321098L, u);
        for (int m = 0; m < MESSAGES; m += 2) {
          memory.record(key, fresh(d, k++), fresh(d, k++), 1_700_000_000_000L);
        }
      }
      long window = usedAfterGc() - base;
      Reference.reachabilityFence(memory);
      memory = null;

      base = usedAfterGc();
      Map<String, List<Turn>> naive = new HashMap<>();
      k = 0;
      for (int u = 0; u < USERS; u++) {
        String key = ConversationKeys.of("channel-user", 1234567890123L, 987654321098L, u);
        List<Turn> turns = naive.computeIfAbsent(key, x -> new ArrayList<>());
        for (int m = 0; m < MESSAGES; m += 2) {
          turns.add(Turn.user(fresh(d, k++)));
          turns.add(Turn.model(fresh(d, k++)));
        }
      }
      long baseline = usedAfterGc() - base;
      Reference.reachabilityFence(naive);

      System.out.printf(
          Locale.ROOT,
          "round %d: ConversationMemory %.1f B/message, baseline HashMap<ArrayList<Turn>> %.1f"
              + " B/message (avg %.1f chars/message, %d messages)%n",
          round,
          window / (double) n,
          baseline / (double) n,
          payload / (double) n,
          n);
    }
  }

  private static String fresh(List<String> d, int i) {
    return new String(d.get(i % d.size()).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  private static long usedAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
