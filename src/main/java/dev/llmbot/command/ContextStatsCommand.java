package dev.llmbot.command;

import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.ContextCommand;
import dev.llmbot.bus.Reply;
import io.vertx.core.Future;
import java.util.List;

/** /contextstats: the server context's item counts and chars used against the caps. */
public final class ContextStatsCommand implements CommandHandler {
  private static final CommandSpec SPEC =
      new CommandSpec(
          "contextstats",
          "Shows the server context: item counts, chars used / cap",
          List.of(),
          false,
          true,
          true);

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
        new ContextCommand(ContextCommand.Op.STATS, request.guildId(), 0, "", ""));
  }
}
