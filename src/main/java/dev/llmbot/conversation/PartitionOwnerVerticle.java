package dev.llmbot.conversation;

import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.BusErrors;
import dev.llmbot.core.BotServices;
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
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What the conversation and context partitions share: their partition number and settings, the
 * partitioned request/reply consumers ({@code <base>.<n>}, failures mapped to bus failure codes),
 * and per-partition gauges that are removed again on stop. Runs on the owning event loop.
 */
abstract class PartitionOwnerVerticle extends StatefulVerticle {
  protected final BotServices services;
  protected final int partition;
  protected final int partitions;
  protected final Clock clock;
  protected final Path dataDir;
  protected final Duration flushInterval;
  private final List<Meter> meters = new ArrayList<>();

  PartitionOwnerVerticle(BotServices services, int partition) {
    this.services = services;
    this.partition = partition;
    this.partitions = services.config().instances().conversation();
    this.clock = services.clock();
    this.dataDir = services.config().state().dataDir();
    this.flushInterval = Duration.ofSeconds(services.config().state().flushIntervalSeconds());
  }

  /** Answers requests on this partition's {@code base} address with {@code handler}'s result. */
  protected final <T> void on(String base, Function<T, Object> handler) {
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

  /**
   * Registers a gauge tagged with this partition; {@code value} must read a field published on this
   * event loop (volatile), since the scrape runs on another thread.
   */
  protected final void partitionGauge(String name, String description, LongSupplier value) {
    meters.add(
        Gauge.builder(name, value, v -> v.getAsLong())
            .description(description)
            .tag("partition", Integer.toString(partition))
            .register(services.registry()));
  }

  @Override
  public Future<?> stop() throws Exception {
    meters.forEach(services.registry()::remove);
    return super.stop();
  }
}
