package dev.llmbot.conversation;

import dev.llmbot.bus.Ack;
import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.BusErrors;
import dev.llmbot.bus.ClearConversation;
import dev.llmbot.bus.HistoryRequest;
import dev.llmbot.bus.RecordExchange;
import dev.llmbot.core.BotServices;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.util.function.Function;

/**
 * Owns one partition of the conversations on one event loop. Instance {@code n} consumes the
 * partitioned addresses {@code conversation.*.n}; senders pick {@code n} with {@link
 * dev.llmbot.bus.Partitioner} on the conversation key, so a conversation always lives here.
 */
public final class ConversationVerticle extends VerticleBase {
  private final int partition;
  private final Clock clock;
  private final ConversationMemory memory;
  private final long sweepMillis;

  public ConversationVerticle(BotServices services, int partition) {
    this.partition = partition;
    this.clock = services.clock();
    this.memory = new ConversationMemory(services.config().conversation());
    this.sweepMillis = services.config().conversation().sweepSeconds() * 1000L;
  }

  @Override
  public Future<?> start() {
    on(
        Addresses.CONVERSATION_HISTORY,
        (HistoryRequest r) -> memory.history(r.conversationKey(), clock.millis()));
    on(
        Addresses.CONVERSATION_RECORD,
        (RecordExchange r) -> {
          memory.record(r.conversationKey(), r.userText(), r.modelText(), clock.millis());
          return new Ack(true);
        });
    on(
        Addresses.CONVERSATION_CLEAR,
        (ClearConversation r) -> new Ack(memory.clear(r.conversationKey())));
    on(Addresses.CONVERSATION_STATS, (Object r) -> memory.stats());
    vertx.setPeriodic(sweepMillis, id -> memory.sweep(clock.millis()));
    return Future.succeededFuture();
  }

  private <T> void on(String base, Function<T, Object> handler) {
    vertx
        .eventBus()
        .<T>localConsumer(
            Addresses.partition(base, partition),
            (Message<T> msg) -> {
              try {
                msg.reply(handler.apply(msg.body()));
              } catch (RuntimeException e) {
                BusErrors.fail(msg, e);
              }
            });
  }
}
