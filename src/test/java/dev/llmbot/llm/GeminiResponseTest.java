package dev.llmbot.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmbot.llm.GeminiException.Kind;
import dev.llmbot.testing.FakeGeminiServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Parsing 200 bodies: text, thoughts, finish reasons, blocks and usage. */
class GeminiResponseTest {
  private static GeminiResponse parse(String json) {
    return GeminiResponse.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static GeminiResponse parse(FakeGeminiServer.Reply reply) {
    return parse(reply.body());
  }

  @Test
  void joinsTextPartsAndDropsThoughts() {
    GeminiResponse r =
        parse(
            """
            {"candidates":[{"content":{"role":"model","parts":[
              {"text":"thinking...","thought":true},{"text":"Hello, "},{"text":"world."}]},
              "finishReason":"STOP"}],
             "usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":3,
              "thoughtsTokenCount":2,"cachedContentTokenCount":1,"totalTokenCount":10}}
            """);
    assertThat(r.answerOrThrow()).isEqualTo(new GeminiAnswer("Hello, world.", false));
    assertThat(r.usage()).isEqualTo(new GeminiResponse.Usage(5, 3, 2, 1, 10));
    assertThat(r.finishReason()).isEqualTo("STOP");
  }

  @Test
  void maxTokensIsAPartialAnswer() {
    GeminiAnswer a = parse(FakeGeminiServer.maxTokens("cut he")).answerOrThrow();
    assertThat(a.truncated()).isTrue();
    assertThat(a.text()).isEqualTo("cut he");
  }

  @Test
  void blockedPromptHasTheCategory() {
    GeminiResponse r = parse(FakeGeminiServer.promptBlocked("SAFETY", "HARM_CATEGORY_HARASSMENT"));
    assertThat(r.failure().kind()).isEqualTo(Kind.BLOCKED);
    assertThat(r.failure().category()).contains("harassment");
    assertThat(r.usage().prompt()).isEqualTo(12); // tokens still count
  }

  @Test
  void blockedPromptWithoutRatingsHasNoCategoryButOtherReasonsAreNamed() {
    assertThat(parse(FakeGeminiServer.promptBlocked("SAFETY", null)).failure().category())
        .isEmpty();
    assertThat(
            parse(FakeGeminiServer.promptBlocked("PROHIBITED_CONTENT", null)).failure().category())
        .contains("prohibited content");
  }

  @Test
  void blockingFinishReasonsAreBlocks() {
    for (String reason : new String[] {"SAFETY", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII"}) {
      GeminiResponse r =
          parse(
              "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"partial\"}]},\"finishReason\":\""
                  + reason
                  + "\"}]}");
      assertThat(r.failure().kind()).as(reason).isEqualTo(Kind.BLOCKED);
    }
    assertThat(
            parse(FakeGeminiServer.answerBlocked("HARM_CATEGORY_DANGEROUS_CONTENT"))
                .failure()
                .category())
        .contains("dangerous content");
  }

  @Test
  void anEmptyAnswerIsAnError() {
    assertThat(
            parse(
                    "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"  \"}]},\"finishReason\":\"STOP\"}]}")
                .failure()
                .kind())
        .isEqualTo(Kind.MALFORMED);
    assertThat(
            parse(
                    "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\",\"thought\":true}]},\"finishReason\":\"MAX_TOKENS\"}]}")
                .failure()
                .getMessage())
        .contains("MAX_TOKENS");
    assertThat(parse("{\"candidates\":[{\"finishReason\":\"RECITATION\"}]}").failure().kind())
        .isEqualTo(Kind.BLOCKED);
    assertThat(parse(FakeGeminiServer.noCandidates()).failure().kind()).isEqualTo(Kind.MALFORMED);
    assertThat(parse("{}").failure().kind()).isEqualTo(Kind.MALFORMED);
  }

  @Test
  void notJsonIsMalformed() {
    GeminiResponse r = parse(FakeGeminiServer.malformed());
    assertThat(r.failure().kind()).isEqualTo(Kind.MALFORMED);
    assertThat(parse("[1,2]").failure().kind()).isEqualTo(Kind.MALFORMED);
    assertThat(parse("").failure().kind()).isEqualTo(Kind.MALFORMED);
    assertThatThrownBy(r::answerOrThrow).isSameAs(r.failure());
  }
}
