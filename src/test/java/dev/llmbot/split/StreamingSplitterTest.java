package dev.llmbot.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingSplitterTest {

  @Test
  void emitsChunksBeforeTheTextEnds() {
    StreamingSplitter s = new StreamingSplitter(100, 10);
    List<String> early = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      early.addAll(s.append("Sentence number " + i + " is here. "));
    }
    assertThat(early).isNotEmpty().allMatch(c -> c.length() <= 100);
    SplitResult rest = s.finish();
    assertThat(rest.chunks()).isNotEmpty();
  }

  @Test
  void oneCharacterAtATimeMatchesBatchOnFencedEmojiText() {
    String text =
        "Intro \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 text.\n\n```java\n"
            + "    int x = 1; // \u00E9\u0301\n".repeat(40)
            + "```\n\uD83C\uDDEB\uD83C\uDDF7 done.\n"
            + "z".repeat(300);
    SplitResult batch = new MessageSplitter(120, 100).split(text);
    StreamingSplitter s = new StreamingSplitter(120, 100);
    List<String> streamed = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      streamed.addAll(s.append(text.subSequence(i, i + 1)));
    }
    streamed.addAll(s.finish().chunks());
    assertThat(streamed).isEqualTo(batch.chunks());
  }

  @Test
  void overflowGoesToTheAttachmentAtFinish() {
    StreamingSplitter s = new StreamingSplitter(50, 2);
    List<String> chunks = new ArrayList<>(s.append("word ".repeat(100)));
    SplitResult end = s.finish();
    chunks.addAll(end.chunks());
    assertThat(chunks).hasSize(2);
    assertThat(end.attachment())
        .startsWith("word")
        .isEqualTo(new MessageSplitter(50, 2).split("word ".repeat(100)).attachment());
  }

  @Test
  void blankStreamGivesNothing() {
    StreamingSplitter s = new MessageSplitter(2000, 10).streaming();
    assertThat(s.append("   ")).isEmpty();
    assertThat(s.append("")).isEmpty();
    SplitResult r = s.finish();
    assertThat(r.chunks()).isEmpty();
    assertThat(r.attachment()).isNull();
  }

  @Test
  void isUsedOnce() {
    StreamingSplitter s = new StreamingSplitter(2000, 10);
    s.append("hi");
    s.finish();
    assertThatThrownBy(() -> s.append("more")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(s::finish).isInstanceOf(IllegalStateException.class);
  }
}
