package dev.llmbot.command;

import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.Persona;
import dev.llmbot.bus.Reply;
import io.vertx.core.Future;
import java.util.List;

/** /ascii prompt: ASCII art of the prompt inside a code block, always in helpful mode. */
public final class AsciiCommand implements CommandHandler {
  private static final CommandSpec SPEC =
      new CommandSpec(
          "ascii",
          "Draws ASCII art of your prompt",
          List.of(OptionSpec.string("prompt", "What to draw", true)),
          false,
          false,
          false);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public boolean answeredByChatPipeline() {
    return true;
  }

  @Override
  public Future<Reply> handle(CommandRequest request, CommandContext ctx) {
    String prompt = request.option("prompt");
    String wrapped =
        "Draw ASCII art of: "
            + (prompt == null ? "" : prompt.strip())
            + "\nReply with only the art, inside one fenced code block, at most 40 lines.";
    return ChatCommand.forward(
        request, ctx, prompt == null || prompt.isBlank() ? "" : wrapped, Persona.HELPFUL);
  }
}
