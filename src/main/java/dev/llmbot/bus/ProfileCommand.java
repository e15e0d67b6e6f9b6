package dev.llmbot.bus;

import java.util.Objects;

/**
 * A personality-profile operation for the partition that owns the user ({@link
 * Addresses#PROFILE_RUN}); answered with an {@link OpAnswer}.
 *
 * @param op what to do
 * @param userId whose profile
 * @param whose how the answer names the profile ("your", "Al's")
 * @param description the description to add or remove (empty otherwise)
 */
public record ProfileCommand(Op op, long userId, String whose, String description) {
  /** The profile operations behind the slash commands. */
  public enum Op {
    ADD,
    REMOVE,
    CLEAR,
    SHOW
  }

  public ProfileCommand {
    Objects.requireNonNull(op, "op");
    whose = whose == null ? "the" : whose;
    description = description == null ? "" : description;
  }
}
