package dev.llmbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.config.ContextConfig;
import dev.llmbot.conversation.ServerContext.Kind;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ServerContextTest {
  static ContextConfig config(int moments, int gags, int facts, int totalChars) {
    return new ContextConfig(moments, gags, facts, totalChars, 4_000, 0.8, 24, 300, 20, 200);
  }

  private static final long HOUR = 3_600_000L;
  private long now = 1_700_000_000_000L;

  @Test
  void exactAndNearDuplicatesAreRefusedWithAClearMessage() {
    ServerContext c = new ServerContext(config(60, 30, 50, 300_000));
    assertThat(c.add(Kind.GAG, 0, "", "Bob broke prod on a Friday again", now).changed()).isTrue();
    OpResult same = c.add(Kind.GAG, 0, "", "  bob BROKE prod, on a friday again!! ", now);
    assertThat(same.changed()).isFalse();
    assertThat(same.message()).contains("already know").contains("Bob broke prod");
    // 6 of 7 distinct words shared: 86 % overlap.
    assertThat(c.add(Kind.GAG, 0, "", "Bob broke prod on a Monday again", now).changed()).isFalse();
    // 5 of 7 shared: 71 %, different enough.
    assertThat(c.add(Kind.GAG, 0, "", "Bob broke staging on a Monday again", now).changed())
        .isTrue();
    assertThat(c.size()).isEqualTo(2);
  }

  @Test
  void nearDuplicatesAreFoundAmongManyItemsSharingCommonWords() {
    ServerContext c = new ServerContext(config(10_000, 30, 50, 10_000_000));
    for (int i = 0; i < 2_000; i++) {
      c.add(Kind.MOMENT, 1, "a", text(i), now);
    }
    assertThat(c.size()).isEqualTo(2_000);
    assertThat(
            c.add(Kind.MOMENT, 1, "a", text(17).toUpperCase(java.util.Locale.ROOT), now).changed())
        .isFalse();
    // 9 of 10 distinct words shared.
    assertThat(c.add(Kind.MOMENT, 1, "a", text(17).replace("e17", "zz"), now).changed()).isFalse();
    // Only the 5 common words shared.
    assertThat(c.add(Kind.MOMENT, 1, "a", text(5_000), now).changed()).isTrue();
  }

  @Test
  void evictedItemsNeverOutnumberLiveOnesInThePostingLists() {
    ServerContext c = new ServerContext(config(8, 30, 50, 300_000));
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    for (int i = 0; i < 5_000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int w = 0; w < 8; w++) {
        sb.append("w").append(random.nextInt(40)).append(' ');
      }
      c.add(Kind.MOMENT, 1, "a", sb.toString(), now + i);
    }
    assertThat(c.size()).isEqualTo(8);
    long[] postings = c.postingCounts();
    assertThat(postings[0]).as("live postings").isPositive();
    // Each list is compacted once more than half of it is dead, whatever its length.
    assertThat(postings[2]).as("lists with more dead postings than live").isZero();
    assertThat(postings[1]).as("dead postings").isLessThanOrEqualTo(postings[0]);
  }

  private static String text(int i) {
    return "the user said that a" + i + " b" + i + " c" + i + " d" + i + " e" + i;
  }

  @Test
  void overTheKindCapTheLeastRecentlyUsedItemGoesFirst() {
    ServerContext c = new ServerContext(config(60, 3, 50, 300_000));
    c.add(Kind.GAG, 0, "", "alpha gag", now);
    c.add(Kind.GAG, 0, "", "beta gag", now + 1);
    c.add(Kind.GAG, 0, "", "gamma gag", now + 2);
    // Using the block touches all three in block order (newest first): gamma, beta, alpha.
    c.promptBlock(42, now + 10);
    c.add(Kind.GAG, 0, "", "delta gag", now + 20);
    assertThat(c.lruOrder(Kind.GAG)).containsExactly("beta gag", "alpha gag", "delta gag");
  }

  @Test
  void overTheCharCapTheLeastRecentlyUsedItemOfAnyKindGoes() {
    ServerContext c = new ServerContext(config(60, 30, 50, 1_000));
    c.add(Kind.FACT, 0, "", "f".repeat(400), now);
    c.add(Kind.GAG, 0, "", "g".repeat(400), now + 1);
    c.add(Kind.MOMENT, 7, "x", "m".repeat(400), now + 2);
    assertThat(c.chars()).isEqualTo(800);
    assertThat(c.count(Kind.FACT)).isZero();
  }

  @Test
  void theBlockPutsTheUsersMomentsFirstThenGagsThenFactsWithinBudget() {
    ServerContext c = new ServerContext(config(60, 30, 50, 300_000));
    c.add(Kind.FACT, 0, "", "the server was founded in 2019", now);
    c.add(Kind.GAG, 0, "", "nobody reads the pinned messages", now);
    c.add(Kind.MOMENT, 2, "Eve", "eve likes cats", now);
    c.add(Kind.MOMENT, 1, "Al", "al likes tea", now);
    String block = c.promptBlock(1, now);
    assertThat(block.lines().toList())
        .containsExactly(
            "- About Al: al likes tea",
            "- Running gag: nobody reads the pinned messages",
            "- Fact: the server was founded in 2019",
            "- About Eve: eve likes cats");
    ContextConfig tiny = new ContextConfig(60, 30, 50, 300_000, 40, 0.8, 24, 300, 20, 200);
    ServerContext small = ServerContext.restore(c.save(), tiny);
    assertThat(small.promptBlock(1, now).lines().toList())
        .containsExactly("- About Al: al likes tea");
  }

  @Test
  void summarizeFoldsOldMomentsIntoOneShortFact() {
    ServerContext c = new ServerContext(config(60, 30, 50, 300_000));
    for (int i = 0; i < 20; i++) {
      c.add(Kind.MOMENT, i, "user" + i, "did thing" + i + " with item" + i + " at place" + i, now);
    }
    c.add(Kind.MOMENT, 99, "new", "fresh moment", now + 23 * HOUR);
    OpResult r = c.summarize(now + 25 * HOUR);
    assertThat(r.changed()).isTrue();
    assertThat(r.message()).contains("20 moments");
    assertThat(c.count(Kind.MOMENT)).isEqualTo(1);
    assertThat(c.count(Kind.FACT)).isEqualTo(1);
    String fact = c.lruOrder(Kind.FACT).get(0);
    assertThat(fact.length()).isLessThanOrEqualTo(300);
    assertThat(fact).startsWith("Earlier moments: user0 did thing0 with item0 at place0; user1");
    assertThat(c.chars()).isEqualTo(c.recountChars());
    assertThat(c.summarize(now + 25 * HOUR).changed()).isFalse();
  }

  @Test
  void deduplicateDropsNewerNearDuplicatesAndKeepsUseOrder() {
    ContextConfig loose = new ContextConfig(60, 30, 50, 300_000, 4_000, 0.5, 24, 300, 20, 200);
    ServerContext c = new ServerContext(config(60, 30, 50, 300_000));
    c.add(Kind.GAG, 0, "", "one two three four", now);
    c.add(Kind.GAG, 0, "", "one two five six", now + 1);
    c.add(Kind.GAG, 0, "", "seven eight nine ten", now + 2);
    ServerContext l = ServerContext.restore(c.save(), loose);
    OpResult r = l.deduplicate();
    assertThat(r.message()).isEqualTo("Dropped 1 near-duplicate.");
    assertThat(l.lruOrder(Kind.GAG)).containsExactly("one two three four", "seven eight nine ten");
    assertThat(l.chars()).isEqualTo(l.recountChars());
    assertThat(l.deduplicate().message()).isEqualTo("No near-duplicates found.");
  }

  @Test
  void saveAndRestoreKeepItemsAndLruOrder() {
    ServerContext c = new ServerContext(config(60, 30, 50, 300_000));
    c.add(Kind.GAG, 0, "", "first", now);
    c.add(Kind.GAG, 0, "", "second", now + 1);
    c.promptBlock(0, now + 5); // touches second then first
    ServerContext r = ServerContext.restore(c.save(), config(60, 30, 50, 300_000));
    assertThat(r.lruOrder(Kind.GAG)).isEqualTo(c.lruOrder(Kind.GAG));
    assertThat(r.chars()).isEqualTo(c.chars());
    assertThat(r.add(Kind.GAG, 0, "", "FIRST", now).changed()).isFalse();
  }

  @Provide
  Arbitrary<List<String>> ops() {
    Arbitrary<String> word = Arbitraries.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
    Arbitrary<String> text = word.list().ofMinSize(1).ofMaxSize(8).map(l -> String.join(" ", l));
    Arbitrary<String> op =
        Arbitraries.oneOf(
            text.map(t -> "moment:" + t),
            text.map(t -> "gag:" + t),
            text.map(t -> "fact:" + t),
            Arbitraries.just("use:"),
            Arbitraries.just("dedup:"),
            Arbitraries.just("summarize:"));
    return op.list().ofMaxSize(150);
  }

  /** Random adds, uses, dedupes and folds: the tracked figures always match a full recount. */
  @Property(tries = 150)
  void trackedTotalsMatchTheRealSumCapsHoldAndEvictionFollowsUse(@ForAll("ops") List<String> ops) {
    ContextConfig cfg = new ContextConfig(5, 4, 3, 60, 4_000, 0.8, 1, 40, 20, 200);
    ServerContext c = new ServerContext(cfg);
    for (String op : ops) {
      now += 1_000;
      String arg = op.substring(op.indexOf(':') + 1);
      switch (op.substring(0, op.indexOf(':'))) {
        case "moment" -> c.add(Kind.MOMENT, now % 3, "u", arg, now);
        case "gag" -> c.add(Kind.GAG, 0, "", arg, now);
        case "fact" -> c.add(Kind.FACT, 0, "", arg, now);
        case "use" -> c.promptBlock(now % 3, now);
        case "dedup" -> c.deduplicate();
        default -> c.summarize(now + 2 * HOUR);
      }
      assertThat(c.chars()).isEqualTo(c.recountChars()).isLessThanOrEqualTo(60);
      assertThat(c.count(Kind.MOMENT)).isLessThanOrEqualTo(5);
      assertThat(c.count(Kind.GAG)).isLessThanOrEqualTo(4);
      assertThat(c.count(Kind.FACT)).isLessThanOrEqualTo(3);
      assertThat(c.size())
          .isEqualTo(
              c.lruOrder(Kind.MOMENT).size()
                  + c.lruOrder(Kind.GAG).size()
                  + c.lruOrder(Kind.FACT).size());
    }
  }

  @Test
  void theVictimOfAKindCapIsAlwaysItsLeastRecentlyUsedItem() {
    ServerContext c = new ServerContext(config(60, 3, 50, 300_000));
    List<String> model = new ArrayList<>();
    String[] words = {"red", "green", "blue", "cyan", "pink", "gold", "teal", "navy"};
    for (int i = 0; i < words.length; i++) {
      String text = words[i] + " banana " + i;
      c.add(Kind.GAG, 0, "", text, now + i);
      model.add(text);
      if (model.size() > 3) {
        model.remove(0);
      }
      if (i % 3 == 2) {
        // The block touches newest first, so use order becomes the reverse of creation order.
        c.promptBlock(0, now + i);
        List<String> reversed = new ArrayList<>(model);
        java.util.Collections.reverse(reversed);
        model = reversed;
      }
      assertThat(c.lruOrder(Kind.GAG)).isEqualTo(model);
    }
  }
}
