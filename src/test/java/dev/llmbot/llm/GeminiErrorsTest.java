package dev.llmbot.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.bus.FailureCode;
import dev.llmbot.llm.GeminiException.Kind;
import dev.llmbot.testing.FakeGeminiServer;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The single classification of failures and the user text of each kind. */
class GeminiErrorsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

  private static GeminiException http(int status, String body, String retryAfter) {
    return GeminiErrors.fromHttp(
        status,
        retryAfter,
        body.getBytes(StandardCharsets.UTF_8),
        CLOCK,
        s -> s.replace("SECRET", "<redacted>"));
  }

  private static GeminiException http(FakeGeminiServer.Reply r) {
    return http(r.status(), r.body(), r.headers().get("Retry-After"));
  }

  @Test
  void statusesMapToKinds() {
    assertThat(http(FakeGeminiServer.rateLimited("2s")).kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(http(FakeGeminiServer.dailyQuota()).kind()).isEqualTo(Kind.QUOTA_EXHAUSTED_DAY);
    assertThat(http(FakeGeminiServer.invalidKey()).kind()).isEqualTo(Kind.AUTH);
    assertThat(http(FakeGeminiServer.modelNotFound()).kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(http(FakeGeminiServer.serverError(500)).kind()).isEqualTo(Kind.UPSTREAM);
    assertThat(http(FakeGeminiServer.serverError(503)).kind()).isEqualTo(Kind.OVERLOADED);
    assertThat(http(FakeGeminiServer.serverError(504)).kind()).isEqualTo(Kind.UPSTREAM);
    assertThat(http(401, "", null).kind()).isEqualTo(Kind.AUTH);
    assertThat(http(403, "{\"error\":{\"status\":\"PERMISSION_DENIED\"}}", null).kind())
        .isEqualTo(Kind.AUTH);
    assertThat(http(400, "{\"error\":{\"status\":\"INVALID_ARGUMENT\"}}", null).kind())
        .isEqualTo(Kind.BAD_REQUEST);
    assertThat(http(502, "<html>bad gateway</html>", null).kind()).isEqualTo(Kind.UPSTREAM);
  }

  @Test
  void retryDelaysComeFromRetryInfoOrRetryAfter() {
    assertThat(http(FakeGeminiServer.rateLimited("1.5s")).retryAfter())
        .contains(Duration.ofMillis(1500));
    assertThat(http(FakeGeminiServer.rateLimitedRetryAfter(9)).retryAfter())
        .contains(Duration.ofSeconds(9));
    assertThat(http(429, "", "Sat, 28 Nov 2026 12:00:30 GMT").retryAfter())
        .contains(Duration.ofSeconds(30));
    assertThat(http(429, "", "soon").retryAfter()).isEmpty();
    assertThat(GeminiErrors.protoDuration("37s")).isEqualTo(Duration.ofSeconds(37));
    assertThat(GeminiErrors.protoDuration("37")).isNull();
  }

  @Test
  void networkFailuresAndTimeouts() {
    assertThat(GeminiErrors.fromFailure(new TimeoutException("t"), UnaryOperator.identity()).kind())
        .isEqualTo(Kind.TIMEOUT);
    assertThat(
            GeminiErrors.fromFailure(new ConnectException("refused"), UnaryOperator.identity())
                .kind())
        .isEqualTo(Kind.UPSTREAM);
    GeminiException same = GeminiErrors.malformed("x");
    assertThat(GeminiErrors.fromFailure(same, UnaryOperator.identity())).isSameAs(same);
  }

  @Test
  void upstreamTextIsScrubbed() {
    GeminiException e =
        http(
            400,
            "{\"error\":{\"status\":\"INVALID_ARGUMENT\",\"message\":\"key SECRET bad\"}}",
            null);
    assertThat(e.getMessage()).doesNotContain("SECRET").contains("<redacted>");
  }

  @Test
  void userTextsFollowTheKind() {
    assertThat(GeminiErrors.toBot(http(FakeGeminiServer.rateLimited("3s")), CLOCK).userText())
        .contains("try again in 3 seconds");
    assertThat(GeminiErrors.toBot(http(429, "", null), CLOCK).userText()).contains("in a minute");
    assertThat(GeminiErrors.toBot(GeminiErrors.deadlineExceeded(60_000), CLOCK).code())
        .isEqualTo(FailureCode.TIMEOUT);
    assertThat(GeminiErrors.toBot(GeminiErrors.circuitOpen(), CLOCK).code())
        .isEqualTo(FailureCode.OVERLOADED);
    assertThat(GeminiErrors.toBot(GeminiErrors.blocked("SAFETY", null), CLOCK).userText())
        .isEqualTo("That was blocked by the model's safety filter. Try rephrasing it.");
    for (var r :
        new FakeGeminiServer.Reply[] {
          FakeGeminiServer.invalidKey(), FakeGeminiServer.modelNotFound()
        }) {
      assertThat(GeminiErrors.toBot(http(r), CLOCK).code()).isEqualTo(FailureCode.CONFIGURATION);
    }
  }

  @Test
  void dailyQuotaTextGivesTheResetTime() {
    // 23:30 in Los Angeles (PST, UTC-8) is 07:30 UTC: 30 minutes to go.
    assertThat(GeminiErrors.dailyQuotaText(Instant.parse("2026-11-29T07:30:00Z")))
        .contains("08:00 UTC, in about 30 min");
  }

  @Test
  void operatorHintsOnlyForConfigurationErrors() {
    assertThat(GeminiErrors.operatorHint(http(FakeGeminiServer.invalidKey()), "m"))
        .hasValueSatisfying(h -> assertThat(h).contains("GEMINI_API_KEY"));
    assertThat(GeminiErrors.operatorHint(http(FakeGeminiServer.modelNotFound()), "nope"))
        .hasValueSatisfying(h -> assertThat(h).contains("'nope'").contains("gemini.model"));
    assertThat(
            GeminiErrors.operatorHint(
                http(400, "{\"error\":{\"status\":\"FAILED_PRECONDITION\"}}", null), "m"))
        .hasValueSatisfying(h -> assertThat(h).contains("billing"));
    assertThat(GeminiErrors.operatorHint(http(FakeGeminiServer.serverError(500)), "m")).isEmpty();
  }
}
