package dev.llmbot.bus;

import java.util.Objects;

/**
 * One conversation turn as Gemini sees it.
 *
 * @param role who spoke
 * @param text what was said
 */
public record Turn(Role role, String text) {
  /** Gemini's two content roles; there is no system or assistant role. */
  public enum Role {
    USER,
    MODEL;

    /** The role string of the Gemini REST API. */
    public String apiName() {
      return this == USER ? "user" : "model";
    }
  }

  public Turn {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(text, "text");
  }

  public static Turn user(String text) {
    return new Turn(Role.USER, text);
  }

  public static Turn model(String text) {
    return new Turn(Role.MODEL, text);
  }
}
