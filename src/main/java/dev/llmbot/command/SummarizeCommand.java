package dev.llmbot.command;

import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.ContextCommand;
import dev.llmbot.bus.Reply;
import io.vertx.core.Future;
import java.util.List;

/** /summarize (admin): folds moments older than 24 h into one fact, heuristically. */
public final class SummarizeCommand implements CommandHandler {
  private static final CommandSpec SPEC =
      new CommandSpec(
          "summarize", "Folds old moments into one fact now", List.of(), true, true, true);

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
        new ContextCommand(ContextCommand.Op.SUMMARIZE, request.guildId(), 0, "", ""));
  }
}
