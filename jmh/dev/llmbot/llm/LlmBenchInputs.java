package dev.llmbot.llm;

import dev.llmbot.bus.LlmRequest;
import dev.llmbot.bus.Persona;
import dev.llmbot.bus.Turn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds benchmark requests from the fixed inputs: the chat messages of {@code d_messages_2000.txt}
 * as alternating user/model turns, cut to an exact context size in chars.
 */
final class LlmBenchInputs {
  private LlmBenchInputs() {}

  static final String SYSTEM =
      "You are a concise, accurate assistant in a Discord server. Answer clearly, use Markdown and"
          + " fenced code blocks where they help, say when you are unsure, and never ping anyone.\n"
          + "Commands: /chat /ascii /status /clear /remember /addgag /help\n"
          + "Current time: 2026-11-28 12:00 UTC";

  static List<String> messages() {
    Path dir = Path.of(System.getProperty("bench.inputs", "../shared/bench-inputs"));
    try {
      return Files.readAllLines(dir.resolve("d_messages_2000.txt"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("bench inputs not found under " + dir.toAbsolutePath(), e);
    }
  }

  /** A request whose turns hold exactly {@code contextChars} chars, ending with a user turn. */
  static LlmRequest request(int contextChars) {
    List<String> lines = messages();
    List<Turn> turns = new ArrayList<>();
    int left = contextChars;
    for (int i = 0; left > 0; i++) {
      String line = lines.get(i % lines.size());
      String text = line.length() <= left ? line : line.substring(0, left);
      left -= text.length();
      turns.add(i % 2 == 0 ? Turn.user(text) : Turn.model(text));
    }
    if (turns.get(turns.size() - 1).role() != Turn.Role.USER) {
      turns.add(Turn.user("?"));
    }
    return new LlmRequest("bench", Persona.HELPFUL, SYSTEM, turns, true, "bench");
  }
}
