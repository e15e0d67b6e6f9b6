package dev.llmbot.ratelimit;

import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.BotException;
import dev.llmbot.bus.BusErrors;
import dev.llmbot.bus.FailureCode;
import dev.llmbot.bus.QuotaRelease;
import dev.llmbot.bus.QuotaStatus;
import dev.llmbot.bus.RateLimitGrant;
import dev.llmbot.bus.RateLimitRequest;
import dev.llmbot.bus.StatusQuery;
import dev.llmbot.config.RateLimitConfig;
import dev.llmbot.core.BotServices;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Owns the per-user buckets and the global quota on one event loop. Consumes {@link
 * Addresses#RATELIMIT_ACQUIRE}, {@link Addresses#RATELIMIT_RELEASE} and {@link
 * Addresses#RATELIMIT_STATUS}. The global quota has exactly one owner, so this verticle is deployed
 * once.
 */
public final class RateLimitVerticle extends VerticleBase {
  private static final DateTimeFormatter RESET =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'", java.util.Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final UserBuckets users;
  private final GlobalQuota global;

  public RateLimitVerticle(BotServices services) {
    RateLimitConfig c = services.config().ratelimit();
    this.clock = services.clock();
    this.users = new UserBuckets(c.userBurst(), c.userRefillPerMinute());
    this.global = new GlobalQuota(c.effectiveRpm(), c.effectiveRpd(), c.dayZone());
  }

  @Override
  public Future<?> start() {
    var bus = vertx.eventBus();
    bus.<RateLimitRequest>localConsumer(
        Addresses.RATELIMIT_ACQUIRE,
        msg -> {
          try {
            msg.reply(acquire(msg.body()));
          } catch (RuntimeException e) {
            BusErrors.fail(msg, e);
          }
        });
    bus.<QuotaRelease>localConsumer(
        Addresses.RATELIMIT_RELEASE, msg -> global.release(msg.body().requestId(), clock.millis()));
    bus.<StatusQuery>localConsumer(
        Addresses.RATELIMIT_STATUS, msg -> msg.reply(status(msg.body().userId())));
    return Future.succeededFuture();
  }

  private RateLimitGrant acquire(RateLimitRequest request) {
    long now = clock.millis();
    long waitMillis = users.tryAcquire(request.userId(), now);
    if (waitMillis > 0) {
      long seconds = Math.max(1, (waitMillis + 999) / 1000);
      throw new BotException(
          FailureCode.RATE_LIMITED,
          "You're sending messages too fast. Try again in " + seconds + " s.");
    }
    switch (global.charge(request.requestId(), now)) {
      case DAY_FULL ->
          throw new BotException(
              FailureCode.QUOTA_EXHAUSTED,
              "I've used up today's model quota. It resets at "
                  + RESET.format(global.dayResetsAt(now))
                  + ".");
      case MINUTE_FULL -> {
        long seconds = Math.max(1, (global.minuteResetsAt(now).toEpochMilli() - now + 999) / 1000);
        throw new BotException(
            FailureCode.RATE_LIMITED,
            "Everyone's keeping me busy: the per-minute model quota is used up. Try again in "
                + seconds
                + " s.");
      }
      case OK -> {}
    }
    return new RateLimitGrant(request.requestId(), users.tokens(request.userId(), now));
  }

  private QuotaStatus status(long userId) {
    long now = clock.millis();
    return new QuotaStatus(
        global.perMinute(),
        global.minuteRemaining(now),
        global.minuteResetsAt(now),
        global.perDay(),
        global.dayRemaining(now),
        global.dayResetsAt(now),
        users.tokens(userId, now),
        users.burst());
  }
}
