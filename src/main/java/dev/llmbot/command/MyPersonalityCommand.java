package dev.llmbot.command;

import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.ProfileCommand;
import dev.llmbot.bus.Reply;
import io.vertx.core.Future;
import java.util.List;

/** /mypersonality: adds a description to one's own profile. */
public final class MyPersonalityCommand implements CommandHandler {
  private static final CommandSpec SPEC =
      new CommandSpec(
          "mypersonality",
          "Adds a description to your own personality profile",
          List.of(OptionSpec.string("description", "A short description (1-200 chars)", true)),
          false,
          false,
          true);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Future<Reply> handle(CommandRequest request, CommandContext ctx) {
    long user = request.caller().id();
    return StateCalls.profile(
        request,
        SPEC,
        ctx,
        new ProfileCommand(ProfileCommand.Op.ADD, user, "your", request.option("description")));
  }
}
