package dev.llmbot.roast;

import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.BusErrors;
import dev.llmbot.bus.InboundMessage;
import dev.llmbot.bus.RoastRequest;
import dev.llmbot.core.BotServices;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.SplittableRandom;

/**
 * Owns the roast engine's state on one event loop. Consumes {@link Addresses#ROAST_DECIDE} and
 * {@link Addresses#ROAST_STATUS}; counts decisions by persona.
 */
public final class RoastVerticle extends VerticleBase {
  private final RoastScorer scorer;
  private final MeterRegistry registry;

  public RoastVerticle(BotServices services) {
    this.scorer = new RoastScorer(services.config().roast(), new SplittableRandom());
    this.registry = services.registry();
  }

  @Override
  public Future<?> start() {
    var bus = vertx.eventBus();
    bus.<RoastRequest>localConsumer(
        Addresses.ROAST_DECIDE,
        msg -> {
          try {
            InboundMessage m = msg.body().message();
            var decision = scorer.decide(m.guildId(), m.author().id(), m.content());
            Counter.builder("bot.roast.decisions")
                .description("Roast-or-help decisions by persona")
                .tag("persona", decision.persona().tag())
                .register(registry)
                .increment();
            msg.reply(decision);
          } catch (RuntimeException e) {
            BusErrors.fail(msg, e);
          }
        });
    bus.localConsumer(Addresses.ROAST_STATUS, msg -> msg.reply(scorer.status()));
    return Future.succeededFuture();
  }
}
