package dev.llmbot.command;

import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.ProfileCommand;
import dev.llmbot.bus.Reply;
import io.vertx.core.Future;
import java.util.List;

/** /getpersonality: shows a profile (the caller's by default). */
public final class GetPersonalityCommand implements CommandHandler {
  private static final CommandSpec SPEC =
      new CommandSpec(
          "getpersonality",
          "Shows a personality profile (yours by default)",
          List.of(OptionSpec.user("user", "Whose profile (default: yours)", false)),
          false,
          false,
          true);

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
    return StateCalls.profile(
        request,
        SPEC,
        ctx,
        new ProfileCommand(ProfileCommand.Op.SHOW, user, StateCalls.whose(request, user), ""));
  }
}
