package dev.llmbot.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MessageSplitterPropertiesTest {

  @Provide
  Arbitrary<String> replies() {
    return TextGen.reply();
  }

  @Provide
  Arbitrary<Integer> limits() {
    return TextGen.maxChars();
  }

  @Provide
  Arbitrary<List<Integer>> parts() {
    return TextGen.partSizes();
  }

  @Provide
  Arbitrary<String> around2000() {
    return net.jqwik.api.Arbitraries.of(1999, 2000, 2001).flatMap(TextGen::exactly);
  }

  @Provide
  Arbitrary<String> soup() {
    return net.jqwik.api.Arbitraries.of(
            "a",
            "b",
            " ",
            "\n",
            "\r\n",
            "\t",
            ".",
            "!",
            "`",
            "```",
            "~~~",
            "````",
            "```js",
            "\u3002",
            "\u0301",
            "\u200D",
            "\uFE0F",
            "\uD83D\uDE00",
            "\uD83C\uDDEB",
            "\uD835\uDC9C",
            "\u4E2D",
            "\u3000",
            "\u000B",
            "\u2028",
            "\u205F",
            "  ",
            "\n\n",
            "x".repeat(30))
        .list()
        .ofMaxSize(300)
        .map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<Integer> smallLimits() {
    return net.jqwik.api.Arbitraries.integers().between(MessageSplitter.MIN_CHARS, 80);
  }

  @Property(tries = 500)
  void invariantsHoldOnCharacterSoupWithTinyLimits(
      @ForAll("soup") String text,
      @ForAll("smallLimits") int maxChars,
      @ForAll("parts") List<Integer> parts) {
    List<Piece> pieces = new ArrayList<>();
    SplitResult r = new MessageSplitter(maxChars, 1000).split(text, pieces);
    SplitChecks.check(text, maxChars, 1000, r, pieces);
    StreamingSplitter stream = new StreamingSplitter(maxChars, 1000);
    List<String> streamed = new ArrayList<>();
    int pos = 0;
    int k = 0;
    while (pos < text.length()) {
      int n = Math.min(parts.get(k++ % parts.size()) % 7 + 1, text.length() - pos);
      streamed.addAll(stream.append(text.substring(pos, pos + n)));
      pos += n;
    }
    streamed.addAll(stream.finish().chunks());
    assertThat(streamed).isEqualTo(r.chunks());
  }

  @Property(tries = 400)
  void everyInvariantHoldsOnMixedReplies(
      @ForAll("replies") String text, @ForAll("limits") int maxChars) {
    List<Piece> pieces = new ArrayList<>();
    SplitResult r = new MessageSplitter(maxChars, 1000).split(text, pieces);
    SplitChecks.check(text, maxChars, 1000, r, pieces);
    SplitChecks.assertNoClusterSplit(text, pieces);
  }

  @Property(tries = 200)
  void overflowBecomesOneAttachment(
      @ForAll("replies") String text, @ForAll("limits") int maxChars) {
    List<Piece> pieces = new ArrayList<>();
    SplitResult r = new MessageSplitter(maxChars, 3).split(text, pieces);
    SplitChecks.check(text, maxChars, 3, r, pieces);
    SplitResult all = new MessageSplitter(maxChars, 1000).split(text);
    if (all.chunks().size() > 3) {
      assertThat(r.attachment()).isNotNull();
      assertThat(r.chunks()).isEqualTo(all.chunks().subList(0, 3));
    } else {
      assertThat(r.attachment()).isNull();
      assertThat(r.chunks()).isEqualTo(all.chunks());
    }
  }

  @Property(tries = 200)
  void hardCutsHappenOnlyWhenAChunkHadNoWhitespace(
      @ForAll("replies") String text, @ForAll("limits") int maxChars) {
    String plain = text.replace('`', '\'').replace('~', '-');
    List<Piece> pieces = new ArrayList<>();
    SplitResult r = new MessageSplitter(maxChars, 1000).split(plain, pieces);
    SplitChecks.assertHardCutsOnlyWithoutWhitespace(plain, pieces, r.chunks().size());
  }

  @Property(tries = 150)
  void textsAroundTheDiscordLimit(@ForAll("around2000") String text) {
    List<Piece> pieces = new ArrayList<>();
    SplitResult r = new MessageSplitter(2000, 10).split(text, pieces);
    SplitChecks.check(text, 2000, 10, r, pieces);
    SplitChecks.assertNoClusterSplit(text, pieces);
    boolean plain = text.indexOf('`') < 0 && text.indexOf('~') < 0;
    if (plain && text.strip().length() <= 2000) {
      assertThat(r.chunks()).containsExactly(text.strip());
    }
    if (text.strip().length() > 2000) {
      assertThat(r.chunks().size()).isGreaterThan(1);
    }
  }

  @Property(tries = 300)
  void streamingGivesTheSameChunksAsBatch(
      @ForAll("replies") String text,
      @ForAll("limits") int maxChars,
      @ForAll("parts") List<Integer> parts) {
    SplitResult batch = new MessageSplitter(maxChars, 6).split(text);
    StreamingSplitter stream = new StreamingSplitter(maxChars, 6);
    List<String> streamed = new ArrayList<>();
    int pos = 0;
    int k = 0;
    while (pos < text.length()) {
      int n = Math.min(parts.get(k++ % parts.size()), text.length() - pos);
      streamed.addAll(stream.append(text.substring(pos, pos + n)));
      pos += n;
    }
    SplitResult last = stream.finish();
    streamed.addAll(last.chunks());
    assertThat(streamed).isEqualTo(batch.chunks());
    assertThat(last.attachment()).isEqualTo(batch.attachment());
  }
}
