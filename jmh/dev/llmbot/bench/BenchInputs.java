package dev.llmbot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The fixed benchmark inputs (shared/bench-inputs, see BENCHMARKS.md there): read from the
 * directory in system property {@code bench.inputs}, default {@code ../shared/bench-inputs}
 * (relative to the repository root, where CI clones shared/ beside the repo).
 */
public final class BenchInputs {
  private BenchInputs() {}

  /** The inputs directory. */
  public static Path dir() {
    return Path.of(System.getProperty("bench.inputs", "../shared/bench-inputs"));
  }

  /** The whole text of input {@code name}, e.g. {@code a_prose_20000.txt}. */
  public static String text(String name) {
    try {
      return Files.readString(file(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The non-empty lines of input {@code name}, e.g. the messages of {@code d_messages_2000.txt}.
   */
  public static List<String> lines(String name) {
    try {
      return Files.readAllLines(file(name), StandardCharsets.UTF_8).stream()
          .filter(l -> !l.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path file(String name) {
    Path p = dir().resolve(name);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException(
          "Benchmark input "
              + p.toAbsolutePath()
              + " not found; set -Dbench.inputs=<dir holding the shared bench-inputs>");
    }
    return p;
  }
}
