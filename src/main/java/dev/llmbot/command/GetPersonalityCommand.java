package dev.llmbot.command;

import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.ProfileCommand;
import dev.llmbot.bus.Reply;
import dev.llmbot.command.StateCalls.Others;
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
    return StateCalls.targetProfile(request, SPEC, ctx, Others.ALLOWED, ProfileCommand.Op.SHOW, "");
  }
}
