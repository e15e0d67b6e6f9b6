package dev.llmbot.discord;

import dev.llmbot.command.CommandSpec;
import dev.llmbot.command.OptionSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.javacord.api.DiscordApi;
import org.javacord.api.interaction.SlashCommand;
import org.javacord.api.interaction.SlashCommandBuilder;
import org.javacord.api.interaction.SlashCommandOption;
import org.javacord.api.interaction.SlashCommandOptionType;

/**
 * Registers every command of the catalog with one idempotent bulk overwrite (SPEC §2): globally, or
 * in each guild of {@code discord.commandGuildIds} (instant, for development). Overwriting replaces
 * the whole set, so a removed command disappears and a restart changes nothing.
 */
final class CommandRegistration {
  private CommandRegistration() {}

  /** The Javacord builders for {@code specs}. */
  static Set<SlashCommandBuilder> builders(List<CommandSpec> specs) {
    Set<SlashCommandBuilder> set = new LinkedHashSet<>();
    for (CommandSpec spec : specs) {
      List<SlashCommandOption> options = new ArrayList<>();
      for (OptionSpec o : spec.options()) {
        SlashCommandOptionType type =
            o.type() == OptionSpec.Type.USER
                ? SlashCommandOptionType.USER
                : SlashCommandOptionType.STRING;
        options.add(SlashCommandOption.create(type, o.name(), o.description(), o.required()));
      }
      set.add(SlashCommand.with(spec.name(), spec.description(), options));
    }
    return set;
  }

  /** Overwrites the commands globally, or per guild when {@code guildIds} is not empty. */
  static CompletableFuture<Void> register(
      DiscordApi api, List<CommandSpec> specs, List<Long> guildIds) {
    Set<SlashCommandBuilder> set = builders(specs);
    if (guildIds.isEmpty()) {
      return api.bulkOverwriteGlobalApplicationCommands(set).thenApply(done -> null);
    }
    CompletableFuture<?>[] calls =
        guildIds.stream()
            .map(g -> api.bulkOverwriteServerApplicationCommands(g, set))
            .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(calls);
  }
}
