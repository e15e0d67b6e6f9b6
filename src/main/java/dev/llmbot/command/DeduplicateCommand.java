package dev.llmbot.command;

import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.ContextCommand;
import dev.llmbot.bus.Reply;
import io.vertx.core.Future;
import java.util.List;

/** /deduplicate (admin): drops near-duplicate server items. */
public final class DeduplicateCommand implements CommandHandler {
  private static final CommandSpec SPEC =
      new CommandSpec(
          "deduplicate", "Drops near-duplicate server items", List.of(), true, true, true);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Future<Reply> handle(CommandRequest request, CommandContext ctx) {
    return StateCalls.context(
        request,
        SPEC,
        ctx,
        new ContextCommand(ContextCommand.Op.DEDUPLICATE, request.guildId(), 0, "", ""));
  }
}
