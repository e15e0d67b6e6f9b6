package dev.llmbot.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixed benchmark inputs (../shared/bench-inputs, or the {@code bench.inputs} system property)
 * split correctly. Skipped when the directory is absent.
 */
class BenchInputsSplitTest {

  private static String read(String name) throws IOException {
    Path dir = Path.of(System.getProperty("bench.inputs", "../shared/bench-inputs"));
    Assumptions.assumeTrue(Files.isDirectory(dir), "bench inputs not found at " + dir);
    return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a_prose_20000.txt",
        "b_code_20000.txt",
        "b2_code_blanklines_20000.txt",
        "c_blob_100000.txt"
      })
  void everyInvariantHoldsAndStreamingMatches(String name) throws IOException {
    String text = read(name);
    SplitResult batch = SplitChecks.splitAndCheck(text, 2000, 100);
    assertThat(batch.attachment()).isNull();
    StreamingSplitter stream = new StreamingSplitter(2000, 100);
    List<String> streamed = new ArrayList<>();
    for (int pos = 0, n = 1; pos < text.length(); pos += n, n = n % 97 + 13) {
      streamed.addAll(stream.append(text.substring(pos, Math.min(text.length(), pos + n))));
    }
    streamed.addAll(stream.finish().chunks());
    assertThat(streamed).isEqualTo(batch.chunks());
  }

  @Test
  void proseIsCutAtParagraphEnds() throws IOException {
    String text = read("a_prose_20000.txt");
    List<String> chunks = SplitChecks.splitAndCheck(text, 2000, 100).chunks();
    assertThat(chunks).hasSize(11);
    int pos = 0;
    for (String c : chunks.subList(0, chunks.size() - 1)) {
      pos = text.indexOf(c, pos) + c.length();
      assertThat(text.startsWith("\n\n", pos)).as("cut at a paragraph break").isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"b_code_20000.txt", "b2_code_blanklines_20000.txt"})
  void codeChunksAreBalancedBlocksReopenedAsJava(String name) throws IOException {
    String text = read(name);
    List<String> chunks = SplitChecks.splitAndCheck(text, 2000, 100).chunks();
    assertThat(chunks.size()).isGreaterThan(10);
    for (int i = 0; i < chunks.size(); i++) {
      String c = chunks.get(i);
      assertThat(MessageSplitterTest.fenceLines(c) % 2).as("balanced chunk %d", i).isZero();
      if (i > 0) {
        assertThat(c).startsWith("```java\n");
      }
      if (i < chunks.size() - 1) {
        assertThat(c).endsWith("\n```");
      }
    }
    assertThat(chunks.get(chunks.size() - 1))
        .endsWith("Let me know if you want me to add unit tests.");
  }

  @Test
  void blobIsHardCutIntoFiftyFullChunks() throws IOException {
    String text = read("c_blob_100000.txt");
    List<String> chunks = SplitChecks.splitAndCheck(text, 2000, 100).chunks();
    assertThat(chunks).hasSize(50).allMatch(c -> c.length() == 2000);
    assertThat(String.join("", chunks)).isEqualTo(text);
  }

  @Test
  void theDefaultTenChunksSendTheRestAsTheAttachment() throws IOException {
    String text = read("c_blob_100000.txt");
    SplitResult r = SplitChecks.splitAndCheck(text, 2000, 10);
    assertThat(r.chunks()).hasSize(10);
    assertThat(r.attachment()).hasSize(80_000);
  }
}
