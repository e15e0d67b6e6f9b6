package dev.llmbot.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;

/**
 * One parsed 200 response of {@code generateContent}: either a usable {@link GeminiAnswer} or the
 * {@link GeminiException} it amounts to (blocked, empty, malformed), plus the token usage, which is
 * counted either way. Pure; {@link #parse} is thread-safe.
 *
 * @param usage token counts from {@code usageMetadata} (zeros when absent)
 * @param answer the answer, or null when {@code failure} is set
 * @param failure why there is no answer, or null
 * @param finishReason the candidate's finishReason, or "" when there is none
 */
public record GeminiResponse(
    Usage usage, GeminiAnswer answer, GeminiException failure, String finishReason) {

  /** usageMetadata's token counts. */
  public record Usage(long prompt, long candidates, long thoughts, long cached, long total) {
    static final Usage NONE = new Usage(0, 0, 0, 0, 0);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** finishReasons that mean the answer was withheld by a filter (SPEC §8). */
  static final Set<String> BLOCKING_FINISH =
      Set.of("SAFETY", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY");

  /** The answer, or throws the failure. */
  public GeminiAnswer answerOrThrow() {
    if (failure != null) {
      throw failure;
    }
    return answer;
  }

  /** Parses a 200 body. Never throws: an unusable body becomes a {@code failure}. */
  public static GeminiResponse parse(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      return failed(Usage.NONE, GeminiErrors.malformed("response body is not JSON"), "");
    }
    if (root == null || !root.isObject()) {
      return failed(Usage.NONE, GeminiErrors.malformed("response body is not a JSON object"), "");
    }
    Usage usage = usage(root.path("usageMetadata"));

    String blockReason = root.path("promptFeedback").path("blockReason").asText("");
    if (!blockReason.isEmpty() && !"BLOCK_REASON_UNSPECIFIED".equals(blockReason)) {
      String category = blockedCategory(root.path("promptFeedback").path("safetyRatings"));
      return failed(usage, GeminiErrors.blocked(blockReason, category), "");
    }

    JsonNode candidates = root.path("candidates");
    if (!candidates.isArray() || candidates.isEmpty() || !candidates.get(0).isObject()) {
      return failed(usage, GeminiErrors.malformed("no candidate in the response"), "");
    }
    JsonNode candidate = candidates.get(0);
    String finish = candidate.path("finishReason").asText("");
    if (BLOCKING_FINISH.contains(finish)) {
      String category = blockedCategory(candidate.path("safetyRatings"));
      return failed(usage, GeminiErrors.blocked(finish, category), finish);
    }

    StringBuilder text = new StringBuilder();
    for (JsonNode part : candidate.path("content").path("parts")) {
      // Reasoning parts are the model thinking aloud, not the answer.
      if (part.path("thought").asBoolean(false)) {
        continue;
      }
      JsonNode t = part.get("text");
      if (t != null && t.isTextual()) {
        text.append(t.asText());
      }
    }
    if (text.toString().isBlank()) {
      if ("RECITATION".equals(finish)) {
        return failed(usage, GeminiErrors.blocked(finish, null), finish);
      }
      return failed(
          usage,
          GeminiErrors.malformed(
              "empty answer (finishReason=" + (finish.isEmpty() ? "none" : finish) + ")"),
          finish);
    }
    return new GeminiResponse(
        usage, new GeminiAnswer(text.toString(), "MAX_TOKENS".equals(finish)), null, finish);
  }

  private static GeminiResponse failed(Usage usage, GeminiException e, String finish) {
    return new GeminiResponse(usage, null, e, finish);
  }

  private static Usage usage(JsonNode u) {
    if (!u.isObject()) {
      return Usage.NONE;
    }
    return new Usage(
        u.path("promptTokenCount").asLong(0),
        u.path("candidatesTokenCount").asLong(0),
        u.path("thoughtsTokenCount").asLong(0),
        u.path("cachedContentTokenCount").asLong(0),
        u.path("totalTokenCount").asLong(0));
  }

  /** The category of the first rating marked {@code blocked}, else of a HIGH one, else null. */
  private static String blockedCategory(JsonNode ratings) {
    String high = null;
    for (JsonNode r : ratings) {
      if (r.path("blocked").asBoolean(false)) {
        return r.path("category").asText(null);
      }
      if (high == null && "HIGH".equals(r.path("probability").asText(""))) {
        high = r.path("category").asText(null);
      }
    }
    return high;
  }
}
