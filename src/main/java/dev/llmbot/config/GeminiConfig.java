package dev.llmbot.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Gemini client's settings (SPEC §8).
 *
 * @param apiKey the key (env GEMINI_API_KEY only); absent means the offline responder
 * @param model the model id
 * @param baseUrl the API base, for proxies, gateways and test fakes
 * @param thinkingBudget the thinking budget in tokens, or -1 to leave it to the model
 * @param safetySettings safety overrides; empty means the provider's defaults
 */
public record GeminiConfig(
    Secret apiKey,
    String model,
    String baseUrl,
    double temperature,
    int topK,
    double topP,
    int maxOutputTokens,
    int thinkingBudget,
    List<SafetySetting> safetySettings,
    int deadlineSeconds,
    int attemptTimeoutSeconds,
    int maxAttempts,
    int retryBaseMillis,
    int maxRetryDelaySeconds,
    int breakerFailures,
    int breakerResetSeconds,
    int maxConnections) {

  /** One safety override. */
  public record SafetySetting(String category, String threshold) {}

  static final Set<String> CATEGORIES =
      Set.of(
          "HARM_CATEGORY_HARASSMENT",
          "HARM_CATEGORY_HATE_SPEECH",
          "HARM_CATEGORY_SEXUALLY_EXPLICIT",
          "HARM_CATEGORY_DANGEROUS_CONTENT",
          "HARM_CATEGORY_CIVIC_INTEGRITY");
  static final Set<String> THRESHOLDS =
      Set.of(
          "BLOCK_LOW_AND_ABOVE", "BLOCK_MEDIUM_AND_ABOVE", "BLOCK_ONLY_HIGH", "BLOCK_NONE", "OFF");

  static GeminiConfig from(ConfigNode n, Secret apiKey) {
    String baseUrl = n.nonBlank("baseUrl");
    if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
      throw ConfigException.invalid(n.key("baseUrl"), baseUrl, "an http:// or https:// URL");
    }
    String model = n.nonBlank("model");
    if (!model.matches("[A-Za-z0-9._-]+")) {
      throw ConfigException.invalid(n.key("model"), model, "a model id of letters, digits, . _ -");
    }
    return new GeminiConfig(
        apiKey,
        model,
        baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl,
        n.number("temperature", 0, 2),
        n.integer("topK", 1, 1000),
        n.number("topP", 0, 1),
        n.integer("maxOutputTokens", 1, 65_536),
        n.integer("thinkingBudget", -1, 32_768),
        safety(n),
        n.integer("deadlineSeconds", 1, 600),
        n.integer("attemptTimeoutSeconds", 1, 600),
        n.integer("maxAttempts", 1, 3),
        n.integer("retryBaseMillis", 1, 60_000),
        n.integer("maxRetryDelaySeconds", 0, 60),
        n.integer("breakerFailures", 1, 1000),
        n.integer("breakerResetSeconds", 1, 3600),
        n.integer("maxConnections", 1, 1000));
  }

  private static List<SafetySetting> safety(ConfigNode n) {
    JsonNode raw = n.raw("safetySettings");
    String allowed = "an array of {category, threshold} with Gemini's names";
    if (!raw.isArray()) {
      throw ConfigException.invalid(n.key("safetySettings"), raw, allowed);
    }
    List<SafetySetting> out = new ArrayList<>();
    for (JsonNode e : raw) {
      String category = e.path("category").asText("");
      String threshold = e.path("threshold").asText("");
      if (!CATEGORIES.contains(category) || !THRESHOLDS.contains(threshold) || e.size() != 2) {
        throw ConfigException.invalid(n.key("safetySettings"), e, allowed);
      }
      out.add(new SafetySetting(category, threshold));
    }
    return List.copyOf(out);
  }

  /** "gemini" with a key, else "offline". */
  public String mode() {
    return apiKey.isPresent() ? "gemini" : "offline";
  }
}
