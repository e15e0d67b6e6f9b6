package dev.llmbot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback stand-in for the Gemini REST API ({@code POST
 * /v1beta/models/{model}:generateContent}), speaking its real JSON shapes: answers with thought
 * parts and usageMetadata, blocks, and the {@code {error:{code,status,message,details}}} bodies
 * with QuotaFailure, RetryInfo and ErrorInfo.
 *
 * <p>Responses are scripted: each request takes the next {@link Step} from the queue, or the
 * default step when the queue is empty. Like the real API it refuses a request without a key (403),
 * an unknown path (404) and unknown top-level body fields (400). Every request is recorded.
 *
 * <p>Threads: the server runs on its own Vert.x event loop; the script and the records are
 * thread-safe so tests may read them from anywhere.
 */
public final class FakeGeminiServer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TOP_LEVEL =
      Set.of(
          "contents",
          "systemInstruction",
          "generationConfig",
          "safetySettings",
          "tools",
          "toolConfig",
          "cachedContent");

  /** One received request. */
  public record Recorded(String path, String apiKey, String contentType, String body) {}

  /** What the server does with one request. */
  public sealed interface Step permits Reply, Stall, Gated, Delayed {}

  /** An HTTP response. */
  public record Reply(int status, Map<String, String> headers, String body) implements Step {}

  /** Never answers (the connection stays open until the client gives up). */
  public record Stall() implements Step {}

  /** Waits for {@code gate}, then does {@code then}. */
  public record Gated(Future<?> gate, Step then) implements Step {}

  /**
   * Waits a delay drawn uniformly from [{@code minMillis}, {@code maxMillis}] (a stand-in for the
   * model's thinking time), then does {@code then}. The delay counts from the request's arrival, so
   * the fake's own work (reading and validating the body) is part of it, as a real server's
   * processing is part of its response time. The delay is reported to the {@link #onDelay} listener
   * when the wait ends, so a load harness can subtract it.
   */
  public record Delayed(long minMillis, long maxMillis, Step then) implements Step {
    public Delayed {
      if (minMillis < 1 || maxMillis < minMillis) {
        throw new IllegalArgumentException("need 1 <= minMillis <= maxMillis");
      }
    }
  }

  /**
   * Told the delay a {@link Delayed} step applied to one request, with that request's body, when
   * the wait ends (before the step after it runs): the delay drawn, the {@link System#nanoTime()}
   * the request arrived at, and the one the wait ended at (a timer can fire late on a busy machine,
   * so {@code firedNanos - arrivedNanos} may exceed the delay).
   */
  @FunctionalInterface
  public interface DelayListener {
    void applied(String body, long delayMillis, long arrivedNanos, long firedNanos);
  }

  private final Vertx vertx;
  private final HttpServer server;
  private final ConcurrentLinkedDeque<Step> script = new ConcurrentLinkedDeque<>();
  private final AtomicReference<Step> fallback = new AtomicReference<>(ok("Hello from the fake."));
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile boolean recording = true;
  private volatile DelayListener delayListener = (body, millis, arrived, fired) -> {};

  private FakeGeminiServer(Vertx vertx) {
    this.vertx = vertx;
    this.server = vertx.createHttpServer().requestHandler(this::handle);
  }

  /** Starts a fake on 127.0.0.1 and a free port. */
  public static Future<FakeGeminiServer> start(Vertx vertx) {
    FakeGeminiServer fake = new FakeGeminiServer(vertx);
    return fake.server.listen(0, "127.0.0.1").map(s -> fake);
  }

  /** The base URL to configure as gemini.baseUrl. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Appends steps to the script. */
  public FakeGeminiServer then(Step... steps) {
    script.addAll(List.of(steps));
    return this;
  }

  /** The step used once the script is empty (default: a short answer). */
  public FakeGeminiServer otherwise(Step step) {
    fallback.set(step);
    return this;
  }

  /** The number of requests received (counted even when recording is off). */
  public int calls() {
    return calls.get();
  }

  /**
   * Whether request bodies are kept for {@link #requests()} (default true). A load test turns it
   * off: thousands of retained bodies would inflate the heap it measures.
   */
  public FakeGeminiServer recording(boolean on) {
    recording = on;
    return this;
  }

  /** Sets the listener told about each delay a {@link Delayed} step applies. */
  public FakeGeminiServer onDelay(DelayListener listener) {
    delayListener = listener;
    return this;
  }

  /** The requests received, oldest first. */
  public List<Recorded> requests() {
    return List.copyOf(requests);
  }

  public Future<Void> close() {
    return server.close();
  }

  private void handle(HttpServerRequest req) {
    long arrived = System.nanoTime();
    req.body()
        .onSuccess(
            body -> {
              calls.incrementAndGet();
              if (recording) {
                requests.add(
                    new Recorded(
                        req.path(),
                        req.getHeader("x-goog-api-key"),
                        req.getHeader("content-type"),
                        body.toString()));
              }
              Reply invalid = validate(req, body);
              if (invalid != null) {
                respond(req, invalid);
                return;
              }
              Step step = script.poll();
              perform(req, body, step == null ? fallback.get() : step, arrived);
            });
  }

  private void perform(HttpServerRequest req, Buffer body, Step step, long arrived) {
    if (step instanceof Reply r) {
      respond(req, r);
    } else if (step instanceof Gated g) {
      g.gate().onComplete(ar -> vertx.runOnContext(v -> perform(req, body, g.then(), arrived)));
    } else if (step instanceof Delayed d) {
      long millis =
          d.minMillis() == d.maxMillis()
              ? d.minMillis()
              : ThreadLocalRandom.current().nextLong(d.minMillis(), d.maxMillis() + 1);
      // What is left of the delay once reading and validating the body are paid for.
      long spentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - arrived);
      vertx.setTimer(
          Math.max(1, millis - spentMillis),
          id -> {
            delayListener.applied(body.toString(), millis, arrived, System.nanoTime());
            perform(req, body, d.then(), arrived);
          });
    }
    // A Stall holds the exchange open; the client's timeout or close ends it.
  }

  private static void respond(HttpServerRequest req, Reply r) {
    var resp = req.response().setStatusCode(r.status());
    r.headers().forEach(resp::putHeader);
    resp.putHeader("content-type", "application/json; charset=UTF-8");
    resp.end(Buffer.buffer(r.body())).onFailure(e -> {});
  }

  private static Reply validate(HttpServerRequest req, Buffer body) {
    if (!"POST".equals(req.method().name())
        || !req.path().matches("/v1beta/models/[A-Za-z0-9._-]+:generateContent")) {
      return error(404, "NOT_FOUND", "Requested entity was not found.", null);
    }
    String key = req.getHeader("x-goog-api-key");
    if (key == null || key.isBlank()) {
      return error(
          403,
          "PERMISSION_DENIED",
          "Method doesn't allow unregistered callers. Please use API Key.",
          null);
    }
    JsonNode root;
    try {
      root = JSON.readTree(body.getBytes());
    } catch (IOException e) {
      return error(400, "INVALID_ARGUMENT", "Invalid JSON payload received.", null);
    }
    if (root == null || !root.isObject()) {
      return error(400, "INVALID_ARGUMENT", "Invalid JSON payload received.", null);
    }
    var names = root.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!TOP_LEVEL.contains(name)) {
        return error(
            400,
            "INVALID_ARGUMENT",
            "Invalid JSON payload received. Unknown name \"" + name + "\": Cannot find field.",
            null);
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ scripted steps

  /** A normal answer (STOP) with usage. */
  public static Reply ok(String text) {
    return answer(List.of(text), "STOP");
  }

  /** An answer preceded by a thought part, which a client must drop. */
  public static Reply okWithThought(String thought, String text) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode cand = root.putArray("candidates").addObject();
    ArrayNode parts = cand.putObject("content").put("role", "model").putArray("parts");
    parts.addObject().put("text", thought).put("thought", true);
    parts.addObject().put("text", text);
    cand.put("finishReason", "STOP").put("index", 0);
    usage(root, 40);
    return new Reply(200, Map.of(), root.toString());
  }

  /** A partial answer cut at maxOutputTokens. */
  public static Reply maxTokens(String partial) {
    return answer(List.of(partial), "MAX_TOKENS");
  }

  /** 429 for the per-minute quota, with RetryInfo (e.g. "2s"). */
  public static Reply rateLimited(String retryDelay) {
    return error(
        429,
        "RESOURCE_EXHAUSTED",
        "You exceeded your current quota, please check your plan and billing details.",
        List.of(
            quotaFailure("GenerateRequestsPerMinutePerProjectPerModel-FreeTier"),
            retryInfo(retryDelay)));
  }

  /** 429 with no details, only a Retry-After header in seconds. */
  public static Reply rateLimitedRetryAfter(int seconds) {
    Reply r = error(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted.", null);
    return new Reply(429, Map.of("Retry-After", Integer.toString(seconds)), r.body());
  }

  /** 429 for the per-day quota (which still carries a RetryInfo, as the real API does). */
  public static Reply dailyQuota() {
    return error(
        429,
        "RESOURCE_EXHAUSTED",
        "You exceeded your current quota, please check your plan and billing details.",
        List.of(
            quotaFailure("GenerateRequestsPerDayPerProjectPerModel-FreeTier"), retryInfo("7s")));
  }

  /** 500 INTERNAL, 503 UNAVAILABLE or 504 DEADLINE_EXCEEDED. */
  public static Reply serverError(int status) {
    return switch (status) {
      case 503 ->
          error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.", null);
      case 504 ->
          error(
              504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.", null);
      default -> error(status, "INTERNAL", "An internal error has occurred.", null);
    };
  }

  /** 400 INVALID_ARGUMENT for a bad key, as the real API answers. */
  public static Reply invalidKey() {
    ObjectNode info = JSON.createObjectNode();
    info.put("@type", "type.googleapis.com/google.rpc.ErrorInfo");
    info.put("reason", "API_KEY_INVALID");
    info.put("domain", "googleapis.com");
    return error(
        400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", List.of(info));
  }

  /** 404 for an unknown model. */
  public static Reply modelNotFound() {
    return error(
        404,
        "NOT_FOUND",
        "models/nope is not found for API version v1beta, or is not supported for generateContent.",
        null);
  }

  /** A 200 whose body is not JSON. */
  public static Reply malformed() {
    return new Reply(200, Map.of(), "{\"candidates\": [ {\"content\": ");
  }

  /** A 200 with an empty candidate list and no block reason. */
  public static Reply noCandidates() {
    return new Reply(200, Map.of(), "{\"candidates\":[],\"modelVersion\":\"gemini-2.5-flash\"}");
  }

  /** The prompt was blocked: HTTP 200, promptFeedback.blockReason, no candidates. */
  public static Reply promptBlocked(String reason, String category) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode feedback = root.putObject("promptFeedback").put("blockReason", reason);
    if (category != null) {
      feedback
          .putArray("safetyRatings")
          .addObject()
          .put("category", category)
          .put("probability", "HIGH")
          .put("blocked", true);
    }
    usage(root, 0);
    return new Reply(200, Map.of(), root.toString());
  }

  /** The answer was blocked: finishReason SAFETY with a blocked rating and no content. */
  public static Reply answerBlocked(String category) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode cand = root.putArray("candidates").addObject();
    cand.put("finishReason", "SAFETY").put("index", 0);
    ArrayNode ratings = cand.putArray("safetyRatings");
    ratings
        .addObject()
        .put("category", "HARM_CATEGORY_SEXUALLY_EXPLICIT")
        .put("probability", "NEGLIGIBLE");
    ratings.addObject().put("category", category).put("probability", "HIGH").put("blocked", true);
    usage(root, 0);
    return new Reply(200, Map.of(), root.toString());
  }

  /** Never answers. */
  public static Stall stall() {
    return new Stall();
  }

  /** Answers with {@code then} after a delay drawn uniformly from [min, max] milliseconds. */
  public static Delayed delayed(long minMillis, long maxMillis, Step then) {
    return new Delayed(minMillis, maxMillis, then);
  }

  /** Answers with {@code then} once {@code gate} completes. */
  public static Gated gated(Future<?> gate, Step then) {
    return new Gated(gate, then);
  }

  /** A Gemini error body. */
  public static Reply error(int code, String status, String message, List<ObjectNode> details) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", code).put("message", message).put("status", status);
    if (details != null) {
      ArrayNode d = error.putArray("details");
      details.forEach(d::add);
    }
    return new Reply(code, Map.of(), root.toString());
  }

  private static Reply answer(List<String> texts, String finishReason) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode cand = root.putArray("candidates").addObject();
    ArrayNode parts = cand.putObject("content").put("role", "model").putArray("parts");
    texts.forEach(t -> parts.addObject().put("text", t));
    cand.put("finishReason", finishReason).put("index", 0);
    usage(root, texts.stream().mapToInt(String::length).sum() / 4 + 1);
    root.put("modelVersion", "gemini-2.5-flash");
    return new Reply(200, Map.of(), root.toString());
  }

  private static void usage(ObjectNode root, int output) {
    root.putObject("usageMetadata")
        .put("promptTokenCount", 12)
        .put("candidatesTokenCount", output)
        .put("thoughtsTokenCount", 7)
        .put("totalTokenCount", 12 + output + 7);
  }

  private static ObjectNode quotaFailure(String quotaId) {
    ObjectNode q = JSON.createObjectNode();
    q.put("@type", "type.googleapis.com/google.rpc.QuotaFailure");
    ObjectNode v = q.putArray("violations").addObject();
    v.put("quotaMetric", "generativelanguage.googleapis.com/generate_content_free_tier_requests");
    v.put("quotaId", quotaId);
    v.putObject("quotaDimensions").put("location", "global").put("model", "gemini-2.5-flash");
    v.put("quotaValue", "10");
    return q;
  }

  private static ObjectNode retryInfo(String delay) {
    ObjectNode r = JSON.createObjectNode();
    r.put("@type", "type.googleapis.com/google.rpc.RetryInfo");
    r.put("retryDelay", delay);
    return r;
  }

  /** Recorded bodies, for snapshot checks. */
  public List<String> bodies() {
    List<String> out = new ArrayList<>();
    requests.forEach(r -> out.add(r.body()));
    return out;
  }
}
