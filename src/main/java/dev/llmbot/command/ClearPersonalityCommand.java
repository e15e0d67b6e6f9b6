package dev.llmbot.command;

import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.ProfileCommand;
import dev.llmbot.bus.Reply;
import dev.llmbot.command.StateCalls.Others;
import io.vertx.core.Future;
import java.util.List;

/** /clearpersonality: wipes a profile; another user's needs admin. */
public final class ClearPersonalityCommand implements CommandHandler {
  private static final CommandSpec SPEC =
      new CommandSpec(
          "clearpersonality",
          "Wipes a personality profile (another user's: admin)",
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
    return StateCalls.targetProfile(
        request, SPEC, ctx, Others.ADMIN_ONLY, ProfileCommand.Op.CLEAR, "");
  }
}
