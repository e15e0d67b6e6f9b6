package dev.llmbot.roast;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.BusErrors;
import dev.llmbot.bus.InboundMessage;
import dev.llmbot.bus.Partitioner;
import dev.llmbot.bus.Persona;
import dev.llmbot.bus.RoastDecision;
import dev.llmbot.bus.RoastRequest;
import dev.llmbot.bus.RoastStatus;
import dev.llmbot.core.BotServices;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Owns a {@link RoastScorer} on one event loop. Consumes {@link Addresses#ROAST_DECIDE} ({@link
 * RoastRequest} → {@link RoastDecision}) and {@link Addresses#ROAST_STATUS} (→ {@link
 * RoastStatus}).
 *
 * <p>Metrics: {@code bot_roast_decisions_total{persona}}; {@code bot_roast_mood{mood}} is 1 for the
 * current mood and 0 for the others; {@code bot_roast_chaos} is 1 while chaos mode is on; {@code
 * bot_roast_states{kind=user|server,partition}} counts the held per-user and per-server states.
 * Gauges read values this verticle publishes (volatile fields) after each decision and every few
 * seconds, so a scrape on another thread never touches the engine.
 *
 * <p><b>Partitions.</b> With one instance (the default, and what a decision costing well under a
 * microsecond needs) it consumes the plain addresses. With {@code n > 1} instances, instance {@code
 * i} consumes {@code roast.decide.i}; senders route with {@link #decideAddress} (a stable hash of
 * the guild id, or the user id in DMs), so all state of a guild lives in one instance. All
 * instances must be built with the same {@link Schedule}: base drift and mood are then the same
 * everywhere. Chaos mode is per instance. Instance 0 also answers the plain {@code roast.status}.
 */
public final class RoastVerticle extends VerticleBase {
  static final long PUBLISH_MILLIS = 5_000;

  /**
   * The seed and start instant that fix base drift and the mood cycle; share one across instances.
   *
   * @param seed the schedule seed
   * @param start when the mood cycle starts (caffeinated)
   */
  public record Schedule(long seed, Instant start) {
    /** A fresh random seed, starting now. */
    public static Schedule fresh(Clock clock) {
      return new Schedule(new SplittableRandom().nextLong(), clock.instant());
    }
  }

  private final RoastScorer scorer;
  private final MeterRegistry registry;
  private final int partition;
  private final int partitions;
  private final List<Meter> gauges = new ArrayList<>();
  private Counter roasts;
  private Counter helps;
  private volatile Mood publishedMood;
  private volatile boolean publishedChaos;
  private long timer = -1;

  /** The single instance: plain addresses, a fresh schedule, the system ticker. */
  public RoastVerticle(BotServices services) {
    this(services, Schedule.fresh(services.clock()), 0, 1);
  }

  /** Instance {@code partition} of {@code partitions}, all built with the same {@code schedule}. */
  public RoastVerticle(BotServices services, Schedule schedule, int partition, int partitions) {
    this.scorer =
        new RoastScorer(
            services.config().roast(),
            services.clock(),
            new SplittableRandom(),
            Ticker.systemTicker(),
            schedule.seed(),
            schedule.start());
    this.registry = services.registry();
    this.partition = partition;
    this.partitions = partitions;
    publish();
  }

  /** The address that decides for {@code m} when the roast verticle has {@code partitions}. */
  public static String decideAddress(InboundMessage m, int partitions) {
    if (partitions <= 1) {
      return Addresses.ROAST_DECIDE;
    }
    long key = RoastScorer.routingKey(m.guildId(), m.author().id());
    return Addresses.partition(Addresses.ROAST_DECIDE, Partitioner.partition(key, partitions));
  }

  @Override
  public Future<?> start() {
    registerMeters();
    var bus = vertx.eventBus();
    bus.<RoastRequest>localConsumer(
        address(Addresses.ROAST_DECIDE),
        msg -> {
          try {
            InboundMessage m = msg.body().message();
            RoastDecision decision = scorer.decide(m.guildId(), m.author().id(), m.content());
            (decision.persona() == Persona.ROAST ? roasts : helps).increment();
            publish();
            msg.reply(decision);
          } catch (RuntimeException e) {
            BusErrors.fail(msg, e);
          }
        });
    bus.localConsumer(address(Addresses.ROAST_STATUS), msg -> msg.reply(publish()));
    if (partitions > 1 && partition == 0) {
      bus.localConsumer(Addresses.ROAST_STATUS, msg -> msg.reply(publish()));
    }
    timer = vertx.setPeriodic(PUBLISH_MILLIS, id -> publish());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    gauges.forEach(registry::remove);
    gauges.clear();
    return Future.succeededFuture();
  }

  private String address(String base) {
    return partitions <= 1 ? base : Addresses.partition(base, partition);
  }

  /** Reads the engine's state on this event loop and publishes it for the gauges. */
  private RoastStatus publish() {
    Mood mood = scorer.mood();
    boolean chaos = scorer.chaosActive();
    publishedMood = mood;
    publishedChaos = chaos;
    return new RoastStatus(mood.tag(), chaos);
  }

  private void registerMeters() {
    roasts = decisions(Persona.ROAST);
    helps = decisions(Persona.HELPFUL);
    String part = Integer.toString(partition);
    if (partition == 0) {
      for (Mood mood : Mood.values()) {
        gauges.add(
            Gauge.builder("bot.roast.mood", this, v -> v.publishedMood == mood ? 1 : 0)
                .description("1 for the roast engine's current mood, 0 for the others")
                .tag("mood", mood.tag())
                .register(registry));
      }
    }
    gauges.add(
        Gauge.builder("bot.roast.chaos", this, v -> v.publishedChaos ? 1 : 0)
            .description("1 while chaos mode is on")
            .tag("partition", part)
            .register(registry));
    gauges.add(
        Gauge.builder("bot.roast.states", scorer, RoastScorer::userStates)
            .description("Per-user and per-server roast states held in memory")
            .tag("kind", "user")
            .tag("partition", part)
            .register(registry));
    gauges.add(
        Gauge.builder("bot.roast.states", scorer, RoastScorer::serverStates)
            .description("Per-user and per-server roast states held in memory")
            .tag("kind", "server")
            .tag("partition", part)
            .register(registry));
  }

  private Counter decisions(Persona persona) {
    return Counter.builder("bot.roast.decisions")
        .description("Roast-or-help decisions by persona")
        .tag("persona", persona.tag())
        .register(registry);
  }
}
