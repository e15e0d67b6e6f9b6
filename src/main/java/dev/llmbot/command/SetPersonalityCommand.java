package dev.llmbot.command;

import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.ProfileCommand;
import dev.llmbot.bus.Reply;
import dev.llmbot.command.StateCalls.Others;
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
    return StateCalls.targetProfile(
        request, SPEC, ctx, Others.ALLOWED, ProfileCommand.Op.ADD, request.option("description"));
  }
}
