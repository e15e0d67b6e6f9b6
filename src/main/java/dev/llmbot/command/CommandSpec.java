package dev.llmbot.command;

import java.util.List;

/**
 * How a slash command looks and who may run it (SPEC §2). Discord registration, the permission
 * checks, /help and the prompt's command list all read this one description.
 *
 * @param name the name without the slash
 * @param description one line, shown by /help and Discord
 * @param options its options, in order
 * @param adminOnly whether it needs Administrator or Manage Server
 * @param guildOnly whether it only works in a server
 * @param ephemeral whether only the caller sees the answer
 */
public record CommandSpec(
    String name,
    String description,
    List<OptionSpec> options,
    boolean adminOnly,
    boolean guildOnly,
    boolean ephemeral) {

  public CommandSpec {
    options = List.copyOf(options);
  }
}
