package dev.llmbot.command;

import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.ContextCommand;
import dev.llmbot.bus.Reply;
import io.vertx.core.Future;
import java.util.List;

/** /remember: stores a server moment about a user (guild only). */
public final class RememberCommand implements CommandHandler {
  private static final CommandSpec SPEC =
      new CommandSpec(
          "remember",
          "Stores a server moment about a user",
          List.of(
              OptionSpec.user("user", "Who the moment is about", true),
              OptionSpec.string("moment", "What happened", true)),
          false,
          true,
          false);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Future<Reply> handle(CommandRequest request, CommandContext ctx) {
    Long user = StateCalls.targetUser(request);
    if (user == null) {
      return Future.succeededFuture(StateCalls.notAUser(request));
    }
    return StateCalls.context(
        request,
        SPEC,
        ctx,
        new ContextCommand(
            ContextCommand.Op.REMEMBER,
            request.guildId(),
            user,
            StateCalls.displayName(request, user),
            request.option("moment")));
  }
}
