package dev.llmbot.llm;

import static dev.llmbot.llm.GeminiTestSupport.KEY;
import static dev.llmbot.llm.GeminiTestSupport.await;
import static dev.llmbot.llm.GeminiTestSupport.config;
import static dev.llmbot.llm.GeminiTestSupport.failure;
import static dev.llmbot.llm.GeminiTestSupport.request;
import static dev.llmbot.testing.FakeGeminiServer.answerBlocked;
import static dev.llmbot.testing.FakeGeminiServer.dailyQuota;
import static dev.llmbot.testing.FakeGeminiServer.invalidKey;
import static dev.llmbot.testing.FakeGeminiServer.malformed;
import static dev.llmbot.testing.FakeGeminiServer.maxTokens;
import static dev.llmbot.testing.FakeGeminiServer.modelNotFound;
import static dev.llmbot.testing.FakeGeminiServer.noCandidates;
import static dev.llmbot.testing.FakeGeminiServer.ok;
import static dev.llmbot.testing.FakeGeminiServer.okWithThought;
import static dev.llmbot.testing.FakeGeminiServer.promptBlocked;
import static dev.llmbot.testing.FakeGeminiServer.rateLimited;
import static dev.llmbot.testing.FakeGeminiServer.rateLimitedRetryAfter;
import static dev.llmbot.testing.FakeGeminiServer.serverError;
import static dev.llmbot.testing.FakeGeminiServer.stall;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmbot.bus.BotException;
import dev.llmbot.bus.FailureCode;
import dev.llmbot.bus.UserTexts;
import dev.llmbot.config.GeminiConfig;
import dev.llmbot.llm.GeminiException.Kind;
import dev.llmbot.testing.FakeGeminiServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * The client against {@link FakeGeminiServer}: for every scripted fault, the user-visible outcome
 * and the number of HTTP calls (never more than 3). Retry waits are recorded, not waited.
 */
@ExtendWith(VertxExtension.class)
class GeminiClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

  private Vertx vertx;
  private FakeGeminiServer fake;
  private final List<Long> waits = new CopyOnWriteArrayList<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger llmLogger = (Logger) LoggerFactory.getLogger("dev.llmbot.llm");
  private GeminiClient client;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    fake = await(FakeGeminiServer.start(vertx));
    logs.start();
    root.addAppender(logs);
    llmLogger.setLevel(Level.DEBUG);
  }

  @AfterEach
  void tearDown() throws Exception {
    root.detachAppender(logs);
    llmLogger.setLevel(null);
    if (client != null) {
      client.close();
    }
    await(fake.close());
  }

  /** Default options, but tiny deadlines where a test stalls. */
  private static GeminiClient.Options options(long deadline, long attempt, long breakerReset) {
    return new GeminiClient.Options(deadline, attempt, 3, 1000, 10_000, 5, breakerReset, 4);
  }

  private GeminiClient client(GeminiConfig config, GeminiClient.Options options) {
    GeminiClient.RetryTimer timer =
        millis -> {
          waits.add(millis);
          return Future.succeededFuture();
        };
    client =
        new GeminiClient(
            vertx, config, options, registry, CLOCK, timer, () -> 0.5, System::nanoTime);
    return client;
  }

  private GeminiClient client() {
    return client(config(fake.baseUrl()), options(60_000, 30_000, 30_000));
  }

  private BotException userFailure(Future<?> call) {
    Throwable t = failure(call);
    assertThat(t).isInstanceOf(GeminiException.class);
    return GeminiErrors.toBot((GeminiException) t, CLOCK);
  }

  private Kind kind(Future<?> call) {
    Throwable t = failure(call);
    assertThat(t).isInstanceOf(GeminiException.class);
    return ((GeminiException) t).kind();
  }

  // ------------------------------------------------------------------ request shape

  @Test
  void postsTheSnapshottedBodyWithTheKeyInTheHeader() throws Exception {
    await(client().generate(request()));

    FakeGeminiServer.Recorded sent = fake.requests().get(0);
    assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
    assertThat(sent.apiKey()).isEqualTo(KEY);
    assertThat(sent.contentType()).startsWith("application/json");
    assertThat(sent.body()).isEqualTo(snapshot("request-default.json"));
  }

  @Test
  void thinkingBudgetAndSafetySettingsAreSentWhenConfigured() throws Exception {
    GeminiConfig config =
        config(
            fake.baseUrl(),
            512,
            List.of(
                new GeminiConfig.SafetySetting("HARM_CATEGORY_HARASSMENT", "BLOCK_ONLY_HIGH"),
                new GeminiConfig.SafetySetting(
                    "HARM_CATEGORY_DANGEROUS_CONTENT", "BLOCK_MEDIUM_AND_ABOVE")));
    await(client(config, options(60_000, 30_000, 30_000)).generate(request()));

    assertThat(fake.requests().get(0).body()).isEqualTo(snapshot("request-full.json"));
  }

  // ------------------------------------------------------------------ answers

  @Test
  void thoughtPartsAreDroppedAndTokensCounted() throws Exception {
    fake.then(okWithThought("Let me think about monads...", "A monad wraps a value."));

    GeminiAnswer answer = await(client().generate(request()));

    assertThat(answer.text()).isEqualTo("A monad wraps a value.");
    assertThat(answer.truncated()).isFalse();
    assertThat(fake.calls()).isEqualTo(1);
    assertThat(registry.get("llm.tokens").tag("type", "prompt").counter().count()).isEqualTo(12);
    assertThat(registry.get("llm.tokens").tag("type", "thoughts").counter().count()).isEqualTo(7);
    assertThat(registry.get("llm.api.calls").tag("outcome", "ok").counter().count()).isEqualTo(1);
  }

  @Test
  void maxTokensGivesThePartialTextMarkedTruncated() throws Exception {
    fake.then(maxTokens("The first half of a long answer"));

    GeminiAnswer answer = await(client().generate(request()));

    assertThat(answer.text()).isEqualTo("The first half of a long answer");
    assertThat(answer.truncated()).isTrue();
    assertThat(fake.calls()).isEqualTo(1);
  }

  // ------------------------------------------------------------------ 429

  @Test
  void rateLimitWithRetryInfoWaitsTheServersDelayThenSucceeds() throws Exception {
    fake.then(rateLimited("2s"), ok("after the wait"));

    GeminiAnswer answer = await(client().generate(request()));

    assertThat(answer.text()).isEqualTo("after the wait");
    assertThat(fake.calls()).isEqualTo(2);
    assertThat(waits).containsExactly(2000L);
  }

  @Test
  void rateLimitWithRetryAfterHeaderWaitsThatLong() throws Exception {
    fake.then(rateLimitedRetryAfter(3), ok("fine"));

    assertThat(await(client().generate(request())).text()).isEqualTo("fine");
    assertThat(fake.calls()).isEqualTo(2);
    assertThat(waits).containsExactly(3000L);
  }

  @Test
  void rateLimitLongerThanTheCapFailsAtOnceWithTheWait() {
    fake.then(rateLimited("37s"));

    BotException user = userFailure(client().generate(request()));

    assertThat(user.code()).isEqualTo(FailureCode.RATE_LIMITED);
    assertThat(user.userText()).contains("37 seconds");
    assertThat(fake.calls()).isEqualTo(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void rateLimitedEveryTimeStopsAtThreeCalls() {
    fake.otherwise(rateLimited("1s"));

    BotException user = userFailure(client().generate(request()));

    assertThat(user.code()).isEqualTo(FailureCode.RATE_LIMITED);
    assertThat(fake.calls()).isEqualTo(3);
    assertThat(waits).containsExactly(1000L, 1000L);
  }

  @Test
  void perDayQuotaIsNeverRetried() {
    fake.then(dailyQuota(), ok("too late"));

    BotException user = userFailure(client().generate(request()));

    assertThat(user.code()).isEqualTo(FailureCode.QUOTA_EXHAUSTED);
    // 12:00 UTC on 2026-11-28 is 04:00 in Los Angeles: midnight Pacific is 08:00 UTC, in 20 h.
    assertThat(user.userText())
        .contains("resets at midnight Pacific time (08:00 UTC, in about 20 h 0 min)");
    assertThat(fake.calls()).isEqualTo(1);
  }

  // ------------------------------------------------------------------ 5xx

  @Test
  void error500IsRetriedWithExponentialBackoffUpToThreeCalls() {
    fake.otherwise(serverError(500));

    BotException user = userFailure(client().generate(request()));

    assertThat(user.code()).isEqualTo(FailureCode.OVERLOADED);
    assertThat(user.userText()).isEqualTo(UserTexts.OVERLOADED);
    assertThat(fake.calls()).isEqualTo(3);
    // base 1 s, doubled, plus half of it again times the injected random 0.5
    assertThat(waits).containsExactly(1250L, 2500L);
  }

  @Test
  void error503TwiceThenAnAnswer() throws Exception {
    fake.then(serverError(503), serverError(503), ok("third time lucky"));

    assertThat(await(client().generate(request())).text()).isEqualTo("third time lucky");
    assertThat(fake.calls()).isEqualTo(3);
  }

  @Test
  void error503ManyTimesMakesAtMostThreeCallsAndSaysOverloaded() {
    fake.otherwise(serverError(503));

    assertThat(kind(client().generate(request()))).isEqualTo(Kind.OVERLOADED);
    assertThat(fake.calls()).isEqualTo(3);
  }

  @Test
  void aRefusedConnectionIsRetriedThenReportedOverloaded() throws Exception {
    await(fake.close());
    GeminiClient c = client(config(fake.baseUrl()), options(60_000, 30_000, 30_000));

    BotException user = userFailure(c.generate(request()));

    assertThat(user.code()).isEqualTo(FailureCode.OVERLOADED);
    assertThat(waits).hasSize(2); // three attempts
    fake = await(FakeGeminiServer.start(vertx)); // for tearDown
  }

  // ------------------------------------------------------------------ bad answers

  @Test
  void malformedJsonIsAnInternalErrorWithoutRetry() {
    fake.then(malformed());

    BotException user = userFailure(client().generate(request()));

    assertThat(user.code()).isEqualTo(FailureCode.INTERNAL);
    assertThat(user.userText()).isEqualTo(UserTexts.INTERNAL);
    assertThat(fake.calls()).isEqualTo(1);
  }

  @Test
  void noCandidateIsAnErrorNeverAnEmptyReply() {
    fake.then(noCandidates());

    assertThat(kind(client().generate(request()))).isEqualTo(Kind.MALFORMED);
    assertThat(fake.calls()).isEqualTo(1);
  }

  @Test
  void blockedPromptNamesTheCategory() {
    fake.then(promptBlocked("SAFETY", "HARM_CATEGORY_HARASSMENT"));

    BotException user = userFailure(client().generate(request()));

    assertThat(user.code()).isEqualTo(FailureCode.BLOCKED);
    assertThat(user.userText()).contains("safety filter").contains("harassment");
    assertThat(fake.calls()).isEqualTo(1);
  }

  @Test
  void blockedAnswerNamesTheCategory() {
    fake.then(answerBlocked("HARM_CATEGORY_HATE_SPEECH"));

    BotException user = userFailure(client().generate(request()));

    assertThat(user.code()).isEqualTo(FailureCode.BLOCKED);
    assertThat(user.userText()).contains("hate speech");
    assertThat(fake.calls()).isEqualTo(1);
  }

  // ------------------------------------------------------------------ deadlines

  @Test
  void aStallPastTheDeadlineTimesOut() {
    fake.then(stall());
    GeminiClient c = client(config(fake.baseUrl()), options(300, 300, 30_000));

    BotException user = userFailure(c.generate(request()));

    assertThat(user.code()).isEqualTo(FailureCode.TIMEOUT);
    assertThat(fake.calls()).isEqualTo(1);
  }

  @Test
  void aStalledAttemptIsRetriedWithinTheDeadline() throws Exception {
    fake.then(stall(), ok("second attempt"));
    GeminiClient c = client(config(fake.baseUrl()), options(20_000, 200, 30_000));

    assertThat(await(c.generate(request())).text()).isEqualTo("second attempt");
    assertThat(fake.calls()).isEqualTo(2);
  }

  // ------------------------------------------------------------------ configuration errors

  @Test
  void anInvalidKeyIsAConfigurationErrorWithAnOperatorLine() {
    fake.then(invalidKey());

    BotException user = userFailure(client().generate(request()));

    assertThat(user.code()).isEqualTo(FailureCode.CONFIGURATION);
    assertThat(fake.calls()).isEqualTo(1);
    assertThat(logs.list)
        .filteredOn(e -> e.getLevel() == Level.ERROR)
        .singleElement()
        .satisfies(e -> assertThat(e.getFormattedMessage()).contains("GEMINI_API_KEY"));
  }

  @Test
  void anUnknownModelIsAConfigurationErrorNamingTheSetting() {
    fake.then(modelNotFound());

    BotException user = userFailure(client().generate(request()));

    assertThat(user.code()).isEqualTo(FailureCode.CONFIGURATION);
    assertThat(fake.calls()).isEqualTo(1);
    assertThat(logs.list)
        .filteredOn(e -> e.getLevel() == Level.ERROR)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getFormattedMessage())
                    .contains("gemini.model")
                    .contains("gemini-2.5-flash"));
  }

  // ------------------------------------------------------------------ circuit breaker

  @Test
  void theCircuitOpensAfterFiveFailuresFailsFastThenRecovers() throws Exception {
    fake.otherwise(serverError(503));
    GeminiClient c = client(config(fake.baseUrl()), options(60_000, 30_000, 150));
    Promise<Void> reopened = Promise.promise();
    c.onCircuitChange(
        open -> {
          if (!open) {
            reopened.tryComplete();
          }
        });

    failure(c.generate(request())); // attempts 1-3 fail
    failure(c.generate(request())); // attempts 4-5 fail and open it; no 6th call
    assertThat(fake.calls()).isEqualTo(5);
    assertThat(c.circuitOpen()).isTrue();
    assertThat(registry.get("llm.circuit.open").gauge().value()).isEqualTo(1.0);

    BotException user = userFailure(c.generate(request()));
    assertThat(user.code()).isEqualTo(FailureCode.OVERLOADED);
    assertThat(user.userText()).isEqualTo(UserTexts.OVERLOADED);
    assertThat(fake.calls()).isEqualTo(5); // failed fast, no call

    await(reopened.future()); // half-open after the reset timeout
    fake.otherwise(ok("back again"));
    assertThat(await(c.generate(request())).text()).isEqualTo("back again");
    assertThat(c.circuitState()).isEqualTo(CircuitBreakerState.CLOSED);
    assertThat(fake.calls()).isEqualTo(6);
  }

  @Test
  void answersBlocksAndQuotaErrorsDoNotOpenTheCircuit() throws Exception {
    GeminiClient c = client();
    for (int i = 0; i < 3; i++) {
      fake.then(promptBlocked("SAFETY", null), dailyQuota());
      failure(c.generate(request()));
      failure(c.generate(request()));
    }
    assertThat(c.circuitOpen()).isFalse();

    // Four failures then a success, twice: never five in a row.
    for (int i = 0; i < 2; i++) {
      fake.then(serverError(500), serverError(500), serverError(500), serverError(500), ok("ok"));
      failure(c.generate(request()));
      assertThat(await(c.generate(request())).text()).isEqualTo("ok");
    }
    assertThat(c.circuitOpen()).isFalse();
  }

  // ------------------------------------------------------------------ the key stays secret

  @Test
  void theKeyNeverAppearsInLogsOrErrors() throws Exception {
    FakeGeminiServer.Reply echo =
        FakeGeminiServer.error(
            400,
            "INVALID_ARGUMENT",
            "API key " + KEY + " not valid. Please pass a valid API key.",
            null);
    fake.then(
        invalidKey(),
        echo,
        modelNotFound(),
        malformed(),
        serverError(500),
        serverError(503),
        serverError(504),
        rateLimited("30s"),
        dailyQuota(),
        promptBlocked("SAFETY", null));
    GeminiClient c = client();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 8; i++) {
      errors.add(failure(c.generate(request())));
    }
    await(c.generate(request()));

    assertThat(logs.list).isNotEmpty();
    for (ILoggingEvent e : logs.list) {
      assertThat(e.getFormattedMessage()).doesNotContain(KEY);
      if (e.getThrowableProxy() != null) {
        assertThat(ThrowableProxyUtil.asString(e.getThrowableProxy())).doesNotContain(KEY);
      }
    }
    for (Throwable t : errors) {
      assertThat(t.toString()).doesNotContain(KEY);
      BotException bot = GeminiErrors.toBot((GeminiException) t, CLOCK);
      assertThat(bot.userText()).doesNotContain(KEY);
    }
    assertThat(c.toString()).doesNotContain(KEY);
    assertThat(registry.getMeters().toString()).doesNotContain(KEY);
  }

  private static String snapshot(String name) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(
            GeminiClientTest.class.getResourceAsStream(name), "missing snapshot " + name)) {
      // Snapshots are pretty-printed for review; the wire form is the same JSON, compact.
      return JSON.writeValueAsString(
          JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    }
  }
}
