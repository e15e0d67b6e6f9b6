package dev.llmbot.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageSplitterTest {

  private static List<String> split(String text, int maxChars) {
    return SplitChecks.splitAndCheck(text, maxChars, 100).chunks();
  }

  @Test
  void blankTextGivesNoChunksAndNoAttachment() {
    SplitResult r = new MessageSplitter(2000, 10).split("   \n\t ");
    assertThat(r.chunks()).isEmpty();
    assertThat(r.attachment()).isNull();
    assertThat(new MessageSplitter(2000, 10).split("").chunks()).isEmpty();
  }

  @Test
  void shortTextIsOneTrimmedChunk() {
    assertThat(split("  hello world \n", 2000)).containsExactly("hello world");
  }

  @Test
  void textOfExactlyTheLimitIsOneChunk() {
    String text = "x".repeat(1000) + " " + "y".repeat(999);
    assertThat(split(text, 2000)).containsExactly(text);
    assertThat(split(text + "z", 2000)).containsExactly("x".repeat(1000), "y".repeat(999) + "z");
  }

  @Test
  void prefersTheLastParagraphBreakOverLaterLineBreaks() {
    String text =
        "a".repeat(30) + "\n\n" + "b".repeat(10) + "\n" + "c".repeat(10) + "\n" + "d".repeat(30);
    assertThat(split(text, 60).get(0)).isEqualTo("a".repeat(30));
  }

  @Test
  void prefersALineBreakOverLaterSentenceEnds() {
    String text = "a".repeat(30) + "\n" + "b. c! d? e" + " f".repeat(20);
    assertThat(split(text, 60).get(0)).isEqualTo("a".repeat(30));
  }

  @Test
  void prefersASentenceEndOverLaterSpaces() {
    String text = "a".repeat(30) + ". " + "b c d e f g h i j k l m n o p q r s t u v";
    assertThat(split(text, 60).get(0)).isEqualTo("a".repeat(30) + ".");
  }

  @Test
  void sentenceEndMayBeFollowedByAClosingQuote() {
    String text = "x".repeat(30) + " said \"yes.\" " + "b c d e f g h i j k l m n o p";
    assertThat(split(text, 60).get(0)).endsWith("\"yes.\"");
  }

  @Test
  void cutsAtTheLastSpaceRatherThanMidWord() {
    String text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu";
    List<String> chunks = split(text, 30);
    assertThat(chunks).allMatch(c -> !c.startsWith(" ") && !c.endsWith(" "));
    assertThat(String.join(" ", chunks)).isEqualTo(text);
  }

  @Test
  void aBetterBreakTooEarlyInTheWindowLosesToALaterWorseOne() {
    // The paragraph break would leave a 5-char chunk; the line break keeps the chunk over half
    // full.
    String text = "intro\n\n" + "w".repeat(40) + "\n" + "z".repeat(40);
    assertThat(split(text, 60).get(0)).isEqualTo("intro\n\n" + "w".repeat(40));
  }

  @Test
  void withoutABreakInTheUpperHalfTakesTheLastBreakAnywhere() {
    String text = "see: " + "u".repeat(100);
    assertThat(split(text, 60)).containsExactly("see:", "u".repeat(60), "u".repeat(40));
  }

  @Test
  void hardCutsABlobIntoFullChunks() {
    List<String> chunks = split("q".repeat(250), 100);
    assertThat(chunks).containsExactly("q".repeat(100), "q".repeat(100), "q".repeat(50));
  }

  @Test
  void crlfParagraphsAreParagraphBreaks() {
    String text = "a".repeat(30) + "\r\n\r\n" + "b".repeat(10) + "\r\n" + "c".repeat(30);
    assertThat(split(text, 60).get(0)).isEqualTo("a".repeat(30));
  }

  @Test
  void cutsAfterCjkSentenceEnds() {
    String sentence = "这是一个很长的句子用来测试分割。";
    String text = sentence.repeat(10);
    List<String> chunks = split(text, 50);
    assertThat(chunks).allMatch(c -> c.endsWith("。"));
    assertThat(String.join("", chunks)).isEqualTo(text);
  }

  @Test
  void closesAndReopensACodeBlockWithItsInfoString() {
    StringBuilder code = new StringBuilder("Here:\n\n```java\n");
    for (int i = 0; i < 30; i++) {
      code.append("    int v").append(i).append(" = ").append(i).append(";\n");
    }
    code.append("```\nDone.");
    List<String> chunks = split(code.toString(), 200);
    assertThat(chunks.size()).isGreaterThanOrEqualTo(3);
    for (int i = 0; i < chunks.size(); i++) {
      String c = chunks.get(i);
      assertThat(fenceLines(c) % 2).as("balanced fences in %s", c).isZero();
      if (i > 0 && i < chunks.size() - 1) {
        assertThat(c).startsWith("```java\n    int v");
      }
    }
  }

  @Test
  void movesACodeBlockThatFitsInOneMessageToTheNextRatherThanCuttingIt() {
    String prose = "Some words here. ".repeat(50).strip(); // 849 chars: under half the window
    String block = "```java\n" + "int x = 1;\n".repeat(130) + "```"; // 1,441 chars
    String text = prose + "\n\n" + block + "\n\nBye.";
    List<String> chunks = split(text, 2000);
    assertThat(chunks).containsExactly(prose, block + "\n\nBye.");
  }

  @Test
  void aBlockTooLongForOneMessageIsStillCutAtTheLimit() {
    String prose = "Some words here. ".repeat(50).strip();
    String block = "```java\n" + "int x = 1;\n".repeat(300) + "```";
    List<String> chunks = split(prose + "\n\n" + block, 2000);
    assertThat(chunks.get(0)).startsWith(prose).endsWith("int x = 1;\n```");
    assertThat(chunks.get(0).length()).isGreaterThan(1900);
  }

  @Test
  void anUnclosedBlockThatFitsIsMovedWholeAndClosed() {
    String prose = "Some words here. ".repeat(50).strip();
    String block = "```py\n" + "x = 1\n".repeat(250);
    List<String> chunks = split(prose + "\n" + block, 2000);
    assertThat(chunks).containsExactly(prose, block.strip() + "\n```");
  }

  @Test
  void tildeFencesAndLongerBacktickRunsAreReopenedAsWritten() {
    String body = "line\n".repeat(40);
    List<String> tilde = split("~~~python\n" + body + "~~~", 100);
    assertThat(tilde.get(1)).startsWith("~~~python\nline");
    assertThat(tilde.get(0)).endsWith("\n~~~");
    List<String> four = split("````md\n```java\nx\n```\n" + body + "````", 100);
    assertThat(four.get(0)).startsWith("````md\n```java").endsWith("\n````");
    assertThat(four.get(1)).startsWith("````md\nline");
  }

  @Test
  void anUnclosedFenceIsClosedAtTheEnd() {
    List<String> chunks = split("Try this:\n```js\nconsole.log(1);", 2000);
    assertThat(chunks).containsExactly("Try this:\n```js\nconsole.log(1);\n```");
  }

  @Test
  void inlineTripleBackticksOnOneLineAreNotAFence() {
    String text = "use ```x``` here " + "word ".repeat(30);
    List<String> chunks = split(text.strip(), 60);
    assertThat(chunks).noneMatch(c -> c.endsWith("\n```"));
  }

  @Test
  void doesNotLeaveAnEmptyBlockBeforeAClosingFence() {
    String text = "```\n" + "a".repeat(40) + "\n```\n" + "tail text here";
    List<String> chunks = split(text, 60);
    assertThat(chunks).noneMatch(c -> c.startsWith("```\n```"));
    assertThat(chunks.get(0)).isEqualTo("```\n" + "a".repeat(40) + "\n```");
  }

  @Test
  void keepsTheIndentationOfTheFirstCodeLineOfAReopenedBlock() {
    String text = "```py\n" + "        x = 1\n".repeat(20) + "```";
    List<String> chunks = split(text, 100);
    assertThat(chunks.get(1)).startsWith("```py\n        x = 1");
  }

  @Test
  void neverSplitsSurrogatePairsOrEmojiSequences() {
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66";
    String flag = "\uD83C\uDDEB\uD83C\uDDF7";
    String accented = "e\u0301";
    for (String unit : List.of(family, flag, accented, "\uD835\uDC9C", "\u2764\uFE0F")) {
      String text = unit.repeat(200);
      List<Piece> pieces = new ArrayList<>();
      SplitResult r = new MessageSplitter(50, 100).split(text, pieces);
      SplitChecks.check(text, 50, 100, r, pieces);
      SplitChecks.assertNoClusterSplit(text, pieces);
      assertThat(r.chunks()).allMatch(c -> c.length() % unit.length() == 0);
    }
  }

  @Test
  void aClusterLongerThanTheBacktrackFallsBackToACodePointBoundary() {
    String zalgo = "a" + "\u0301".repeat(200);
    List<String> chunks = split(zalgo, 50);
    assertThat(String.join("", chunks)).isEqualTo(zalgo);
  }

  @Test
  void overflowBecomesTheAttachmentReopenedInsideItsBlock() {
    String text = "```java\n" + "int x;\n".repeat(100) + "```";
    SplitResult r = SplitChecks.splitAndCheck(text, 100, 2);
    assertThat(r.chunks()).hasSize(2);
    assertThat(r.attachment()).startsWith("```java\nint x;").endsWith("```");
  }

  @Test
  void overflowOfPlainProse() {
    String text = "word ".repeat(1000).strip();
    SplitResult r = SplitChecks.splitAndCheck(text, 2000, 1);
    assertThat(r.chunks()).hasSize(1);
    assertThat(r.chunks().get(0) + " " + r.attachment()).isEqualTo(text);
  }

  @Test
  void absurdInfoStringsAreSplitAsPlainTextWithoutLoss() {
    String text = "```" + "x".repeat(80) + "\n" + "code line\n".repeat(30) + "```";
    SplitChecks.splitAndCheck(text, 100, 100);
  }

  @Test
  void aLimitAsLargeAsAnIntAllowsWorks() {
    SplitResult r = new MessageSplitter(Integer.MAX_VALUE, 1).split("a b\n\n```x\ny");
    assertThat(r.chunks()).containsExactly("a b\n\n```x\ny\n```");
    StreamingSplitter s = new StreamingSplitter(Integer.MAX_VALUE, 1);
    assertThat(s.append("a ".repeat(100))).isEmpty();
    assertThat(s.finish().chunks()).hasSize(1);
  }

  @Test
  void rejectsLimitsTooSmall() {
    assertThatThrownBy(() -> new MessageSplitter(7, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MessageSplitter(2000, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aHugeAdversarialTextStaysLinear() {
    // Alternating short words and long blobs, newlines, fences: must simply finish.
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      sb.append("a b\n").append("z".repeat(1500)).append(i % 7 == 0 ? "\n```\n" : " ");
    }
    SplitChecks.splitAndCheck(sb.toString(), 2000, 10_000);
  }

  static int fenceLines(String chunk) {
    int n = 0;
    for (String line : chunk.split("\n", -1)) {
      String t = line.strip();
      if (t.startsWith("```") || t.startsWith("~~~")) {
        n++;
      }
    }
    return n;
  }
}
