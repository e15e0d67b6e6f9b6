package dev.llmbot.app;

import dev.llmbot.bus.LocalRecordCodec;
import dev.llmbot.chat.ChatVerticle;
import dev.llmbot.command.CommandVerticle;
import dev.llmbot.config.BotConfig;
import dev.llmbot.config.InstancesConfig;
import dev.llmbot.console.ConsoleVerticle;
import dev.llmbot.conversation.ContextVerticle;
import dev.llmbot.conversation.ConversationVerticle;
import dev.llmbot.core.BotServices;
import dev.llmbot.core.Intake;
import dev.llmbot.core.Readiness;
import dev.llmbot.discord.DiscordVerticle;
import dev.llmbot.llm.LlmVerticle;
import dev.llmbot.metrics.MeterNames;
import dev.llmbot.metrics.OpsServerVerticle;
import dev.llmbot.metrics.ProcessMemoryMetrics;
import dev.llmbot.metrics.StatsGauges;
import dev.llmbot.ratelimit.RateLimitVerticle;
import dev.llmbot.roast.RoastVerticle;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bot: builds Vert.x with the Prometheus registry, installs the bus codec, deploys
 * every verticle with its instance count from config, and shuts down in order (stop intake, let
 * replies in flight finish within the grace period, stop every verticle so state is flushed). Start
 * and shutdown may be called from any thread.
 */
public final class BotApp {
  private static final Logger LOG = LoggerFactory.getLogger(BotApp.class);

  private final BotConfig config;
  private final PrometheusMeterRegistry registry;
  private final Vertx vertx;
  private final BotServices services;
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final Promise<Void> shutdown = Promise.promise();
  private OpsServerVerticle ops;

  /** Console streams; null {@code in} means no console adapter (tests drive the bus). */
  private final InputStream consoleIn;

  private final PrintStream consoleOut;

  public BotApp(
      BotConfig config,
      Clock clock,
      String version,
      InputStream consoleIn,
      PrintStream consoleOut) {
    this.config = config;
    this.consoleIn = consoleIn;
    this.consoleOut = consoleOut;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new MeterNames());
    new ProcessMemoryMetrics().bindTo(registry);
    this.vertx =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setEventLoopPoolSize(config.instances().eventLoopCount())
                    .setMetricsOptions(
                        new MicrometerMetricsOptions()
                            .setEnabled(true)
                            .setJvmMetricsEnabled(true)
                            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
            .withMetrics(new MicrometerMetricsFactory(registry))
            .build();
    this.services =
        new BotServices(
            config, registry, new Readiness(), new Intake(), clock, version, clock.millis());
    LocalRecordCodec.install(vertx.eventBus());
  }

  public BotServices services() {
    return services;
  }

  public Vertx vertx() {
    return vertx;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The ops server's bound port, once started. */
  public int opsPort() {
    return ops == null ? -1 : ops.actualPort();
  }

  /**
   * Deploys everything; fails (and leaves nothing running) if any verticle fails to start. Instance
   * counts come from {@code instances.*}: chat and command instances share their address
   * round-robin (commands on a worker pool of their own); conversation instance {@code n} owns
   * partition {@code n} of the conversation keys, roast instance {@code n} of the guilds (see
   * {@link dev.llmbot.bus.Partitioner}); the rate limiter owns the global quota and so runs once.
   */
  public Future<Void> start() {
    InstancesConfig n = config.instances();
    // A scrape waits at most a second for the state owners; a busy owner keeps its last value.
    StatsGauges stats =
        new StatsGauges(
            registry, n.conversation(), Math.min(1_000L, config.chat().stageTimeoutMillis()));
    ops = new OpsServerVerticle(config.ops(), registry, services.readiness(), stats);
    RoastVerticle.Schedule roastSchedule = RoastVerticle.Schedule.fresh(services.clock());
    return vertx
        .deployVerticle(ops)
        // Roast instance i owns the guilds that hash to i; all share one mood schedule.
        .compose(
            id ->
                deploy(
                    "roast",
                    i -> new RoastVerticle(services, roastSchedule, i, n.roast()),
                    n.roast(),
                    false))
        .compose(id -> deploy("ratelimit", i -> new RateLimitVerticle(services), 1, false))
        .compose(
            id ->
                deploy(
                    "conversation",
                    i -> new ConversationVerticle(services, i),
                    n.conversation(),
                    false))
        .compose(
            id -> deploy("context", i -> new ContextVerticle(services, i), n.conversation(), false))
        .compose(id -> deploy("llm", i -> new LlmVerticle(services), 1, false))
        .compose(id -> deploy("chat", i -> new ChatVerticle(services), n.chat(), false))
        .compose(id -> deploy("command", i -> new CommandVerticle(services), n.command(), true))
        .compose(id -> deployAdapter())
        .onFailure(err -> vertx.close())
        .mapEmpty();
  }

  private Future<String> deployAdapter() {
    if (config.discord().enabled()) {
      return deploy("discord", i -> new DiscordVerticle(services), 1, false);
    }
    if (consoleIn == null) {
      return Future.succeededFuture("none");
    }
    return deploy(
        "console",
        i -> new ConsoleVerticle(services, consoleIn, consoleOut, () -> shutdown()),
        1,
        false);
  }

  /** Deploys {@code instances} copies; each gets its index, so partitions know who they are. */
  private Future<String> deploy(
      String name, IntFunction<Deployable> factory, int instances, boolean worker) {
    AtomicInteger index = new AtomicInteger();
    Supplier<Deployable> supplier = () -> factory.apply(index.getAndIncrement());
    DeploymentOptions options = new DeploymentOptions().setInstances(instances);
    if (worker) {
      options
          .setThreadingModel(ThreadingModel.WORKER)
          .setWorkerPoolName("bot-" + name)
          .setWorkerPoolSize(Math.max(2, instances));
    }
    return vertx
        .deployVerticle(supplier, options)
        .onSuccess(id -> LOG.debug("Deployed {} x{}", name, instances));
  }

  /**
   * Stops intake, waits for replies in flight (up to {@code shutdown.graceSeconds}), then closes
   * Vert.x, which stops every verticle (final state flushes). Idempotent.
   */
  public Future<Void> shutdown() {
    if (services.intake().close()) {
      LOG.info("Shutting down: intake stopped, {} replies in flight", services.intake().inFlight());
      long deadline = System.nanoTime() + config.shutdown().graceSeconds() * 1_000_000_000L;
      Promise<Void> drained = Promise.promise();
      waitForDrain(drained, deadline);
      drained
          .future()
          .compose(v -> vertx.close())
          .onComplete(
              ar -> {
                if (ar.failed()) {
                  LOG.warn("Shutdown finished with an error: {}", ar.cause().getMessage());
                }
                LOG.info("Shutdown complete");
                registry.close();
                terminated.countDown();
                shutdown.tryComplete();
              });
    }
    return shutdown.future();
  }

  private void waitForDrain(Promise<Void> drained, long deadlineNanos) {
    int left = services.intake().inFlight();
    if (left <= 0 || System.nanoTime() >= deadlineNanos) {
      if (left > 0) {
        LOG.warn("Grace period over with {} replies still in flight", left);
      }
      drained.tryComplete();
      return;
    }
    vertx.setTimer(25, id -> waitForDrain(drained, deadlineNanos));
  }

  /** Blocks the calling (non-Vert.x) thread until shutdown completes. */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }
}
