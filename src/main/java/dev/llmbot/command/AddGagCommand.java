package dev.llmbot.command;

import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.ContextCommand;
import dev.llmbot.bus.Reply;
import io.vertx.core.Future;
import java.util.List;

/** /addgag: stores a running gag of the server (guild only). */
public final class AddGagCommand implements CommandHandler {
  private static final CommandSpec SPEC =
      new CommandSpec(
          "addgag",
          "Stores a running gag of this server",
          List.of(OptionSpec.string("gag", "The running gag", true)),
          false,
          true,
          false);

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
        new ContextCommand(
            ContextCommand.Op.ADD_GAG, request.guildId(), 0, "", request.option("gag")));
  }
}
