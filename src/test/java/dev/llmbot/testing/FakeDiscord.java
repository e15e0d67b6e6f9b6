package dev.llmbot.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.KeyStoreOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;

/**
 * A fake Discord for end-to-end tests of the real Javacord adapter (DESIGN.md §Testing).
 *
 * <p>It is three servers on 127.0.0.1 in its own Vert.x instance:
 *
 * <ul>
 *   <li>an HTTP CONNECT proxy that tunnels only discord.com and gateway.discord.gg;
 *   <li>behind it, one TLS server with a key made at test time by {@code keytool} (SAN = both
 *       hosts) that serves the fake REST API and the fake gateway websocket.
 * </ul>
 *
 * <p>{@link #start()} points the JVM at it through the standard properties only: {@code
 * https.proxyHost}/{@code https.proxyPort} and {@code javax.net.ssl.trustStore}. The adapter sets
 * no proxy or trust option itself, exactly as in production. Because the default SSL context reads
 * the truststore once per JVM, the TLS material is made once per JVM and reused by every instance,
 * and the Discord integration tests run in a JVM of their own (see docs/discord.md). {@link
 * #start()} ends with a probe through the default proxy and SSL context, so a JVM whose SSL context
 * was initialised earlier fails fast with a clear message instead of a hung login.
 *
 * <p>The world is small and fixed: one bot user and application, guilds (each with an @everyone
 * role, an admin role with Administrator, one text channel) and members alice (plain member), boss
 * (admin) and otherbot (a bot). Every REST request is recorded; tests await requests with timeouts
 * instead of sleeping. Thread-safe: the test thread calls it while its event loop serves Javacord.
 */
public final class FakeDiscord implements AutoCloseable {
  private static final long DISCORD_EPOCH = 1_420_070_400_000L;
  private static final Pattern USER_MENTION = Pattern.compile("<@!?(\\d+)>");
  private static final Pattern ROLE_MENTION = Pattern.compile("<@&(\\d+)>");
  private static FakeDiscordTls sharedTls;

  /** A Discord user of the fake world. */
  public record User(long id, String name, boolean bot) {}

  /** A file part of a multipart request (Javacord sends attachments so). */
  public record Upload(String name, String filename, String text) {}

  /**
   * One REST request as the fake received it.
   *
   * @param method HTTP method
   * @param path path below {@code /api/v10}
   * @param query raw query string or null
   * @param host the Host header
   * @param json the JSON object body (or {@code payload_json} of a multipart body), or null
   * @param jsonArray the JSON array body, or null
   * @param uploads file parts of a multipart body
   * @param atNanos {@link System#nanoTime()} at receipt
   */
  public record RecordedRequest(
      String method,
      String path,
      String query,
      String host,
      JsonObject json,
      JsonArray jsonArray,
      List<Upload> uploads,
      long atNanos) {

    public boolean is(String m, String pathRegex) {
      return method.equals(m) && path.matches(pathRegex);
    }

    /** The message content of a create or edit, or null. */
    public String content() {
      if (json == null) {
        return null;
      }
      if (json.containsKey("data") && json.getValue("data") instanceof JsonObject d) {
        return d.getString("content");
      }
      return json.getString("content");
    }

    /** The {@code allowed_mentions} object of the body, or null. */
    public JsonObject allowedMentions() {
      if (json == null) {
        return null;
      }
      if (json.getValue("data") instanceof JsonObject d) {
        return d.getJsonObject("allowed_mentions");
      }
      return json.getJsonObject("allowed_mentions");
    }

    /** Message flags of a create, follow-up or interaction callback (64 = ephemeral). */
    public int flags() {
      if (json == null) {
        return 0;
      }
      if (json.getValue("data") instanceof JsonObject d) {
        return d.getInteger("flags", 0);
      }
      return json.getInteger("flags", 0);
    }
  }

  /** A scripted failure for the next request matching method and path. */
  public record Fault(String method, String pathRegex, int status, JsonObject body) {
    boolean matches(RecordedRequest r) {
      return r.is(method, pathRegex);
    }
  }

  private final Vertx vertx;
  private final String token = "fake-token-" + UUID.randomUUID();
  private final AtomicLong snowflakes;
  private final long applicationId;
  private final User bot;
  private final User alice;
  private final User boss;
  private final User otherBot;
  private final User owner;
  private final List<Long> guildIds = new ArrayList<>();
  private final Map<Long, Long> channelByGuild = new LinkedHashMap<>();
  private final Map<Long, Long> adminRoleByGuild = new LinkedHashMap<>();
  private final Map<Long, Long> dmChannels = new ConcurrentHashMap<>();
  private final Map<Long, User> users = new ConcurrentHashMap<>();
  private final Map<Long, JsonObject> messages = new ConcurrentHashMap<>();
  private final Map<String, Long> interactionChannels = new ConcurrentHashMap<>();
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final int recommendedShards;
  private FakeDiscordRest rest;
  private FakeDiscordGateway gateway;
  private FakeDiscordProxy proxy;
  private HttpServer https;
  private int proxyPort;

  private FakeDiscord(int guildCount, int recommendedShards) {
    this.vertx = Vertx.vertx();
    this.recommendedShards = recommendedShards;
    long base = (System.currentTimeMillis() - DISCORD_EPOCH) << 22;
    // Guild ids are (t + i) << 22 so that consecutive guilds land on consecutive shards.
    long t = System.currentTimeMillis() - DISCORD_EPOCH - 1_000_000L;
    for (int i = 0; i < guildCount; i++) {
      guildIds.add((t + i) << 22);
    }
    this.snowflakes = new AtomicLong(base);
    this.applicationId = next();
    this.bot = addUser(applicationId, "llmbot", true);
    this.alice = addUser(next(), "alice", false);
    this.boss = addUser(next(), "boss", false);
    this.otherBot = addUser(next(), "otherbot", true);
    this.owner = addUser(next(), "owner", false);
    for (long g : guildIds) {
      channelByGuild.put(g, next());
      adminRoleByGuild.put(g, next());
    }
  }

  /** Starts a fake with one guild and installs it as the JVM's Discord (proxy + truststore). */
  public static FakeDiscord start() throws Exception {
    return start(1, 1);
  }

  /**
   * Starts a fake with {@code guildCount} guilds; {@code GET /gateway/bot} recommends {@code
   * recommendedShards}.
   */
  public static FakeDiscord start(int guildCount, int recommendedShards) throws Exception {
    FakeDiscord d = new FakeDiscord(guildCount, recommendedShards);
    try {
      d.listen();
      d.installJvmDefaults();
      d.probe();
      return d;
    } catch (Exception | Error e) {
      d.close();
      throw e;
    }
  }

  private static synchronized FakeDiscordTls tls() throws IOException {
    if (sharedTls == null) {
      sharedTls = FakeDiscordTls.create(Files.createTempDirectory("fake-discord-tls"), null);
    }
    return sharedTls;
  }

  private void listen() throws Exception {
    FakeDiscordTls tls = tls();
    rest = new FakeDiscordRest(this);
    gateway = new FakeDiscordGateway(this, s -> notifyRequests());
    HttpServerOptions options =
        new HttpServerOptions()
            .setSsl(true)
            .setUseAlpn(false)
            .setKeyCertOptions(
                new KeyStoreOptions()
                    .setType("PKCS12")
                    .setPath(tls.keyStore().toString())
                    .setPassword(FakeDiscordTls.PASSWORD));
    https =
        vertx
            .createHttpServer(options)
            .webSocketHandler(gateway::accept)
            .requestHandler(rest::handle);
    int httpsPort = await(https.listen(0, "127.0.0.1")).actualPort();
    proxy = new FakeDiscordProxy(vertx, httpsPort);
    proxyPort = await(proxy.listen());
  }

  private void installJvmDefaults() throws IOException {
    FakeDiscordTls tls = tls();
    System.setProperty("https.proxyHost", "127.0.0.1");
    System.setProperty("https.proxyPort", Integer.toString(proxyPort));
    System.setProperty("javax.net.ssl.trustStore", tls.trustStore().toString());
    System.setProperty("javax.net.ssl.trustStorePassword", FakeDiscordTls.PASSWORD);
    System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    for (String host : FakeDiscordTls.HOSTS) {
      List<java.net.Proxy> chosen =
          java.net.ProxySelector.getDefault().select(URI.create("https://" + host + "/"));
      boolean viaFake =
          chosen.stream()
              .anyMatch(
                  p ->
                      p.type() == java.net.Proxy.Type.HTTP
                          && p.address() instanceof java.net.InetSocketAddress a
                          && a.getPort() == proxyPort);
      if (!viaFake) {
        throw new IllegalStateException(
            "The JVM's default ProxySelector does not send "
                + host
                + " through FakeDiscord's proxy (got "
                + chosen
                + "); check http.nonProxyHosts and any custom ProxySelector");
      }
    }
  }

  /** A request through the JVM's default proxy selector and SSL context, as Javacord makes it. */
  private void probe() throws IOException {
    HttpURLConnection c =
        (HttpURLConnection)
            URI.create("https://discord.com/api/v10/gateway").toURL().openConnection();
    c.setRequestProperty(FakeDiscordRest.PROBE_HEADER, "1");
    c.setConnectTimeout(10_000);
    c.setReadTimeout(10_000);
    try {
      if (!(c instanceof HttpsURLConnection) || c.getResponseCode() != 200) {
        throw new IllegalStateException("FakeDiscord probe failed: " + c.getResponseCode());
      }
      try (InputStream in = c.getInputStream()) {
        in.readAllBytes();
      }
    } catch (javax.net.ssl.SSLException e) {
      throw new IllegalStateException(
          "FakeDiscord's certificate is not trusted by the JVM default SSL context. The default"
              + " context was probably initialised before FakeDiscord set javax.net.ssl.trustStore:"
              + " run Discord tests in a JVM of their own (failsafe execution discord-it).",
          e);
    } finally {
      c.disconnect();
    }
  }

  @Override
  public void close() {
    if (gateway != null) {
      gateway.closeAll();
    }
    if (proxy != null) {
      proxy.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  // ---------------------------------------------------------------- world

  public String token() {
    return token;
  }

  public long applicationId() {
    return applicationId;
  }

  public User bot() {
    return bot;
  }

  public User alice() {
    return alice;
  }

  /** A member with the admin role (Administrator). */
  public User boss() {
    return boss;
  }

  public User otherBot() {
    return otherBot;
  }

  public List<Long> guildIds() {
    return List.copyOf(guildIds);
  }

  public long guildId() {
    return guildIds.get(0);
  }

  public long channelId() {
    return channelByGuild.get(guildId());
  }

  public long channelId(long guildId) {
    return channelByGuild.get(guildId);
  }

  /** The DM channel between the bot and {@code user}. */
  public long dmChannelId(User user) {
    return dmChannels.computeIfAbsent(user.id(), k -> next());
  }

  public int recommendedShards() {
    return recommendedShards;
  }

  /** The shard Discord routes a guild to; DMs (0) go to shard 0. */
  public static int shardOf(long guildId, int totalShards) {
    return (int) ((guildId >>> 22) % Math.max(1, totalShards));
  }

  /** The IDENTIFY payloads received so far. */
  public List<JsonObject> identifies() {
    return List.copyOf(gateway.identifies());
  }

  /** The CONNECT targets the proxy tunnelled, e.g. {@code discord.com:443}. */
  public java.util.Set<String> tunnelled() {
    return java.util.Set.copyOf(proxy.tunnelled());
  }

  /** A fresh snowflake. */
  public long next() {
    return snowflakes.incrementAndGet();
  }

  private User addUser(long id, String name, boolean isBot) {
    User u = new User(id, name, isBot);
    users.put(id, u);
    return u;
  }

  JsonObject userJson(User u) {
    JsonObject o =
        new JsonObject()
            .put("id", Long.toString(u.id()))
            .put("username", u.name())
            .put("global_name", u.name())
            .put("discriminator", "0")
            .putNull("avatar")
            .put("public_flags", 0);
    if (u.bot()) {
      o.put("bot", true);
    }
    return o;
  }

  private JsonObject memberJson(long guildId, User u, boolean withUser) {
    JsonArray roles = new JsonArray();
    if (u.equals(boss)) {
      roles.add(Long.toString(adminRoleByGuild.get(guildId)));
    }
    JsonObject m =
        new JsonObject()
            .put("roles", roles)
            .putNull("nick")
            .putNull("avatar")
            .put("joined_at", "2024-01-01T00:00:00.000000+00:00")
            .putNull("premium_since")
            .put("deaf", false)
            .put("mute", false)
            .put("flags", 0)
            .put("pending", false);
    if (withUser) {
      m.put("user", userJson(u));
    }
    return m;
  }

  JsonObject applicationJson() {
    return new JsonObject()
        .put("id", Long.toString(applicationId))
        .put("name", "llmbot")
        .put("description", "fake application")
        .put("bot_public", true)
        .put("bot_require_code_grant", false)
        .put("owner", userJson(owner))
        .put("flags", 0);
  }

  JsonObject guildJson(long guildId) {
    long everyone = guildId;
    long adminRole = adminRoleByGuild.get(guildId);
    JsonArray roles =
        new JsonArray()
            .add(role(everyone, "@everyone", 0, (1L << 10) | (1L << 11) | (1L << 16) | (1L << 31)))
            .add(role(adminRole, "admin", 1, 8));
    JsonArray channels =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("id", Long.toString(channelByGuild.get(guildId)))
                    .put("type", 0)
                    .put("guild_id", Long.toString(guildId))
                    .put("name", "general")
                    .put("position", 0)
                    .put("permission_overwrites", new JsonArray())
                    .put("nsfw", false)
                    .putNull("parent_id")
                    .putNull("topic")
                    .put("rate_limit_per_user", 0));
    JsonArray members = new JsonArray();
    for (User u : List.of(bot, alice, boss, otherBot, owner)) {
      members.add(memberJson(guildId, u, true));
    }
    return new JsonObject()
        .put("id", Long.toString(guildId))
        .put("name", "guild-" + guildIds.indexOf(guildId))
        .put("region", "us-west")
        .putNull("icon")
        .putNull("splash")
        .put("owner_id", Long.toString(owner.id()))
        .put("large", false)
        .put("member_count", members.size())
        .put("verification_level", 0)
        .put("explicit_content_filter", 0)
        .put("default_message_notifications", 0)
        .put("mfa_level", 0)
        .put("premium_tier", 0)
        .put("nsfw_level", 0)
        .put("preferred_locale", "en-US")
        .put("features", new JsonArray())
        .put("roles", roles)
        .put("channels", channels)
        .put("threads", new JsonArray())
        .put("members", members)
        .put("emojis", new JsonArray())
        .put("stickers", new JsonArray())
        .put("voice_states", new JsonArray())
        .put("presences", new JsonArray())
        .put("joined_at", "2024-01-01T00:00:00.000000+00:00")
        .put("unavailable", false)
        .put("system_channel_flags", 0);
  }

  private static JsonObject role(long id, String name, int position, long permissions) {
    return new JsonObject()
        .put("id", Long.toString(id))
        .put("name", name)
        .put("color", 0)
        .put("hoist", false)
        .put("position", position)
        .put("permissions", Long.toString(permissions))
        .put("managed", false)
        .put("mentionable", false)
        .put("flags", 0);
  }

  // ---------------------------------------------------------------- inbound events

  /** A guild message by {@code author} in the first guild's channel; mentions parsed from text. */
  public long guildMessage(User author, String content) {
    return dispatchMessage(messageJson(author, guildId(), channelId(), content));
  }

  /** A guild message by {@code author} in the channel of guild {@code guildId}. */
  public long guildMessage(long guildId, User author, String content) {
    return dispatchMessage(messageJson(author, guildId, channelId(guildId), content));
  }

  /** A guild message that replies to message {@code repliedId} (which the fake must know). */
  public long guildReply(User author, String content, long repliedId) {
    JsonObject m = messageJson(author, guildId(), channelId(), content);
    asReply(m, repliedId);
    return dispatchMessage(m);
  }

  /** A direct message from {@code author} to the bot. */
  public long dmMessage(User author, String content) {
    return dispatchMessage(messageJson(author, 0, dmChannelId(author), content));
  }

  /**
   * The MESSAGE_CREATE payload a real Discord sends, for tests that tweak it (webhook_id, type,
   * flags) before {@link #dispatchMessage}. {@code guildId} 0 means a DM.
   */
  public JsonObject messageJson(User author, long guildId, long channelId, String content) {
    JsonObject m =
        new JsonObject()
            .put("id", Long.toString(next()))
            .put("channel_id", Long.toString(channelId))
            .put("author", userJson(author))
            .put("content", content)
            .put("timestamp", Instant.now().toString())
            .putNull("edited_timestamp")
            .put("tts", false)
            .put("mention_everyone", content.contains("@everyone") || content.contains("@here"))
            .put("mentions", new JsonArray())
            .put("mention_roles", new JsonArray())
            .put("attachments", new JsonArray())
            .put("embeds", new JsonArray())
            .put("pinned", false)
            .put("type", 0)
            .put("flags", 0);
    if (guildId != 0) {
      m.put("guild_id", Long.toString(guildId));
      m.put("member", memberJson(guildId, author, false));
    }
    Matcher um = USER_MENTION.matcher(content);
    JsonArray mentions = m.getJsonArray("mentions");
    while (um.find()) {
      User u = users.get(Long.parseLong(um.group(1)));
      if (u != null) {
        JsonObject uj = userJson(u);
        if (guildId != 0) {
          uj.put("member", memberJson(guildId, u, false));
        }
        mentions.add(uj);
      }
    }
    Matcher rm = ROLE_MENTION.matcher(content);
    while (rm.find()) {
      m.getJsonArray("mention_roles").add(rm.group(1));
    }
    return m;
  }

  /** Turns {@code m} into a reply to {@code repliedId}, as Discord would send it. */
  public JsonObject asReply(JsonObject m, long repliedId) {
    JsonObject replied = messages.get(repliedId);
    m.put("type", 19);
    JsonObject ref =
        new JsonObject()
            .put("message_id", Long.toString(repliedId))
            .put("channel_id", m.getString("channel_id"));
    if (m.containsKey("guild_id")) {
      ref.put("guild_id", m.getString("guild_id"));
    }
    m.put("message_reference", ref);
    if (replied != null) {
      m.put("referenced_message", replied.copy());
      // A reply pings the replied author by default: Discord lists them in mentions.
      JsonObject repliedAuthor = replied.getJsonObject("author");
      m.getJsonArray("mentions").add(repliedAuthor.copy());
    }
    return m;
  }

  /** Sends a MESSAGE_CREATE and remembers the message; returns its id. */
  public long dispatchMessage(JsonObject m) {
    long id = Long.parseLong(m.getString("id"));
    messages.put(id, m.copy());
    long guild = m.containsKey("guild_id") ? Long.parseLong(m.getString("guild_id")) : 0;
    if (!gateway.dispatch("MESSAGE_CREATE", m, guild)) {
      throw new IllegalStateException("no READY gateway session for guild " + guild);
    }
    return id;
  }

  /**
   * Sends a slash command INTERACTION_CREATE; options whose value is a {@link User} are user
   * options, the rest strings. Returns the interaction id.
   */
  public long slashCommand(User user, boolean inGuild, String name, Map<String, Object> options) {
    long id = next();
    String interactionToken = "itoken-" + id;
    long guild = inGuild ? guildId() : 0;
    long channel = inGuild ? channelId() : dmChannelId(user);
    interactionChannels.put(interactionToken, channel);
    JsonArray opts = new JsonArray();
    JsonObject resolvedUsers = new JsonObject();
    JsonObject resolvedMembers = new JsonObject();
    options.forEach(
        (k, v) -> {
          if (v instanceof User u) {
            opts.add(
                new JsonObject().put("name", k).put("type", 6).put("value", Long.toString(u.id())));
            resolvedUsers.put(Long.toString(u.id()), userJson(u));
            if (inGuild) {
              resolvedMembers.put(Long.toString(u.id()), memberJson(guild, u, false));
            }
          } else {
            opts.add(
                new JsonObject().put("name", k).put("type", 3).put("value", String.valueOf(v)));
          }
        });
    JsonObject data =
        new JsonObject()
            .put("id", Long.toString(commandId(name)))
            .put("name", name)
            .put("type", 1)
            .put("options", opts);
    if (!resolvedUsers.isEmpty()) {
      JsonObject resolved = new JsonObject().put("users", resolvedUsers);
      if (inGuild) {
        resolved.put("members", resolvedMembers);
      }
      data.put("resolved", resolved);
    }
    JsonObject i =
        new JsonObject()
            .put("id", Long.toString(id))
            .put("application_id", Long.toString(applicationId))
            .put("type", 2)
            .put("data", data)
            .put("channel_id", Long.toString(channel))
            .put("token", interactionToken)
            .put("version", 1)
            .put("locale", "en-US")
            .put("app_permissions", Long.toString((1L << 10) | (1L << 11) | (1L << 15)));
    if (inGuild) {
      i.put("guild_id", Long.toString(guild));
      i.put("guild_locale", "en-US");
      JsonObject member = memberJson(guild, user, true);
      member.put("permissions", user.equals(boss) ? "8" : "68608");
      i.put("member", member);
    } else {
      i.put("user", userJson(user));
    }
    if (!gateway.dispatch("INTERACTION_CREATE", i, guild)) {
      throw new IllegalStateException("no READY gateway session for guild " + guild);
    }
    return id;
  }

  private final Map<String, Long> commandIds = new ConcurrentHashMap<>();

  private long commandId(String name) {
    return commandIds.computeIfAbsent(name, n -> next());
  }

  // ---------------------------------------------------------------- REST side

  /** The message Discord returns for a bot's create; stored so that a reply can reference it. */
  JsonObject botMessage(long channelId, RecordedRequest r) {
    JsonObject body = r.json() == null ? new JsonObject() : r.json();
    String content = body.getString("content", "");
    JsonObject m = baseBotMessage(channelId, content, r);
    JsonObject ref = body.getJsonObject("message_reference");
    if (ref != null) {
      m.put("type", 19);
      long repliedId = Long.parseLong(ref.getValue("message_id").toString());
      JsonObject replied = messages.get(repliedId);
      JsonObject echoRef =
          new JsonObject()
              .put("message_id", Long.toString(repliedId))
              .put("channel_id", Long.toString(channelId));
      if (replied != null && replied.containsKey("guild_id")) {
        echoRef.put("guild_id", replied.getString("guild_id"));
      }
      m.put("message_reference", echoRef);
      if (replied != null) {
        m.put("referenced_message", replied.copy());
      }
    }
    messages.put(Long.parseLong(m.getString("id")), m.copy());
    created.put(r, Long.parseLong(m.getString("id")));
    return m;
  }

  private final Map<RecordedRequest, Long> created = new ConcurrentHashMap<>();

  /** The id of the message the fake created for a recorded {@code POST …/messages}. */
  public long createdMessageId(RecordedRequest r) {
    Long id = created.get(r);
    if (id == null) {
      throw new IllegalArgumentException("no message was created for " + r.path());
    }
    return id;
  }

  JsonObject interactionMessage(String interactionToken, RecordedRequest r) {
    long channel = interactionChannels.getOrDefault(interactionToken, channelId());
    JsonObject body = r.json() == null ? new JsonObject() : r.json();
    JsonObject m = baseBotMessage(channel, body.getString("content", ""), r);
    m.put("type", 20);
    m.put("webhook_id", Long.toString(applicationId));
    m.put("flags", body.getInteger("flags", 0));
    return m;
  }

  private JsonObject baseBotMessage(long channelId, String content, RecordedRequest r) {
    JsonArray attachments = new JsonArray();
    for (Upload u : r.uploads()) {
      long aid = next();
      attachments.add(
          new JsonObject()
              .put("id", Long.toString(aid))
              .put("filename", u.filename() == null ? "file" : u.filename())
              .put("size", u.text().length())
              .put("url", "https://cdn.discordapp.com/attachments/" + channelId + "/" + aid)
              .put(
                  "proxy_url",
                  "https://media.discordapp.net/attachments/" + channelId + "/" + aid));
    }
    return new JsonObject()
        .put("id", Long.toString(next()))
        .put("channel_id", Long.toString(channelId))
        .put("author", userJson(bot))
        .put("content", content)
        .put("timestamp", Instant.now().toString())
        .putNull("edited_timestamp")
        .put("tts", false)
        .put("mention_everyone", false)
        .put("mentions", new JsonArray())
        .put("mention_roles", new JsonArray())
        .put("attachments", attachments)
        .put("embeds", new JsonArray())
        .put("pinned", false)
        .put("type", 0)
        .put("flags", 0);
  }

  JsonArray commandsEcho(JsonArray sent, String guildId) {
    JsonArray out = new JsonArray();
    if (sent == null) {
      return out;
    }
    for (int i = 0; i < sent.size(); i++) {
      JsonObject c = sent.getJsonObject(i).copy();
      c.put("id", Long.toString(commandId(c.getString("name"))));
      c.put("application_id", Long.toString(applicationId));
      c.put("version", Long.toString(next()));
      c.put("type", c.getInteger("type", 1));
      if (guildId != null) {
        c.put("guild_id", guildId);
      }
      out.add(c);
    }
    return out;
  }

  // ---------------------------------------------------------------- recording

  void record(RecordedRequest r) {
    synchronized (requests) {
      requests.add(r);
      requests.notifyAll();
    }
  }

  private void notifyRequests() {
    synchronized (requests) {
      requests.notifyAll();
    }
  }

  /** Every request recorded so far, in arrival order. */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The recorded requests matching {@code p}, in order. */
  public List<RecordedRequest> requests(Predicate<RecordedRequest> p) {
    return requests().stream().filter(p).toList();
  }

  /** Waits until {@code count} requests match {@code p} and returns the first {@code count}. */
  public List<RecordedRequest> awaitRequests(
      Predicate<RecordedRequest> p, int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (requests) {
      while (true) {
        List<RecordedRequest> hits = requests.stream().filter(p).toList();
        if (hits.size() >= count) {
          return hits.subList(0, count);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "timed out after "
                  + timeout
                  + " waiting for "
                  + count
                  + " matching request(s); got "
                  + hits.size()
                  + "; all requests: "
                  + describe(requests));
        }
        requests.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
  }

  /** Waits for one request matching {@code p}. */
  public RecordedRequest awaitRequest(Predicate<RecordedRequest> p, Duration timeout)
      throws InterruptedException {
    return awaitRequests(p, 1, timeout).get(0);
  }

  /** Waits until the gateway has {@code count} READY sessions (GUILD_CREATEs sent). */
  public void awaitSessions(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (requests) {
      while (gateway.readySessions().size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "timed out waiting for "
                  + count
                  + " gateway session(s); requests: "
                  + describe(requests));
        }
        requests.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
  }

  /** The shards of the READY sessions, e.g. {@code [0, 1]}. */
  public List<Integer> readyShards() {
    return gateway.readySessions().stream().map(s -> s.shard()).sorted().toList();
  }

  /**
   * Makes the next request matching method and path fail with {@code status} and a Discord error.
   */
  public void failNext(String method, String pathRegex, int status, int code, String message) {
    JsonObject body = new JsonObject().put("message", message).put("code", code);
    if (status == 429) {
      // Discord's per-route 429: Javacord waits retry_after seconds, then retries.
      body.put("retry_after", 0.2).put("global", false);
    }
    rest.addFault(new Fault(method, pathRegex, status, body));
  }

  private static String describe(List<RecordedRequest> rs) {
    StringBuilder sb = new StringBuilder();
    for (RecordedRequest r : rs) {
      sb.append("\n  ").append(r.method()).append(' ').append(r.path());
      if (r.json() != null) {
        String s = r.json().encode();
        sb.append(' ').append(s.length() > 200 ? s.substring(0, 200) + "…" : s);
      }
    }
    return sb.toString();
  }
}
