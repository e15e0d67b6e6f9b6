package dev.llmbot.llm;

import static dev.llmbot.llm.GeminiTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmbot.bus.LlmRequest;
import dev.llmbot.bus.Persona;
import dev.llmbot.bus.Turn;
import dev.llmbot.config.GeminiConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The canonical body and the cache key derived from it. */
class CanonicalRequestTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static CanonicalRequest shape(int thinking, List<GeminiConfig.SafetySetting> safety) {
    return new CanonicalRequest("gemini-2.5-flash", 0.9, 40, 0.95, 8192, thinking, safety);
  }

  private static final CanonicalRequest DEFAULT = shape(-1, List.of());

  private static List<String> topLevelKeys(byte[] body) throws Exception {
    List<String> keys = new ArrayList<>();
    JSON.readTree(body).fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void onlyTheThreeRestKeysByDefault() throws Exception {
    byte[] body = DEFAULT.body(request());
    assertThat(topLevelKeys(body))
        .containsExactly("systemInstruction", "contents", "generationConfig");
    JsonNode gen = JSON.readTree(body).path("generationConfig");
    assertThat(gen.has("thinkingConfig")).isFalse();
  }

  @Test
  void safetySettingsAndThinkingBudgetOnlyWhenSet() throws Exception {
    byte[] body =
        shape(0, List.of(new GeminiConfig.SafetySetting("HARM_CATEGORY_HATE_SPEECH", "OFF")))
            .body(request());
    assertThat(topLevelKeys(body))
        .containsExactly("systemInstruction", "contents", "generationConfig", "safetySettings");
    assertThat(JSON.readTree(body).at("/generationConfig/thinkingConfig/thinkingBudget").asInt(-1))
        .isZero();
  }

  @Test
  void turnsUseGeminisUserAndModelRoles() throws Exception {
    JsonNode contents = JSON.readTree(DEFAULT.body(request())).path("contents");
    assertThat(contents.findValuesAsText("role")).containsExactly("user", "model", "user");
    assertThat(contents.get(2).at("/parts/0/text").asText()).startsWith("Explain it");
  }

  @Test
  void theKeyIsTheSha256OfTheModelAndTheBody() throws Exception {
    LlmRequest r = request();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update("gemini-2.5-flash\n".getBytes(StandardCharsets.UTF_8));
    sha.update(DEFAULT.body(r));

    assertThat(DEFAULT.key(r)).isEqualTo(HexFormat.of().formatHex(sha.digest())).hasSize(64);
  }

  @Test
  void theKeyIgnoresWhatIsNotSent() {
    LlmRequest a = request();
    LlmRequest b =
        new LlmRequest(
            "another-id", Persona.ROAST, a.systemInstruction(), a.contents(), false, "Bob");
    assertThat(DEFAULT.key(a)).isEqualTo(DEFAULT.key(b));
    assertThat(DEFAULT.key(a, "Ada")).isNotEqualTo(DEFAULT.key(b, "Bob"));
  }

  @Test
  void everySentPartChangesTheKey() {
    LlmRequest r = request();
    String key = DEFAULT.key(r);
    assertThat(new CanonicalRequest("gemini-2.5-pro", 0.9, 40, 0.95, 8192, -1, List.of()).key(r))
        .isNotEqualTo(key);
    assertThat(new CanonicalRequest("gemini-2.5-flash", 0.8, 40, 0.95, 8192, -1, List.of()).key(r))
        .isNotEqualTo(key);
    assertThat(shape(128, List.of()).key(r)).isNotEqualTo(key);
    assertThat(DEFAULT.key(request("something else"))).isNotEqualTo(key);
    LlmRequest otherSystem =
        new LlmRequest("m", Persona.HELPFUL, "other", r.contents(), true, "Ada");
    assertThat(DEFAULT.key(otherSystem)).isNotEqualTo(key);
  }

  @Property(tries = 200)
  void keysAreEqualExactlyWhenBodiesAre(
      @ForAll String systemA, @ForAll String textA, @ForAll String systemB, @ForAll String textB) {
    LlmRequest a =
        new LlmRequest("1", Persona.HELPFUL, systemA, List.of(Turn.user(textA)), true, "u");
    LlmRequest b =
        new LlmRequest("2", Persona.HELPFUL, systemB, List.of(Turn.user(textB)), true, "u");
    boolean sameBody = java.util.Arrays.equals(DEFAULT.body(a), DEFAULT.body(b));
    assertThat(DEFAULT.key(a).equals(DEFAULT.key(b))).isEqualTo(sameBody);
    // The body is valid JSON that round-trips the texts, whatever characters they hold.
    assertThat(DEFAULT.body(a)).isNotEmpty();
  }

  @Property(tries = 100)
  void theBodyRoundTripsAnyText(@ForAll String text) throws Exception {
    LlmRequest r = new LlmRequest("1", Persona.HELPFUL, "s", List.of(Turn.user(text)), true, "u");
    JsonNode body = JSON.readTree(DEFAULT.body(r));
    assertThat(body.at("/contents/0/parts/0/text").asText()).isEqualTo(text);
  }
}
