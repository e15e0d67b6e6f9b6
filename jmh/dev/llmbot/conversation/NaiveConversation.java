package dev.llmbot.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmbot.bus.Turn;
import java.util.ArrayList;
import java.util.List;

/**
 * The naive conversation the benchmarks compare against: an {@code ArrayList<Turn>} trimmed with
 * {@code remove(0)} (shifting every kept turn), and a size read that serialises the turns to JSON,
 * as the reference bot did.
 */
final class NaiveConversation {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  final List<Turn> turns = new ArrayList<>();
  private final int maxTurns;
  private final int maxChars;
  long chars;

  NaiveConversation(int maxTurns, int maxChars) {
    this.maxTurns = maxTurns;
    this.maxChars = maxChars;
  }

  void record(String user, String model) {
    add(Turn.user(user));
    add(Turn.model(model));
  }

  private void add(Turn t) {
    turns.add(t);
    chars += t.text().length();
    while (turns.size() > maxTurns || chars > maxChars) {
      chars -= turns.remove(0).text().length();
    }
  }

  /** The size as the reference computed it: the length of the JSON of the turns. */
  int jsonSize() {
    try {
      return MAPPER.writeValueAsString(turns).length();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
