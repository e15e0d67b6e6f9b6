package dev.llmbot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code BOT_LOG_FORMAT=json}: the real Main, in its own JVM, writes one JSON object per line on
 * stderr (logback's JsonEncoder), including the reply line, and still no message content.
 */
class JsonLogTest {
  @Test
  void jsonFormatGivesOneObjectPerLine(@TempDir Path dir) throws Exception {
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName())
            .redirectError(err.toFile())
            .redirectOutput(dir.resolve("stdout.txt").toFile());
    pb.environment().put("BOT_LOG_FORMAT", "json");
    pb.environment().put("OPS_PORT", "0");
    pb.environment().put("BOT_DATA_DIR", dir.resolve("data").toString());
    pb.environment().remove("DISCORD_TOKEN");
    pb.environment().remove("GEMINI_API_KEY");
    pb.environment().remove("BOT_CONFIG");
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(("hello " + ReplyLogTest.SECRET + "\n").getBytes(StandardCharsets.UTF_8));
    }
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("bot exits on EOF").isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(Files.readString(dir.resolve("stdout.txt"))).contains(ReplyLogTest.SECRET);

    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
      if (line.isEmpty()) {
        continue;
      }
      JsonNode node = json.readTree(line);
      assertThat(node.isObject()).as(line).isTrue();
      assertThat(node.path("level").asText()).isNotEmpty();
      assertThat(node.path("loggerName").asText()).isNotEmpty();
      assertThat(line).doesNotContain(ReplyLogTest.SECRET);
      lines.add(node);
    }
    assertThat(lines)
        .anySatisfy(
            n ->
                assertThat(n.path("formattedMessage").asText())
                    .startsWith("reply id=console-1 trigger=console outcome=answered latency_ms="));
    assertThat(lines)
        .noneMatch(n -> n.path("formattedMessage").asText().contains("already registered"));
  }
}
