package dev.llmbot.bus;

import java.util.Objects;

/**
 * A block of the system instruction, already within its budget, without a heading.
 *
 * @param text the block, or empty
 */
public record PromptBlock(String text) {
  public PromptBlock {
    Objects.requireNonNull(text, "text");
  }

  public static PromptBlock empty() {
    return new PromptBlock("");
  }
}
