package dev.llmbot.conversation;

import dev.llmbot.bus.Ack;
import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.BusErrors;
import dev.llmbot.bus.ClearConversation;
import dev.llmbot.bus.HistoryRequest;
import dev.llmbot.bus.Partitioner;
import dev.llmbot.bus.RecordExchange;
import dev.llmbot.core.BotServices;
import dev.llmbot.state.AtomicJsonStore;
import dev.llmbot.state.PartitionFiles;
import dev.llmbot.state.PeriodicFlusher;
import dev.llmbot.state.StateMeters;
import dev.llmbot.state.StatefulVerticle;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Owns one partition of the conversations on one event loop. Instance {@code n} consumes the
 * partitioned addresses {@code conversation.*.n}; senders pick {@code n} with {@link
 * dev.llmbot.bus.Partitioner} on the conversation key, so a conversation always lives here.
 *
 * <p>Persistence: {@code <dataDir>/conversations-<n>.json}, loaded (on a worker) before the
 * consumers are registered, written by a {@link PeriodicFlusher} after changes and once more on
 * stop. Idle conversations are swept every {@code conversation.sweepSeconds}.
 */
public final class ConversationVerticle extends StatefulVerticle {
  private final int partition;
  private final int partitions;
  private final Clock clock;
  private final ConversationMemory memory;
  private final long sweepMillis;
  private final Path dataDir;
  private final Duration flushInterval;
  private final BotServices services;
  private PeriodicFlusher<Map<String, ConversationMemory.SavedConversation>> flusher;
  private final List<Meter> meters = new ArrayList<>();
  // What the gauges read from the scrape thread, published on this event loop after changes.
  private volatile long activeGauge;
  private volatile long charsGauge;

  public ConversationVerticle(BotServices services, int partition) {
    this.services = services;
    this.partition = partition;
    this.partitions = services.config().instances().conversation();
    this.clock = services.clock();
    this.memory = new ConversationMemory(services.config().conversation());
    this.sweepMillis = services.config().conversation().sweepSeconds() * 1000L;
    this.dataDir = services.config().state().dataDir();
    this.flushInterval = Duration.ofSeconds(services.config().state().flushIntervalSeconds());
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
    String p = Integer.toString(partition);
    meters.add(
        Gauge.builder("bot.conversations.partition.active", this, v -> v.activeGauge)
            .description("Conversations held (one series per partition)")
            .tag("partition", p)
            .register(services.registry()));
    meters.add(
        Gauge.builder("bot.conversations.partition.chars", this, v -> v.charsGauge)
            .description("Characters held in conversations (one series per partition)")
            .tag("partition", p)
            .register(services.registry()));
  }

  private void publish() {
    var stats = memory.stats();
    activeGauge = stats.active();
    charsGauge = stats.chars();
  }

  @Override
  public Future<?> stop() throws Exception {
    meters.forEach(services.registry()::remove);
    return super.stop();
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
