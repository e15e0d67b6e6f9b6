package dev.llmbot.command;

import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.Reply;
import io.vertx.core.Future;

/**
 * One slash command. Handlers are stateless singletons listed in {@link CommandCatalog}; they run
 * on a command worker thread and talk to state owners over the bus. Permission and guild-only
 * checks have already passed when {@link #handle} is called.
 */
public interface CommandHandler {
  CommandSpec spec();

  /**
   * Runs the command; fail with a BotException (e.g. REFUSED) for a specific user-visible error.
   */
  Future<Reply> handle(CommandRequest request, CommandContext context);

  /**
   * Whether the answer comes from the chat pipeline (as for /chat): the chat verticle then records
   * and logs the reply, and the command verticle does not do it a second time.
   */
  default boolean answeredByChatPipeline() {
    return false;
  }
}
