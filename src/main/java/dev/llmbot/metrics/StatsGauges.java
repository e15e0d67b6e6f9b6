package dev.llmbot.metrics;

import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.ConversationStats;
import dev.llmbot.bus.QuotaStatus;
import dev.llmbot.bus.StatusQuery;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges for state that lives with its owners: active conversations and their characters (summed
 * over every conversation partition) and the global quota left per window. The owners already
 * answer status queries on the bus, so rather than sharing their state across event loops this asks
 * them just before each scrape and publishes the answers. An owner that does not answer in time
 * keeps its last value (and is logged by nobody: a scrape must not fail because a stage is busy).
 *
 * <p>Refreshed on the ops server's event loop; the gauges read atomics, so any thread may scrape.
 */
public final class StatsGauges {
  /** Conversations held in memory, all partitions. */
  public static final String CONVERSATIONS_ACTIVE = "bot.conversations.active";

  /** Characters held in those conversations. */
  public static final String CONVERSATION_CHARS = "bot.conversation.chars";

  /** Global LLM quota left, tag {@code window=minute|day}. */
  public static final String QUOTA_REMAINING = "bot.quota.remaining";

  private final int conversationPartitions;
  private final long timeoutMillis;
  // Doubles as raw bits; NaN until the owner has answered once, so no false zero is published.
  private final AtomicLong active = unknown();
  private final AtomicLong chars = unknown();
  private final AtomicLong minuteLeft = unknown();
  private final AtomicLong dayLeft = unknown();

  public StatsGauges(MeterRegistry registry, int conversationPartitions, long timeoutMillis) {
    this.conversationPartitions = conversationPartitions;
    this.timeoutMillis = timeoutMillis;
    Gauge.builder(CONVERSATIONS_ACTIVE, active, StatsGauges::read)
        .description("Conversations held in memory, all partitions")
        .register(registry);
    Gauge.builder(CONVERSATION_CHARS, chars, StatsGauges::read)
        .description("Characters held in the conversations in memory")
        .register(registry);
    Gauge.builder(QUOTA_REMAINING, minuteLeft, StatsGauges::read)
        .description("Global LLM requests left in the window (after the safety factor)")
        .tag("window", "minute")
        .register(registry);
    Gauge.builder(QUOTA_REMAINING, dayLeft, StatsGauges::read)
        .description("Global LLM requests left in the window (after the safety factor)")
        .tag("window", "day")
        .register(registry);
  }

  /** Asks the owners for their figures; completes (never fails) when all answered or timed out. */
  public Future<Void> refresh(EventBus bus) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeoutMillis);
    StatusQuery query = new StatusQuery(0);
    List<Future<ConversationStats>> parts = new ArrayList<>(conversationPartitions);
    for (int i = 0; i < conversationPartitions; i++) {
      parts.add(
          bus.<ConversationStats>request(
                  Addresses.partition(Addresses.CONVERSATION_STATS, i), query, options)
              .map(Message::body));
    }
    Future<QuotaStatus> quota =
        bus.<QuotaStatus>request(Addresses.RATELIMIT_STATUS, query, options).map(Message::body);
    List<Future<?>> all = new ArrayList<>(parts);
    all.add(quota);
    return Future.join(all)
        .transform(
            ignored -> {
              if (parts.stream().allMatch(Future::succeeded)) {
                write(active, parts.stream().mapToLong(p -> p.result().active()).sum());
                write(chars, parts.stream().mapToLong(p -> p.result().chars()).sum());
              }
              if (quota.succeeded()) {
                write(minuteLeft, quota.result().minuteRemaining());
                write(dayLeft, quota.result().dayRemaining());
              }
              return Future.succeededFuture();
            });
  }

  private static AtomicLong unknown() {
    return new AtomicLong(Double.doubleToRawLongBits(Double.NaN));
  }

  private static double read(AtomicLong bits) {
    return Double.longBitsToDouble(bits.get());
  }

  private static void write(AtomicLong bits, double value) {
    bits.set(Double.doubleToRawLongBits(value));
  }
}
