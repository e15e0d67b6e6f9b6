package dev.llmbot.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmbot.bus.BotException;
import dev.llmbot.bus.FailureCode;
import dev.llmbot.bus.UserTexts;
import dev.llmbot.llm.GeminiException.Kind;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * The one place where Gemini failures are classified (SPEC §8) and where the user-visible text of
 * each {@link Kind} is chosen (SPEC §3). Pure and stateless: HTTP statuses and error bodies,
 * network failures and unusable answers in; {@link GeminiException} and {@link BotException} out.
 */
public final class GeminiErrors {
  private GeminiErrors() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The provider's quota day ends at midnight Pacific time (PLATFORM.md). */
  static final ZoneId QUOTA_ZONE = ZoneId.of("America/Los_Angeles");

  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

  static final String TIMEOUT_TEXT = "The model took too long to answer. Please try again.";
  static final String CONFIG_TEXT =
      "I can't use the model right now because the bot is misconfigured. The operator's log says"
          + " what to fix.";

  // ---------------------------------------------------------------- classification

  /**
   * Classifies a non-200 response. {@code scrub} removes secrets from any upstream text that goes
   * into the exception message.
   */
  public static GeminiException fromHttp(
      int status, String retryAfterHeader, byte[] body, Clock clock, UnaryOperator<String> scrub) {
    JsonNode error = parseError(body);
    String apiStatus = error.path("status").asText("");
    String message = scrub.apply(shorten(error.path("message").asText("")));
    String detail =
        "HTTP " + status + (apiStatus.isEmpty() ? "" : " " + apiStatus) + ": " + message;
    JsonNode details = error.path("details");

    if (status == 429) {
      if (namesDailyQuota(details)) {
        return new GeminiException(Kind.QUOTA_EXHAUSTED_DAY, detail, status, null, null, null);
      }
      Duration delay = retryInfoDelay(details);
      if (delay == null) {
        delay = retryAfterHeader(retryAfterHeader, clock);
      }
      return new GeminiException(Kind.RATE_LIMITED, detail, status, delay, null, null);
    }
    if (status == 401 || status == 403 || (status == 400 && hasReason(details, "API_KEY"))) {
      return new GeminiException(Kind.AUTH, detail, status, null, null, null);
    }
    if (status == 404) {
      return new GeminiException(Kind.NOT_FOUND, detail, status, null, null, null);
    }
    if (status == 503) {
      Duration delay = retryAfterHeader(retryAfterHeader, clock);
      return new GeminiException(Kind.OVERLOADED, detail, status, delay, null, null);
    }
    if (status >= 500) {
      return new GeminiException(Kind.UPSTREAM, detail, status, null, null, null);
    }
    if (status >= 400) {
      return new GeminiException(Kind.BAD_REQUEST, detail, status, null, null, null);
    }
    // 1xx/3xx and 2xx other than 200: nothing we can use.
    return new GeminiException(Kind.MALFORMED, detail, status, null, null, null);
  }

  /**
   * Classifies a failure with no HTTP response: our own timeouts (Vert.x's timeout exception is a
   * {@link TimeoutException}) and network errors. A {@link GeminiException} passes through.
   */
  public static GeminiException fromFailure(Throwable failure, UnaryOperator<String> scrub) {
    if (failure instanceof GeminiException g) {
      return g;
    }
    String what = failure.getClass().getSimpleName();
    String msg =
        failure.getMessage() == null ? "" : ": " + scrub.apply(shorten(failure.getMessage()));
    if (failure instanceof TimeoutException) {
      return new GeminiException(Kind.TIMEOUT, "attempt timed out" + msg, 0, null, null, null);
    }
    return new GeminiException(Kind.UPSTREAM, "network error " + what + msg, 0, null, null, null);
  }

  /** The whole message ran out of time. */
  public static GeminiException deadlineExceeded(long deadlineMillis) {
    return new GeminiException(
        Kind.TIMEOUT,
        "no answer within the " + deadlineMillis + " ms deadline",
        0,
        null,
        null,
        null);
  }

  /** One instance, so "no call was made" can be recognised (stackless and immutable). */
  private static final GeminiException CIRCUIT_OPEN =
      new GeminiException(Kind.OVERLOADED, "circuit breaker open", 0, null, null, null);

  /** The circuit breaker is open: the call was not made. */
  public static GeminiException circuitOpen() {
    return CIRCUIT_OPEN;
  }

  /**
   * Whether {@code failure} (or a cause of it) is a call the open circuit refused: no API call was
   * made, so no provider quota was used.
   */
  public static boolean madeNoCall(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t == CIRCUIT_OPEN) {
        return true;
      }
    }
    return false;
  }

  /** The prompt or answer was blocked; {@code reason} is Gemini's blockReason or finishReason. */
  public static GeminiException blocked(String reason, String harmCategory) {
    String category = readableCategory(harmCategory);
    if (category == null) {
      category = readableReason(reason);
    }
    return new GeminiException(Kind.BLOCKED, "blocked: " + reason, 200, null, category, null);
  }

  /** A 200 whose body is unusable (not JSON, no candidate, no text). */
  public static GeminiException malformed(String detail) {
    return new GeminiException(Kind.MALFORMED, detail, 200, null, null, null);
  }

  // ---------------------------------------------------------------- user texts

  /** The failure the pipeline sends to the user, with the SPEC §3 text for the kind. */
  public static BotException toBot(GeminiException e, Clock clock) {
    return switch (e.kind()) {
      case RATE_LIMITED -> new BotException(FailureCode.RATE_LIMITED, rateLimitedText(e), e);
      case QUOTA_EXHAUSTED_DAY ->
          new BotException(FailureCode.QUOTA_EXHAUSTED, dailyQuotaText(clock.instant()), e);
      case OVERLOADED, UPSTREAM ->
          new BotException(FailureCode.OVERLOADED, UserTexts.OVERLOADED, e);
      case TIMEOUT -> new BotException(FailureCode.TIMEOUT, TIMEOUT_TEXT, e);
      case BLOCKED -> new BotException(FailureCode.BLOCKED, blockedText(e), e);
      case BAD_REQUEST, AUTH, NOT_FOUND ->
          new BotException(FailureCode.CONFIGURATION, CONFIG_TEXT, e);
      case MALFORMED -> new BotException(FailureCode.INTERNAL, UserTexts.INTERNAL, e);
    };
  }

  static String rateLimitedText(GeminiException e) {
    Optional<Duration> after = e.retryAfter();
    if (after.isEmpty()) {
      return "The model is rate-limited right now. Please try again in a minute.";
    }
    long seconds = Math.max(1, (after.get().toMillis() + 999) / 1000);
    return "The model is rate-limited right now. Please try again in "
        + seconds
        + (seconds == 1 ? " second." : " seconds.");
  }

  static String dailyQuotaText(Instant now) {
    ZonedDateTime reset = LocalDate.ofInstant(now, QUOTA_ZONE).plusDays(1).atStartOfDay(QUOTA_ZONE);
    Duration left = Duration.between(now, reset.toInstant());
    long minutes = Math.max(1, (left.toSeconds() + 59) / 60);
    String in = minutes >= 60 ? (minutes / 60) + " h " + (minutes % 60) + " min" : minutes + " min";
    return "Today's model quota is used up. It resets at midnight Pacific time ("
        + HH_MM.format(reset.withZoneSameInstant(ZoneOffset.UTC))
        + " UTC, in about "
        + in
        + ").";
  }

  static String blockedText(GeminiException e) {
    return e.category()
        .map(c -> "That was blocked by the model's safety filter (" + c + "). Try rephrasing it.")
        .orElse("That was blocked by the model's safety filter. Try rephrasing it.");
  }

  /**
   * For configuration failures, one operator line saying what to fix; empty for other kinds. The
   * line names the key's variable, never the key.
   */
  public static Optional<String> operatorHint(GeminiException e, String model) {
    String why = " (" + e.getMessage() + ")";
    return switch (e.kind()) {
      case AUTH ->
          Optional.of(
              "Gemini refused the API key"
                  + why
                  + ": set a valid key with access to the Generative Language API in"
                  + " GEMINI_API_KEY and restart.");
      case NOT_FOUND ->
          Optional.of(
              "Gemini does not know the model '"
                  + model
                  + "'"
                  + why
                  + ": fix gemini.model (env GEMINI_MODEL), e.g. gemini-2.5-flash.");
      case BAD_REQUEST ->
          Optional.of(
              "Gemini refused the request"
                  + why
                  + (e.getMessage().contains("FAILED_PRECONDITION")
                      ? ": the project cannot use this model here (free tier region or billing);"
                          + " enable billing or use a supported region."
                      : ": check gemini.* generation and safety settings and gemini.baseUrl."));
      default -> Optional.empty();
    };
  }

  // ---------------------------------------------------------------- helpers

  private static JsonNode parseError(byte[] body) {
    if (body == null || body.length == 0) {
      return JSON.missingNode();
    }
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode error = root == null ? null : root.path("error");
      return error == null || error.isMissingNode() ? JSON.missingNode() : error;
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  private static boolean namesDailyQuota(JsonNode details) {
    for (JsonNode d : details) {
      if (!d.path("@type").asText("").endsWith("google.rpc.QuotaFailure")) {
        continue;
      }
      for (JsonNode v : d.path("violations")) {
        if (isDaily(v.path("quotaId").asText("")) || isDaily(v.path("quotaMetric").asText(""))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isDaily(String quotaName) {
    String q = quotaName.toLowerCase(Locale.ROOT);
    return q.contains("perday") || q.contains("per_day") || q.contains("daily");
  }

  private static boolean hasReason(JsonNode details, String prefix) {
    for (JsonNode d : details) {
      if (d.path("reason").asText("").startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * google.rpc.RetryInfo's retryDelay, a protobuf Duration in JSON form such as "37s" or "1.5s".
   */
  static Duration retryInfoDelay(JsonNode details) {
    for (JsonNode d : details) {
      if (d.path("@type").asText("").endsWith("google.rpc.RetryInfo")) {
        Duration parsed = protoDuration(d.path("retryDelay").asText(""));
        if (parsed != null) {
          return parsed;
        }
      }
    }
    return null;
  }

  static Duration protoDuration(String text) {
    if (!text.endsWith("s")) {
      return null;
    }
    try {
      double seconds = Double.parseDouble(text.substring(0, text.length() - 1));
      if (!(seconds >= 0) || seconds > 86_400) {
        return null;
      }
      return Duration.ofMillis(Math.round(seconds * 1000));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Retry-After: delta-seconds or an HTTP date. */
  static Duration retryAfterHeader(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    if (v.chars().allMatch(Character::isDigit) && v.length() <= 6) {
      return Duration.ofSeconds(Long.parseLong(v));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(clock.instant(), at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static String readableCategory(String harmCategory) {
    if (harmCategory == null || harmCategory.isBlank()) {
      return null;
    }
    return switch (harmCategory) {
      case "HARM_CATEGORY_HARASSMENT" -> "harassment";
      case "HARM_CATEGORY_HATE_SPEECH" -> "hate speech";
      case "HARM_CATEGORY_SEXUALLY_EXPLICIT" -> "sexually explicit content";
      case "HARM_CATEGORY_DANGEROUS_CONTENT" -> "dangerous content";
      case "HARM_CATEGORY_CIVIC_INTEGRITY" -> "civic integrity";
      default ->
          harmCategory
              .replaceFirst("^HARM_CATEGORY_", "")
              .replace('_', ' ')
              .toLowerCase(Locale.ROOT);
    };
  }

  static String readableReason(String reason) {
    if (reason == null) {
      return null;
    }
    return switch (reason) {
      case "BLOCKLIST" -> "blocked terms";
      case "PROHIBITED_CONTENT" -> "prohibited content";
      case "SPII" -> "sensitive personal information";
      case "RECITATION" -> "recitation of existing content";
      default -> null; // SAFETY / OTHER without a rating: the category is not known
    };
  }

  private static String shorten(String s) {
    String oneLine = s.replace('\n', ' ').replace('\r', ' ');
    return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
  }
}
