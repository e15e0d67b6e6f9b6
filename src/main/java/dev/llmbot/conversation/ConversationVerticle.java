package dev.llmbot.conversation;

import dev.llmbot.bus.Ack;
import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.ClearConversation;
import dev.llmbot.bus.HistoryRequest;
import dev.llmbot.bus.Partitioner;
import dev.llmbot.bus.RecordExchange;
import dev.llmbot.core.BotServices;
import dev.llmbot.state.AtomicJsonStore;
import dev.llmbot.state.PartitionFiles;
import dev.llmbot.state.PeriodicFlusher;
import dev.llmbot.state.StateMeters;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * Owns one partition of the conversations on one event loop. Instance {@code n} consumes the
 * partitioned addresses {@code conversation.*.n}; senders pick {@code n} with {@link
 * dev.llmbot.bus.Partitioner} on the conversation key, so a conversation always lives here.
 *
 * <p>Persistence: {@code <dataDir>/conversations-<n>.json}, loaded (on a worker) before the
 * consumers are registered, written by a {@link PeriodicFlusher} after changes and once more on
 * stop. Idle conversations are swept every {@code conversation.sweepSeconds}.
 */
public final class ConversationVerticle extends PartitionOwnerVerticle {
  private final ConversationMemory memory;
  private final long sweepMillis;
  private PeriodicFlusher<Map<String, ConversationMemory.SavedConversation>> flusher;
  // What the gauges read from the scrape thread, published on this event loop after changes.
  private volatile long activeGauge;
  private volatile long charsGauge;

  public ConversationVerticle(BotServices services, int partition) {
    super(services, partition);
    this.memory = new ConversationMemory(services.config().conversation());
    this.sweepMillis = services.config().conversation().sweepSeconds() * 1000L;
  }

  @Override
  public Future<?> start() {
    AtomicJsonStore<Map<String, ConversationMemory.SavedConversation>> store =
        StateFiles.conversations(PartitionFiles.file(dataDir, StateFiles.CONVERSATIONS, partition));
    return vertx
        .executeBlocking(
            () ->
                PartitionFiles.loadAll(
                    dataDir, StateFiles.CONVERSATIONS, partition, StateFiles::conversations))
        .map(
            loaded -> {
              restore(loaded);
              registerGauges();
              publish();
              flusher =
                  flusher(
                      store.file().getFileName().toString(),
                      flushInterval,
                      memory::snapshot,
                      store::write,
                      StateMeters.flushTimer(services.registry(), StateFiles.CONVERSATIONS));
              register();
              return null;
            });
  }

  private void restore(List<Map<String, ConversationMemory.SavedConversation>> loaded) {
    long now = clock.millis();
    for (Map<String, ConversationMemory.SavedConversation> saved : loaded) {
      memory.restore(saved, key -> Partitioner.partition(key, partitions) == partition, now);
    }
  }

  private void register() {
    on(
        Addresses.CONVERSATION_HISTORY,
        (HistoryRequest r) -> memory.history(r.conversationKey(), clock.millis()));
    on(
        Addresses.CONVERSATION_RECORD,
        (RecordExchange r) -> {
          memory.record(r.conversationKey(), r.userText(), r.modelText(), clock.millis());
          flusher.markDirty();
          publish();
          return new Ack(true);
        });
    on(
        Addresses.CONVERSATION_CLEAR,
        (ClearConversation r) -> {
          boolean changed = memory.clear(r.conversationKey());
          if (changed) {
            flusher.markDirty();
            publish();
          }
          return new Ack(changed);
        });
    on(Addresses.CONVERSATION_STATS, (Object r) -> memory.stats());
    vertx.setPeriodic(
        sweepMillis,
        id -> {
          if (memory.sweep(clock.millis()) > 0) {
            flusher.markDirty();
            publish();
          }
        });
  }

  private void registerGauges() {
    partitionGauge(
        "bot.conversations.partition.active",
        "Conversations held (one series per partition)",
        () -> activeGauge);
    partitionGauge(
        "bot.conversations.partition.chars",
        "Characters held in conversations (one series per partition)",
        () -> charsGauge);
  }

  private void publish() {
    var stats = memory.stats();
    activeGauge = stats.active();
    charsGauge = stats.chars();
  }
}
