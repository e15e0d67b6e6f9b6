package dev.llmbot.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.BotException;
import dev.llmbot.bus.BusErrors;
import dev.llmbot.bus.FailureCode;
import dev.llmbot.bus.LocalRecordCodec;
import dev.llmbot.bus.QuotaRelease;
import dev.llmbot.bus.QuotaStatus;
import dev.llmbot.bus.RateLimitGrant;
import dev.llmbot.bus.RateLimitRequest;
import dev.llmbot.bus.StatusQuery;
import dev.llmbot.config.BotConfig;
import dev.llmbot.core.BotServices;
import dev.llmbot.core.Intake;
import dev.llmbot.core.Readiness;
import dev.llmbot.testing.TestConfigs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The bus contract of the rate limiter, and its state file across a redeploy. */
@ExtendWith(VertxExtension.class)
class RateLimitVerticleTest {
  @TempDir Path dir;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Clock clock = Clock.fixed(Instant.parse("2026-06-01T16:00:00Z"), ZoneOffset.UTC);

  @BeforeEach
  void codec(Vertx vertx) {
    LocalRecordCodec.install(vertx.eventBus());
  }

  private BotServices services() {
    BotConfig config = TestConfigs.with(dir, Map.of("BOT_RATELIMIT_GLOBAL_RPM", "4"));
    return new BotServices(
        config, registry, new Readiness(), new Intake(), clock, "test", clock.millis());
  }

  private static Future<RateLimitGrant> acquire(Vertx vertx, String id, long user) {
    return vertx
        .eventBus()
        .<RateLimitGrant>request(Addresses.RATELIMIT_ACQUIRE, new RateLimitRequest(id, user))
        .map(m -> m.body());
  }

  private static Future<QuotaStatus> status(Vertx vertx, long user) {
    return vertx
        .eventBus()
        .<QuotaStatus>request(Addresses.RATELIMIT_STATUS, new StatusQuery(user))
        .map(m -> m.body());
  }

  @Test
  void grantsThenRefusesWithTheCodeAndTextOfTheLimit(Vertx vertx, VertxTestContext ctx) {
    vertx
        .deployVerticle(new RateLimitVerticle(services()))
        .compose(id -> acquire(vertx, "a", 1))
        .compose(
            grant -> {
              ctx.verify(() -> assertThat(grant).isEqualTo(new RateLimitGrant("a", 2)));
              return acquire(vertx, "a", 1); // a retry: granted, nothing charged again
            })
        .compose(retry -> acquire(vertx, "b", 1))
        .compose(b -> acquire(vertx, "c", 1))
        .compose(c -> acquire(vertx, "d", 1).map(d -> (Throwable) null).otherwise(e -> e))
        .compose(
            userDenial -> {
              ctx.verify(
                  () -> {
                    BotException e = BusErrors.toBot(userDenial);
                    assertThat(e.code()).isEqualTo(FailureCode.RATE_LIMITED);
                    assertThat(e.userText()).contains("too fast").contains("10 seconds");
                  });
              // 3.6 a minute rounds down to 3 after the safety factor: a, b and c used it up.
              return acquire(vertx, "e", 2).map(d -> (Throwable) null).otherwise(e -> e);
            })
        .compose(
            minuteDenial -> {
              ctx.verify(
                  () -> {
                    BotException e = BusErrors.toBot(minuteDenial);
                    assertThat(e.code()).isEqualTo(FailureCode.RATE_LIMITED);
                    assertThat(e.userText()).contains("too many requests");
                  });
              vertx.eventBus().send(Addresses.RATELIMIT_RELEASE, new QuotaRelease("c"));
              return status(vertx, 1);
            })
        .onComplete(
            ctx.succeeding(
                s ->
                    ctx.verify(
                        () -> {
                          assertThat(s.minuteLimit()).isEqualTo(3);
                          assertThat(s.minuteRemaining()).isEqualTo(1);
                          assertThat(s.dayLimit()).isEqualTo(450);
                          assertThat(s.dayRemaining()).isEqualTo(448);
                          assertThat(s.userTokens()).isZero();
                          assertThat(s.userBurst()).isEqualTo(3);
                          assertThat(
                                  registry
                                      .get("bot.ratelimit.denials")
                                      .tag("scope", "user")
                                      .counter()
                                      .count())
                              .isEqualTo(1);
                          ctx.completeNow();
                        })));
  }

  @Test
  void undeployWritesTheStateAndARedeployRestoresIt(Vertx vertx, VertxTestContext ctx) {
    Path file = dir.resolve(RateLimitVerticle.FILE_NAME);
    vertx
        .deployVerticle(new RateLimitVerticle(services()))
        .compose(id -> acquire(vertx, "a", 7).map(id))
        .compose(vertx::undeploy)
        .compose(
            v -> {
              ctx.verify(() -> assertThat(Files.exists(file)).isTrue());
              return vertx.deployVerticle(new RateLimitVerticle(services()));
            })
        .compose(id -> status(vertx, 7))
        .onComplete(
            ctx.succeeding(
                s ->
                    ctx.verify(
                        () -> {
                          assertThat(s.minuteRemaining()).isEqualTo(2);
                          assertThat(s.dayRemaining()).isEqualTo(449);
                          assertThat(s.userTokens()).isEqualTo(2);
                          ctx.completeNow();
                        })));
  }

  @Test
  void aCorruptStateFileStillStarts(Vertx vertx, VertxTestContext ctx) throws Exception {
    Files.writeString(dir.resolve(RateLimitVerticle.FILE_NAME), "{not json");
    vertx
        .deployVerticle(new RateLimitVerticle(services()))
        .compose(id -> status(vertx, 7))
        .onComplete(
            ctx.succeeding(
                s ->
                    ctx.verify(
                        () -> {
                          assertThat(s.dayRemaining()).isEqualTo(450);
                          ctx.completeNow();
                        })));
  }
}
