package dev.llmbot.bus;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * Turns failures into bus replies and back, so that a {@link BotException} thrown in one verticle
 * reaches the requester with its code and user text intact.
 */
public final class BusErrors {
  private BusErrors() {}

  /** Fails {@code message} with the code and user text of {@code error}. */
  public static void fail(Message<?> message, Throwable error) {
    BotException bot = toBot(error);
    message.fail(bot.code().code(), bot.userText());
  }

  /**
   * The {@link BotException} a failure stands for. A bus timeout is an internal error of the bot (a
   * stage did not answer in time), not the model's timeout; any other unknown failure is internal
   * too.
   */
  public static BotException toBot(Throwable error) {
    if (error instanceof BotException bot) {
      return bot;
    }
    if (error instanceof ReplyException reply
        && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      return new BotException(FailureCode.of(reply.failureCode()), reply.getMessage(), reply);
    }
    return new BotException(FailureCode.INTERNAL, UserTexts.INTERNAL, error);
  }
}
