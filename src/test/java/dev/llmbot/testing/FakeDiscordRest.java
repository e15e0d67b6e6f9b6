package dev.llmbot.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake REST API under {@code https://discord.com/api/v10}: answers what Javacord calls during
 * login and while replying, records every request, and plays scripted faults. Runs on the fake's
 * Vert.x event loop.
 */
final class FakeDiscordRest {
  static final String PREFIX = "/api/v10";
  static final String PROBE_HEADER = "X-FakeDiscord-Probe";

  private static final Pattern CHANNEL_MESSAGES = Pattern.compile("/channels/(\\d+)/messages");
  private static final Pattern CHANNEL_TYPING = Pattern.compile("/channels/(\\d+)/typing");
  private static final Pattern COMMANDS =
      Pattern.compile("/applications/(\\d+)(?:/guilds/(\\d+))?/commands");
  private static final Pattern CALLBACK = Pattern.compile("/interactions/(\\d+)/([^/]+)/callback");
  private static final Pattern ORIGINAL =
      Pattern.compile("/webhooks/(\\d+)/([^/]+)/messages/@original");
  private static final Pattern FOLLOWUP = Pattern.compile("/webhooks/(\\d+)/([^/]+)");

  private final FakeDiscord world;
  private final Deque<FakeDiscord.Fault> faults = new ConcurrentLinkedDeque<>();

  FakeDiscordRest(FakeDiscord world) {
    this.world = world;
  }

  void addFault(FakeDiscord.Fault fault) {
    faults.add(fault);
  }

  void handle(HttpServerRequest req) {
    long at = System.nanoTime();
    boolean probe = req.getHeader(PROBE_HEADER) != null;
    String contentType = req.getHeader("Content-Type");
    if (contentType != null && contentType.startsWith("multipart/form-data")) {
      req.setExpectMultipart(true);
      List<FakeDiscord.Upload> uploads = new ArrayList<>();
      req.uploadHandler(
          upload -> {
            Buffer data = Buffer.buffer();
            upload.handler(data::appendBuffer);
            upload.endHandler(
                v ->
                    uploads.add(
                        new FakeDiscord.Upload(
                            upload.name(),
                            upload.filename(),
                            data.toString(StandardCharsets.UTF_8))));
          });
      req.endHandler(
          v -> {
            MultiMap form = req.formAttributes();
            String payload = form.get("payload_json");
            respond(
                req,
                at,
                probe,
                payload == null ? Buffer.buffer() : Buffer.buffer(payload),
                List.copyOf(uploads));
          });
    } else {
      req.body().onSuccess(body -> respond(req, at, probe, body, List.of()));
    }
  }

  private void respond(
      HttpServerRequest req,
      long at,
      boolean probe,
      Buffer body,
      List<FakeDiscord.Upload> uploads) {
    String fullPath = req.path();
    String path = fullPath.startsWith(PREFIX) ? fullPath.substring(PREFIX.length()) : fullPath;
    JsonObject json = null;
    JsonArray array = null;
    String text = body.toString(StandardCharsets.UTF_8).trim();
    if (text.startsWith("{")) {
      json = new JsonObject(text);
    } else if (text.startsWith("[")) {
      array = new JsonArray(text);
    }
    FakeDiscord.RecordedRequest recorded =
        new FakeDiscord.RecordedRequest(
            req.method().name(),
            path,
            req.query(),
            req.getHeader("Host"),
            json,
            array,
            uploads,
            at);
    Response response = null;
    for (FakeDiscord.Fault f : faults) {
      if (f.matches(recorded) && faults.remove(f)) {
        response = new Response(f.status(), f.body());
        break;
      }
    }
    if (response == null) {
      response = route(req.method(), path, recorded);
    }
    // Recorded once the answer is known, so a test that sees the request can ask about its result.
    if (!probe) {
      world.record(recorded);
    }
    send(req, response.status(), response.body());
  }

  private record Response(int status, Object body) {}

  private Response route(HttpMethod m, String path, FakeDiscord.RecordedRequest r) {
    Matcher mm;
    if (m == HttpMethod.GET && path.equals("/gateway")) {
      return new Response(200, new JsonObject().put("url", "wss://gateway.discord.gg"));
    } else if (m == HttpMethod.GET && path.equals("/gateway/bot")) {
      return new Response(
          200,
          new JsonObject()
              .put("url", "wss://gateway.discord.gg")
              .put("shards", world.recommendedShards())
              .put(
                  "session_start_limit",
                  new JsonObject()
                      .put("total", 1000)
                      .put("remaining", 999)
                      .put("reset_after", 0)
                      .put("max_concurrency", 1)));
    } else if (m == HttpMethod.GET && path.equals("/oauth2/applications/@me")) {
      return new Response(200, world.applicationJson());
    } else if (m == HttpMethod.GET && path.equals("/users/@me")) {
      return new Response(200, world.userJson(world.bot()));
    } else if (m == HttpMethod.POST && CHANNEL_TYPING.matcher(path).matches()) {
      return new Response(204, null);
    } else if (m == HttpMethod.POST && (mm = CHANNEL_MESSAGES.matcher(path)).matches()) {
      return new Response(200, world.botMessage(Long.parseLong(mm.group(1)), r));
    } else if (m == HttpMethod.PUT && (mm = COMMANDS.matcher(path)).matches()) {
      return new Response(200, world.commandsEcho(r.jsonArray(), mm.group(2)));
    } else if (m == HttpMethod.POST && CALLBACK.matcher(path).matches()) {
      return new Response(204, null);
    } else if (m == HttpMethod.PATCH && (mm = ORIGINAL.matcher(path)).matches()) {
      return new Response(200, world.interactionMessage(mm.group(2), r));
    } else if (m == HttpMethod.POST && (mm = FOLLOWUP.matcher(path)).matches()) {
      return new Response(200, world.interactionMessage(mm.group(2), r));
    }
    return new Response(404, new JsonObject().put("message", "404: Not Found").put("code", 0));
  }

  private static void send(HttpServerRequest req, int status, Object body) {
    req.response().setStatusCode(status);
    req.response().putHeader("Via", "1.1 google");
    if (body == null) {
      req.response().end();
      return;
    }
    String text = body instanceof JsonObject o ? o.encode() : ((JsonArray) body).encode();
    req.response().putHeader("Content-Type", "application/json").end(text);
  }
}
