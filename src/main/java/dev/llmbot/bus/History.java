package dev.llmbot.bus;

import java.util.List;

/**
 * A conversation's history for the prompt.
 *
 * @param summary the rolling summary of dropped turns, or empty
 * @param turns the kept turns, oldest first, alternating user and model
 */
public record History(String summary, List<Turn> turns) {
  public History {
    turns = List.copyOf(turns);
  }

  public static History empty() {
    return new History("", List.of());
  }
}
