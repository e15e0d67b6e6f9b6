package dev.llmbot.command;

import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.InboundMessage;
import dev.llmbot.bus.Persona;
import dev.llmbot.bus.Reply;
import dev.llmbot.bus.Source;
import dev.llmbot.bus.TriggerKind;
import io.vertx.core.Future;
import java.util.List;

/** /chat message: the same pipeline as a mention (SPEC §2). */
public final class ChatCommand implements CommandHandler {
  private static final CommandSpec SPEC =
      new CommandSpec(
          "chat",
          "Talk to me, same as mentioning me",
          List.of(OptionSpec.string("message", "What you want to say", true)),
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
    return forward(request, ctx, request.option("message"), null);
  }

  /** Sends a command's prompt through the chat pipeline as a message of the caller. */
  static Future<Reply> forward(
      CommandRequest request, CommandContext ctx, String prompt, Persona forcedPersona) {
    InboundMessage message =
        new InboundMessage(
            request.requestId(),
            request.source(),
            request.source() == Source.CONSOLE ? TriggerKind.CONSOLE : TriggerKind.SLASH,
            request.guildId(),
            request.channelId(),
            request.caller(),
            prompt == null ? "" : prompt,
            forcedPersona,
            request.receivedNanos());
    long timeout = ctx.services().config().gemini().deadlineSeconds() * 1000L + 15_000L;
    return ctx.calls().call(Addresses.CHAT_REQUEST, message, timeout);
  }
}
