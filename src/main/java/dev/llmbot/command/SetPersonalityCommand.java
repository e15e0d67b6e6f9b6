package dev.llmbot.command;

import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.ProfileCommand;
import dev.llmbot.bus.Reply;
import io.vertx.core.Future;
import java.util.List;

/** /setpersonality (admin): adds a description to a user's profile. */
public final class SetPersonalityCommand implements CommandHandler {
  private static final CommandSpec SPEC =
      new CommandSpec(
          "setpersonality",
          "Adds a description to a user's personality profile",
          List.of(
              OptionSpec.user("user", "Whose profile", true),
              OptionSpec.string("description", "A short description (1-200 chars)", true)),
          true,
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
        new ProfileCommand(
            ProfileCommand.Op.ADD,
            user,
            StateCalls.whose(request, user),
            request.option("description")));
  }
}
