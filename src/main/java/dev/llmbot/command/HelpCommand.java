package dev.llmbot.command;

import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.Reply;
import io.vertx.core.Future;
import java.util.List;

/** /help: lists the commands with one line each, from the catalog, so the list is always true. */
public final class HelpCommand implements CommandHandler {
  private static final CommandSpec SPEC =
      new CommandSpec(
          "help", "Lists the commands with one line each", List.of(), false, false, true);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Future<Reply> handle(CommandRequest request, CommandContext ctx) {
    StringBuilder sb =
        new StringBuilder("Talk to me by mentioning me, replying to me, or in a DM. Commands:\n");
    for (CommandSpec spec : CommandCatalog.specs()) {
      sb.append("/").append(spec.name());
      for (OptionSpec o : spec.options()) {
        sb.append(o.required() ? " <" : " [").append(o.name()).append(o.required() ? ">" : "]");
      }
      sb.append(" — ").append(spec.description());
      if (spec.adminOnly()) {
        sb.append(" (admin)");
      }
      sb.append('\n');
    }
    return Future.succeededFuture(
        CommandReplies.text(request.requestId(), SPEC, ctx, sb.toString()));
  }
}
