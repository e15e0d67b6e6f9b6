package dev.llmbot.chat;

import dev.llmbot.bus.BusErrors;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

/**
 * Request/reply calls to pipeline stages with a send timeout, whose failures always come back as a
 * {@link dev.llmbot.bus.BotException} (code and user text), never a raw bus error. Stateless.
 */
public final class StageCalls {
  private final EventBus bus;

  public StageCalls(EventBus bus) {
    this.bus = bus;
  }

  /** Sends {@code body} to {@code address} and maps any failure to a BotException. */
  public <T> Future<T> call(String address, Object body, long timeoutMillis) {
    return bus.<T>request(address, body, new DeliveryOptions().setSendTimeout(timeoutMillis))
        .map(Message::body)
        .recover(err -> Future.failedFuture(BusErrors.toBot(err)));
  }

  /** Fire-and-forget to a consumer that does not reply. */
  public void send(String address, Object body) {
    bus.send(address, body);
  }
}
