package dev.llmbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.bus.Turn;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ConversationWindowTest {

  @Provide
  Arbitrary<List<Turn>> turns() {
    Arbitrary<Turn> turn =
        Combinators.combine(
                Arbitraries.of(Turn.Role.values()),
                Arbitraries.strings().alpha().ofMinLength(0).ofMaxLength(120))
            .as(Turn::new);
    return turn.list().ofMaxSize(400);
  }

  @Property(tries = 80)
  void trackedCharsEqualTheRealSumAndCapsHoldAndTheNewestTurnsAreKept(
      @ForAll("turns") List<Turn> ops,
      @ForAll @IntRange(min = 2, max = 30) int maxTurns,
      @ForAll @IntRange(min = 100, max = 2_000) int maxChars) {
    ConversationWindow w = new ConversationWindow(maxTurns, maxChars, 300);
    ArrayDeque<Turn> model = new ArrayDeque<>();
    long modelChars = 0;
    for (Turn t : ops) {
      w.append(t.role(), t.text());
      // A turn longer than the whole cap is cut to the cap.
      Turn stored =
          new Turn(t.role(), t.text().substring(0, Math.min(maxChars, t.text().length())));
      model.addLast(stored);
      modelChars += stored.text().length();
      while (model.size() > maxTurns || modelChars > maxChars) {
        modelChars -= model.removeFirst().text().length();
      }
      List<Turn> kept = w.turns();
      assertThat(kept.stream().mapToLong(k -> k.text().length()).sum()).isEqualTo(w.chars());
      assertThat(w.size()).isLessThanOrEqualTo(maxTurns).isEqualTo(kept.size());
      assertThat(w.chars()).isLessThanOrEqualTo(maxChars);
      assertThat(kept).containsExactlyElementsOf(model);
      assertThat(w.summary().length()).isLessThanOrEqualTo(300);
    }
  }

  @Property(tries = 100)
  void exchangesAlwaysStartWithAUserTurn(
      @ForAll("turns") List<Turn> ops, @ForAll @IntRange(min = 2, max = 9) int maxTurns) {
    ConversationWindow w = new ConversationWindow(maxTurns, 500, 1_000);
    for (int i = 0; i + 1 < ops.size(); i += 2) {
      w.record(ops.get(i).text(), ops.get(i + 1).text());
      List<Turn> kept = w.turns();
      if (!kept.isEmpty()) {
        assertThat(kept.get(0).role()).isEqualTo(Turn.Role.USER);
      }
      assertThat(w.chars()).isLessThanOrEqualTo(500);
    }
  }

  @Test
  void droppedTurnsAreFoldedIntoASummaryNewestKept() {
    ConversationWindow w = new ConversationWindow(4, 10_000, 1_000);
    for (int i = 1; i <= 5; i++) {
      w.record("question " + i + ". More words here.", "answer " + i);
    }
    assertThat(w.turns()).extracting(Turn::text).first().isEqualTo("question 4. More words here.");
    assertThat(w.summary())
        .isEqualTo(
            "User: question 1.\nYou: answer 1\nUser: question 2.\nYou: answer 2\n"
                + "User: question 3.\nYou: answer 3");
  }

  @Test
  void theSummaryStaysWithinItsCapAndKeepsTheNewestLines() {
    ConversationWindow w = new ConversationWindow(2, 10_000, 250);
    for (int i = 0; i < 50; i++) {
      w.record("u" + i + " " + "x".repeat(150), "m" + i + " " + "y".repeat(150));
    }
    String s = w.summary();
    assertThat(s.length()).isLessThanOrEqualTo(250);
    assertThat(s).contains("m48").doesNotContain("u10 ");
  }

  @Test
  void aTurnLongerThanTheCharCapIsCutNotAllowedToBreakIt() {
    ConversationWindow w = new ConversationWindow(10, 100, 0);
    w.record("hi", "z".repeat(500));
    assertThat(w.chars()).isLessThanOrEqualTo(100);
    assertThat(w.summary()).isEmpty();
  }

  @Test
  void saveAndRestoreKeepTurnsAndSummary() {
    ConversationWindow w = new ConversationWindow(4, 10_000, 1_000);
    for (int i = 0; i < 4; i++) {
      w.record("q" + i, "a" + i);
    }
    ConversationWindow r = ConversationWindow.restore(w.save(), 4, 10_000, 1_000);
    assertThat(r.turns()).isEqualTo(w.turns());
    assertThat(r.summary()).isEqualTo(w.summary());
    assertThat(r.chars()).isEqualTo(w.chars());
    // The restored summary is kept in front of newer dropped turns.
    r.record("q4", "a4");
    assertThat(r.summary()).startsWith(w.summary()).endsWith("User: q2\nYou: a2");
  }

  @Test
  void restoringUnderSmallerCapsTrims() {
    ConversationWindow w = new ConversationWindow(20, 10_000, 1_000);
    for (int i = 0; i < 10; i++) {
      w.record("q" + i, "a" + i);
    }
    ConversationWindow r = ConversationWindow.restore(w.save(), 4, 10_000, 1_000);
    assertThat(r.size()).isEqualTo(4);
    List<String> texts = new ArrayList<>();
    r.turns().forEach(t -> texts.add(t.text()));
    assertThat(texts).containsExactly("q8", "a8", "q9", "a9");
  }
}
