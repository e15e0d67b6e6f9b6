package dev.llmbot.discord;

import dev.llmbot.command.CommandCatalog;
import dev.llmbot.command.CommandSpec;
import dev.llmbot.config.DiscordConfig;
import dev.llmbot.core.BotServices;
import dev.llmbot.core.Readiness;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import org.javacord.api.DiscordApi;
import org.javacord.api.DiscordApiBuilder;
import org.javacord.api.entity.intent.Intent;
import org.javacord.api.listener.connection.LostConnectionListener;
import org.javacord.api.listener.connection.ReconnectListener;
import org.javacord.api.listener.connection.ResumeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord adapter (SPEC §1–2): logs in with Javacord (all non-privileged intents plus Message
 * Content) on the configured shards, relays messages and slash commands to the bus, registers the
 * slash commands, and reports "Discord connected" on the readiness board.
 *
 * <p>One instance, on one event loop. Javacord runs its own threads; its listeners ({@link
 * MessageRelay}, {@link SlashRelay}) hand work to this verticle's context at once. No proxy or
 * trust option is set here: Javacord uses the JVM defaults ({@code https.proxyHost}, {@code
 * javax.net.ssl.trustStore}), which is what operators behind a proxy need (DESIGN.md §Config).
 */
public final class DiscordVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DiscordVerticle.class);

  private final BotServices services;
  private final List<DiscordApi> apis = new CopyOnWriteArrayList<>();

  /** Shards currently without a gateway connection; ready when empty after login. */
  private final Set<Integer> disconnected = ConcurrentHashMap.newKeySet();

  private volatile boolean loggedIn;

  private final List<CommandSpec> commands;

  /** The adapter for the bot's own commands ({@link CommandCatalog}). */
  public DiscordVerticle(BotServices services) {
    this(services, CommandCatalog.specs());
  }

  /** The adapter for the given commands (tests use a catalog of their own). */
  public DiscordVerticle(BotServices services, List<CommandSpec> commands) {
    this.services = services;
    this.commands = List.copyOf(commands);
  }

  @Override
  public Future<?> start() {
    DiscordConfig config = services.config().discord();
    String token =
        config
            .token()
            .reveal()
            .orElseThrow(() -> new IllegalStateException("DISCORD_TOKEN is not set"));
    DiscordApiBuilder builder =
        new DiscordApiBuilder()
            .setToken(token)
            .setAllNonPrivilegedIntentsAnd(Intent.MESSAGE_CONTENT)
            // The app's own shutdown hook stops intake first, then this verticle disconnects.
            .setShutdownHookRegistrationEnabled(false)
            .addMessageCreateListener(new MessageRelay(vertx, context, services))
            .addSlashCommandCreateListener(new SlashRelay(vertx, context, services, commands))
            .addLostConnectionListener((LostConnectionListener) e -> connection(e.getApi(), false))
            .addReconnectListener((ReconnectListener) e -> connection(e.getApi(), true))
            .addResumeListener((ResumeListener) e -> connection(e.getApi(), true));
    Future<Integer> total;
    if (config.totalShards() > 0) {
      builder.setTotalShards(config.totalShards());
      total = Future.succeededFuture(config.totalShards());
    } else {
      total =
          Future.fromCompletionStage(builder.setRecommendedTotalShards(), context)
              .map(v -> builder.getTotalShards());
    }
    return total
        .compose(
            n -> {
              int[] shards = ShardPlan.shards(n, config.shardIds());
              LOG.info("Logging in to Discord: shards {} of {}", Arrays.toString(shards), n);
              List<Future<DiscordApi>> logins = new ArrayList<>();
              for (CompletableFuture<DiscordApi> login : builder.loginShards(shards)) {
                logins.add(Future.fromCompletionStage(login, context).onSuccess(apis::add));
              }
              return Future.all(logins).map(all -> all.<DiscordApi>list());
            })
        .onSuccess(
            list -> {
              loggedIn = true;
              DiscordApi first = list.get(0);
              LOG.info(
                  "Discord connected as {} ({} shard(s), {} server(s) on this process)",
                  first.getYourself().getDiscriminatedName(),
                  list.size(),
                  list.stream().mapToInt(a -> a.getServers().size()).sum());
              updateReadiness();
              registerCommands(first, config);
            })
        .recover(
            err -> {
              for (DiscordApi api : apis) {
                disconnect(api);
              }
              return Future.failedFuture(new IllegalStateException(loginFailure(err), err));
            });
  }

  /** One clear line for the operator; never the token. */
  static String loginFailure(Throwable err) {
    return "Discord login failed ("
        + DiscordFailures.describe(err)
        + "). Check DISCORD_TOKEN (Developer Portal -> Bot -> Reset Token), that the bot's"
        + " Message Content intent is enabled, and that discord.com and gateway.discord.gg are"
        + " reachable (set -Dhttps.proxyHost/-Dhttps.proxyPort behind a proxy).";
  }

  private void registerCommands(DiscordApi api, DiscordConfig config) {
    var specs = commands;
    Future.fromCompletionStage(
            CommandRegistration.register(api, specs, config.commandGuildIds()), context)
        .onSuccess(
            v ->
                LOG.info(
                    "Registered {} slash commands {}",
                    specs.size(),
                    config.commandGuildIds().isEmpty()
                        ? "globally (may take up to an hour to appear)"
                        : "in guilds " + config.commandGuildIds()))
        .onFailure(
            err ->
                LOG.error("Slash command registration failed: {}", DiscordFailures.describe(err)));
  }

  private void connection(DiscordApi api, boolean up) {
    if (up) {
      disconnected.remove(api.getCurrentShard());
    } else {
      disconnected.add(api.getCurrentShard());
      if (loggedIn) {
        LOG.warn("Discord shard {} lost its gateway connection", api.getCurrentShard());
      }
    }
    updateReadiness();
  }

  private void updateReadiness() {
    services.readiness().set(Readiness.ADAPTER, loggedIn && disconnected.isEmpty());
  }

  @Override
  public Future<?> stop() {
    loggedIn = false;
    updateReadiness();
    List<Future<Void>> closing = new ArrayList<>();
    for (DiscordApi api : apis) {
      closing.add(disconnect(api));
    }
    return Future.join(closing).otherwiseEmpty();
  }

  /**
   * Disconnects one shard. Javacord 3.8 may reject its own one-minute fallback timer when the
   * socket closes fast and its pool is already shutting down; the shard is gone then, so that is
   * not an error.
   */
  private Future<Void> disconnect(DiscordApi api) {
    try {
      return Future.fromCompletionStage(api.disconnect(), context);
    } catch (RejectedExecutionException e) {
      LOG.debug("Shard {} was already shutting down", api.getCurrentShard());
      return Future.succeededFuture();
    }
  }
}
