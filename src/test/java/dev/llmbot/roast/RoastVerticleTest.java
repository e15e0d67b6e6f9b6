package dev.llmbot.roast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.Author;
import dev.llmbot.bus.InboundMessage;
import dev.llmbot.bus.LocalRecordCodec;
import dev.llmbot.bus.RoastDecision;
import dev.llmbot.bus.RoastRequest;
import dev.llmbot.bus.RoastStatus;
import dev.llmbot.bus.Source;
import dev.llmbot.bus.StatusQuery;
import dev.llmbot.bus.TriggerKind;
import dev.llmbot.config.BotConfig;
import dev.llmbot.core.BotServices;
import dev.llmbot.testing.TestServices;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class RoastVerticleTest {
  private final BotServices services = TestServices.of(BotConfig.defaults());
  private final MeterRegistry registry = services.registry();

  private static InboundMessage message(long guild, long user, String text) {
    return new InboundMessage(
        "m-" + user,
        Source.CONSOLE,
        TriggerKind.MENTION,
        guild,
        1,
        new Author(user, "u" + user, false),
        text,
        null,
        System.nanoTime());
  }

  @Test
  void decidesCountsByPersonaAndPublishesMoodAndChaos(Vertx vertx, VertxTestContext ctx) {
    LocalRecordCodec.install(vertx.eventBus());
    List<Future<RoastDecision>> calls = new ArrayList<>();
    vertx
        .deployVerticle(new RoastVerticle(services))
        .compose(
            id -> {
              for (int i = 0; i < 50; i++) {
                calls.add(
                    vertx
                        .eventBus()
                        .<RoastDecision>request(
                            Addresses.ROAST_DECIDE, new RoastRequest(message(9, i, "why?")))
                        .map(m -> m.body()));
              }
              return Future.all(calls);
            })
        .compose(
            all ->
                vertx.eventBus().<RoastStatus>request(Addresses.ROAST_STATUS, new StatusQuery(0)))
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          RoastStatus status = reply.body();
                          assertThat(status.mood()).isEqualTo("caffeinated"); // fixed clock
                          double roasts =
                              registry.counter("bot.roast.decisions", "persona", "roast").count();
                          double helps =
                              registry.counter("bot.roast.decisions", "persona", "helpful").count();
                          assertThat(roasts + helps).isEqualTo(50);
                          assertThat(registry.get("bot.roast.mood").gauges()).hasSize(5);
                          assertThat(
                                  registry.get("bot.roast.mood").tag("mood", "caffeinated").gauge())
                              .extracting(g -> g.value())
                              .isEqualTo(1.0);
                          assertThat(registry.get("bot.roast.mood").tag("mood", "sleepy").gauge())
                              .extracting(g -> g.value())
                              .isEqualTo(0.0);
                          assertThat(registry.get("bot.roast.chaos").gauge().value())
                              .isEqualTo(status.chaos() ? 1.0 : 0.0);
                          assertThat(
                                  registry
                                      .get("bot.roast.states")
                                      .tag("kind", "user")
                                      .gauge()
                                      .value())
                              .isEqualTo(50.0);
                          ctx.completeNow();
                        })));
  }

  @Test
  void partitionedInstancesRouteAGuildToOneInstance() {
    InboundMessage a = message(12345, 1, "x");
    InboundMessage b = message(12345, 2, "y");
    InboundMessage dm = message(0, 777, "z");
    assertThat(RoastVerticle.decideAddress(a, 1)).isEqualTo(Addresses.ROAST_DECIDE);
    assertThat(RoastVerticle.decideAddress(a, 4)).isEqualTo(RoastVerticle.decideAddress(b, 4));
    assertThat(RoastVerticle.decideAddress(dm, 4)).startsWith(Addresses.ROAST_DECIDE + ".");
  }
}
