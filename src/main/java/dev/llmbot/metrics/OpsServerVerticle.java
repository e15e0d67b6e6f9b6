package dev.llmbot.metrics;

import dev.llmbot.config.OpsConfig;
import dev.llmbot.core.Readiness;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations HTTP server on {@code ops.host:ops.port}: {@code /metrics} (Prometheus text),
 * {@code /health} (liveness) and {@code /ready} (adapter up and LLM circuit not open). Runs on its
 * own event loop; a port in use fails the start with a clear message.
 */
public final class OpsServerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(OpsServerVerticle.class);

  private final OpsConfig config;
  private final PrometheusMeterRegistry registry;
  private final Readiness readiness;
  private HttpServer server;

  public OpsServerVerticle(
      OpsConfig config, PrometheusMeterRegistry registry, Readiness readiness) {
    this.config = config;
    this.registry = registry;
    this.readiness = readiness;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    var scrape = PrometheusRequestHandler.create(registry, "/metrics");
    router.get("/metrics").handler(ctx -> scrape.handle(ctx.request()));
    router.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router
        .get("/ready")
        .handler(
            ctx -> {
              boolean ok = readiness.ready();
              JsonObject body = new JsonObject().put("status", ok ? "READY" : "NOT_READY");
              readiness.snapshot().forEach(body::put);
              ctx.response().setStatusCode(ok ? 200 : 503);
              ctx.json(body);
            });
    return vertx
        // Plain HTTP/1.1: scrapers and probes need nothing else, and no h2c upgrade dance.
        .createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
        .requestHandler(router)
        .listen(config.port(), config.host())
        .recover(
            err ->
                Future.failedFuture(
                    new IllegalStateException(
                        "Cannot start the ops server on "
                            + config.host()
                            + ":"
                            + config.port()
                            + " ("
                            + err.getMessage()
                            + "). Is the port in use? Set OPS_PORT to a free port, or 0 to pick one.",
                        err)))
        .onSuccess(
            s -> {
              server = s;
              LOG.info(
                  "Ops server listening on http://{}:{}/ (metrics, health, ready)",
                  config.host(),
                  s.actualPort());
            });
  }

  /** The bound port (useful with OPS_PORT=0). */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
