package dev.llmbot.testing;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The fake gateway websocket: HELLO, IDENTIFY → READY, heartbeats, then GUILD_CREATE for the guilds
 * of the session's shard, and dispatches pushed by the test. One {@link Session} per connection;
 * writes are thread-safe (Vert.x queues them on the socket's context).
 */
final class FakeDiscordGateway {
  private final FakeDiscord world;
  private final List<Session> sessions = new CopyOnWriteArrayList<>();
  private final List<JsonObject> identifies = new CopyOnWriteArrayList<>();
  private final Consumer<Session> onReady;

  FakeDiscordGateway(FakeDiscord world, Consumer<Session> onReady) {
    this.world = world;
    this.onReady = onReady;
  }

  List<JsonObject> identifies() {
    return identifies;
  }

  List<Session> readySessions() {
    return sessions.stream().filter(s -> s.ready).toList();
  }

  void accept(ServerWebSocket ws) {
    Session session = new Session(ws);
    sessions.add(session);
    ws.closeHandler(v -> sessions.remove(session));
    ws.textMessageHandler(text -> session.onText(new JsonObject(text)));
    ws.writeTextMessage(
        new JsonObject()
            .put("op", 10)
            .put("d", new JsonObject().put("heartbeat_interval", 41_250))
            .putNull("s")
            .putNull("t")
            .encode());
  }

  /** Sends a dispatch to the session that owns {@code guildId} (0 = DMs, which go to shard 0). */
  boolean dispatch(String type, JsonObject data, long guildId) {
    for (Session s : sessions) {
      if (s.ready && s.owns(guildId)) {
        s.dispatch(type, data);
        return true;
      }
    }
    return false;
  }

  void closeAll() {
    for (Session s : sessions) {
      if (!s.ws.isClosed()) {
        s.ws.close();
      }
    }
  }

  /** One gateway connection. */
  final class Session {
    private final ServerWebSocket ws;
    private int seq;
    private int shard;
    private int totalShards = 1;
    private volatile boolean ready;

    Session(ServerWebSocket ws) {
      this.ws = ws;
    }

    int shard() {
      return shard;
    }

    int totalShards() {
      return totalShards;
    }

    boolean owns(long guildId) {
      return FakeDiscord.shardOf(guildId, totalShards) == shard;
    }

    private void onText(JsonObject frame) {
      int op = frame.getInteger("op", -1);
      switch (op) {
        case 1 -> ws.writeTextMessage(new JsonObject().put("op", 11).encode());
        case 2 -> identify(frame.getJsonObject("d", new JsonObject()));
        default -> {
          // presence updates, resumes and voice state are not modelled
        }
      }
    }

    private void identify(JsonObject d) {
      identifies.add(d.copy());
      if (!world.token().equals(d.getString("token"))
          && !("Bot " + world.token()).equals(d.getString("token"))) {
        ws.close((short) 4004, "Authentication failed.");
        return;
      }
      JsonArray shardArr = d.getJsonArray("shard");
      if (shardArr != null && shardArr.size() == 2) {
        shard = shardArr.getInteger(0);
        totalShards = shardArr.getInteger(1);
      }
      JsonArray guilds = new JsonArray();
      for (long g : world.guildIds()) {
        if (owns(g)) {
          guilds.add(new JsonObject().put("id", Long.toString(g)).put("unavailable", true));
        }
      }
      JsonObject readyData =
          new JsonObject()
              .put("v", 10)
              .put("user", world.userJson(world.bot()))
              .put("guilds", guilds)
              .put("session_id", UUID.randomUUID().toString().replace("-", ""))
              .put("resume_gateway_url", "wss://gateway.discord.gg")
              .put("private_channels", new JsonArray())
              .put(
                  "application",
                  new JsonObject().put("id", Long.toString(world.applicationId())).put("flags", 0));
      if (shardArr != null) {
        readyData.put("shard", shardArr.copy());
      }
      dispatch("READY", readyData);
      for (long g : world.guildIds()) {
        if (owns(g)) {
          dispatch("GUILD_CREATE", world.guildJson(g));
        }
      }
      ready = true;
      onReady.accept(this);
    }

    synchronized void dispatch(String type, JsonObject data) {
      seq++;
      ws.writeTextMessage(
          new JsonObject().put("op", 0).put("s", seq).put("t", type).put("d", data).encode());
    }
  }
}
