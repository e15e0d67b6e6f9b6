package dev.llmbot.command;

import dev.llmbot.bus.Ack;
import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.ClearConversation;
import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.Partitioner;
import dev.llmbot.bus.Reply;
import dev.llmbot.config.BotConfig;
import dev.llmbot.conversation.ConversationKeys;
import io.vertx.core.Future;
import java.util.List;

/** /clear: forgets the caller's conversation in this scope, and nothing else. */
public final class ClearCommand implements CommandHandler {
  private static final CommandSpec SPEC =
      new CommandSpec(
          "clear", "Forgets our conversation here (nothing else)", List.of(), false, false, true);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Future<Reply> handle(CommandRequest request, CommandContext ctx) {
    BotConfig config = ctx.services().config();
    String key =
        ConversationKeys.of(
            config.conversation().scope(),
            request.guildId(),
            request.channelId(),
            request.caller().id());
    int partition = Partitioner.partition(key, config.instances().conversation());
    return ctx.calls()
        .<Ack>call(
            Addresses.partition(Addresses.CONVERSATION_CLEAR, partition),
            new ClearConversation(key),
            config.chat().stageTimeoutMillis())
        .map(
            ack ->
                CommandReplies.text(
                    request.requestId(),
                    SPEC,
                    ctx,
                    ack.changed()
                        ? "Done: I've forgotten our conversation here."
                        : "There was nothing to forget: we have no conversation here yet."));
  }
}
