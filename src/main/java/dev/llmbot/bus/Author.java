package dev.llmbot.bus;

import java.util.Objects;

/**
 * The user who sent a message or ran a command.
 *
 * @param id the Discord user id (the console user has a fixed local id)
 * @param name a display name, used only in prompts and offline templates
 * @param admin whether the user has Administrator or Manage Server in the guild
 */
public record Author(long id, String name, boolean admin) {
  public Author {
    Objects.requireNonNull(name, "name");
  }
}
