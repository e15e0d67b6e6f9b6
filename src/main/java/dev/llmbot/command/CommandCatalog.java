package dev.llmbot.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one list of slash commands the bot has. Discord registration, /help, the console and the
 * prompt's command list all read it, so every list the user sees is true. Immutable.
 */
public final class CommandCatalog {
  private static final Map<String, CommandHandler> HANDLERS = build();

  private CommandCatalog() {}

  private static Map<String, CommandHandler> build() {
    Map<String, CommandHandler> map = new LinkedHashMap<>();
    for (CommandHandler h :
        List.of(
            new ChatCommand(),
            new AsciiCommand(),
            new StatusCommand(),
            new ClearCommand(),
            new RememberCommand(),
            new AddGagCommand(),
            new ContextStatsCommand(),
            new SummarizeCommand(),
            new DeduplicateCommand(),
            new SetPersonalityCommand(),
            new MyPersonalityCommand(),
            new GetPersonalityCommand(),
            new RemovePersonalityCommand(),
            new ClearPersonalityCommand(),
            new HelpCommand())) {
      map.put(h.spec().name(), h);
    }
    return Map.copyOf(map);
  }

  /** The handler for a command name (lower case, without the slash). */
  public static Optional<CommandHandler> find(String name) {
    return Optional.ofNullable(HANDLERS.get(name));
  }

  /** Every command's spec, sorted by name. */
  public static List<CommandSpec> specs() {
    return HANDLERS.values().stream()
        .map(CommandHandler::spec)
        .sorted((a, b) -> a.name().compareTo(b.name()))
        .toList();
  }

  /** One line per command for the system instruction. */
  public static String promptList() {
    StringBuilder sb = new StringBuilder();
    for (CommandSpec spec : specs()) {
      sb.append("/").append(spec.name()).append(": ").append(spec.description()).append('\n');
    }
    return sb.toString().strip();
  }
}
