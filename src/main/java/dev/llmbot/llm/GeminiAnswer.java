package dev.llmbot.llm;

import java.util.Objects;

/**
 * A usable model answer, the value the response cache stores.
 *
 * @param text the answer, never blank; thought parts already dropped
 * @param truncated whether the model stopped at MAX_TOKENS (the text is partial)
 */
public record GeminiAnswer(String text, boolean truncated) {
  public GeminiAnswer {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("an answer is never blank");
    }
  }
}
