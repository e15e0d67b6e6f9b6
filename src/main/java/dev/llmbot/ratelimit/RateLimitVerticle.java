package dev.llmbot.ratelimit;

import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.BotException;
import dev.llmbot.bus.BusErrors;
import dev.llmbot.bus.FailureCode;
import dev.llmbot.bus.QuotaRelease;
import dev.llmbot.bus.RateLimitGrant;
import dev.llmbot.bus.RateLimitRequest;
import dev.llmbot.bus.StatusQuery;
import dev.llmbot.config.RateLimitConfig;
import dev.llmbot.core.BotServices;
import dev.llmbot.state.AtomicJsonStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every piece of rate-limit state (the global quota and all per-user buckets) on one event
 * loop, and persists it to {@code <state.dataDir>/ratelimit.json}. Consumes {@link
 * Addresses#RATELIMIT_ACQUIRE}, {@link Addresses#RATELIMIT_RELEASE} and {@link
 * Addresses#RATELIMIT_STATUS}.
 *
 * <p>Deployed once. The global quota must have one owner, and the per-user check, the global charge
 * and the refund of a refused user token are one atomic step here; splitting users into partitions
 * would turn that into a bus round trip to the quota's owner with a compensating refund, for no
 * gain: a check costs tens of nanoseconds, so one event loop serves far more than the bot's
 * traffic. {@code instances.ratelimit} above 1 is therefore ignored (with a warning).
 *
 * <p>Requests touch memory only. A timer ticks twice per {@code state.flushIntervalSeconds}: it
 * drops full buckets and lets the flusher write a snapshot on a worker thread when something
 * changed. {@link #stop()} writes once more.
 */
public final class RateLimitVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimitVerticle.class);

  /** The state file's name inside {@code state.dataDir}. */
  public static final String FILE_NAME = "ratelimit.json";

  private final BotServices services;
  private final RateLimitConfig config;
  private final AtomicJsonStore<RateLimitSnapshot> store;
  private RateLimitService service;
  private long timer = -1;

  public RateLimitVerticle(BotServices services) {
    this.services = services;
    this.config = services.config().ratelimit();
    Path file = services.config().state().dataDir().resolve(FILE_NAME);
    this.store = new AtomicJsonStore<>(file, RateLimitSnapshot.class, RateLimitSnapshot.VERSION);
  }

  @Override
  public Future<?> start() {
    if (services.config().instances().ratelimit() > 1) {
      LOG.warn(
          "instances.ratelimit is {}; the rate limiter runs as one instance (it owns the global"
              + " quota and the user buckets together, see docs/ratelimit.md)",
          services.config().instances().ratelimit());
    }
    long intervalNanos = TimeUnit.SECONDS.toNanos(services.config().state().flushIntervalSeconds());
    service =
        new RateLimitService(
            RateLimiter.from(config),
            services.clock(),
            intervalNanos,
            System::nanoTime,
            store::write,
            task ->
                vertx.executeBlocking(
                    () -> {
                      task.run();
                      return null;
                    },
                    false),
            task -> context.runOnContext(v -> task.run()),
            services.registry());
    // Loading reads a file: off the event loop, before the first request is served.
    return vertx
        .executeBlocking(store::load, false)
        .map(
            loaded -> {
              service.restore(loaded);
              long period = Math.max(1, TimeUnit.NANOSECONDS.toMillis(intervalNanos) / 2);
              timer = vertx.setPeriodic(period, id -> service.tick());
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
                  Addresses.RATELIMIT_RELEASE, msg -> service.release(msg.body().requestId()));
              bus.<StatusQuery>localConsumer(
                  Addresses.RATELIMIT_STATUS,
                  msg -> msg.reply(service.status(msg.body().userId())));
              return null;
            });
  }

  private RateLimitGrant acquire(RateLimitRequest request) {
    Decision d = service.acquire(request.requestId(), request.userId());
    if (d.granted()) {
      return new RateLimitGrant(request.requestId(), d.tokensLeft());
    }
    FailureCode code =
        d.kind() == Decision.Kind.DAY ? FailureCode.QUOTA_EXHAUSTED : FailureCode.RATE_LIMITED;
    throw new BotException(code, DenialTexts.of(d, config.dayZone()));
  }

  /** Stops the timer and writes the state once more; the meters go with the verticle. */
  @Override
  public Future<?> stop() {
    if (service == null) {
      return Future.succeededFuture();
    }
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return Future.fromCompletionStage(service.flushNow(), context)
        .onFailure(e -> LOG.warn("Final flush of {} failed: {}", store.file(), e.toString()))
        .otherwiseEmpty()
        .onComplete(ar -> service.close());
  }
}
