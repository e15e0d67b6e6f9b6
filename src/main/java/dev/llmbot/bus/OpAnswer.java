package dev.llmbot.bus;

import java.util.Objects;

/**
 * The answer to a {@link ContextCommand} or {@link ProfileCommand}.
 *
 * @param changed whether anything was stored or removed (false also for a refusal)
 * @param text what to tell the user
 */
public record OpAnswer(boolean changed, String text) {
  public OpAnswer {
    Objects.requireNonNull(text, "text");
  }
}
