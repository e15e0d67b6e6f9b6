package dev.llmbot.app;

import dev.llmbot.bus.Author;
import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.InboundMessage;
import dev.llmbot.bus.Reply;
import dev.llmbot.bus.Source;
import dev.llmbot.bus.TriggerKind;
import dev.llmbot.config.BotConfig;
import dev.llmbot.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.ext.web.client.WebClient;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Boots the whole bot in-process for tests: built-in defaults plus env-style overrides, the ops
 * server on a free port, state in a fresh temporary directory unless BOT_DATA_DIR is given, the
 * offline responder, and (unless a console is given) no adapter, so the test drives the bus itself.
 * Blocking helpers are for the JUnit thread only.
 */
public final class AppHarness implements AutoCloseable {
  private final BotApp app;
  private final Path ownData;
  private WebClient http;

  private AppHarness(BotApp app, Path ownData) {
    this.app = app;
    this.ownData = ownData;
  }

  /** Starts the bot with {@code overrides} (env names, e.g. BOT_INSTANCES_CHAT) on the defaults. */
  public static AppHarness start(Map<String, String> overrides, Clock clock) throws Exception {
    return start(overrides, clock, null, null);
  }

  /** As {@link #start(Map, Clock)}, with a console adapter reading {@code in}. */
  public static AppHarness start(
      Map<String, String> overrides, Clock clock, InputStream in, PrintStream out)
      throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("OPS_PORT", "0");
    // State goes to a fresh directory unless the test names one (e.g. to restart on it).
    Path data = Files.createTempDirectory("bot-test-data");
    env.put("BOT_DATA_DIR", data.toString());
    env.putAll(overrides);
    BotConfig config = ConfigLoader.load(null, env);
    BotApp app = new BotApp(config, clock, "test", in, out);
    await(app.start());
    return new AppHarness(app, data);
  }

  public BotApp app() {
    return app;
  }

  /** Waits for a Vert.x future from the test thread. */
  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** Sends a request to a bus address and waits for the body of the answer. */
  public <T> T ask(String address, Object body) throws Exception {
    return await(
        app.vertx()
            .eventBus()
            .<T>request(address, body, new DeliveryOptions().setSendTimeout(30_000))
            .map(Message::body));
  }

  /** A message from {@code userId} in {@code guildId}/{@code channelId}. */
  public static InboundMessage message(
      String id, long guildId, long channelId, long userId, String content) {
    return new InboundMessage(
        id,
        Source.DISCORD,
        guildId == 0 ? TriggerKind.DM : TriggerKind.MENTION,
        guildId,
        channelId,
        new Author(userId, "user" + userId, false),
        content,
        null,
        System.nanoTime());
  }

  /** A slash command from {@code userId}. */
  public static CommandRequest command(
      String id, String name, Map<String, String> options, long guildId, long userId) {
    return new CommandRequest(
        id,
        Source.DISCORD,
        name,
        options,
        guildId,
        42L,
        new Author(userId, "user" + userId, true),
        System.nanoTime());
  }

  /** Sends one message through the whole pipeline and waits for its reply. */
  public Reply chat(InboundMessage m) throws Exception {
    return ask(dev.llmbot.bus.Addresses.CHAT_REQUEST, m);
  }

  /**
   * GETs a path on the ops server, through the bot's own Vert.x HTTP client (so it is metered). The
   * web client buffers the body itself: reading a raw response's body from a non-Vert.x thread can
   * miss it.
   */
  public HttpResult get(String path) throws Exception {
    if (http == null) {
      http = WebClient.create(app.vertx());
    }
    return await(
        http.get(app.opsPort(), "127.0.0.1", path)
            .timeout(20_000)
            .send()
            .map(resp -> new HttpResult(resp.statusCode(), resp.bodyAsString())));
  }

  /** An HTTP answer. */
  public record HttpResult(int status, String body) {}

  @Override
  public void close() throws Exception {
    if (http != null) {
      http.close();
    }
    await(app.shutdown());
    try (Stream<Path> files = Files.walk(ownData)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
