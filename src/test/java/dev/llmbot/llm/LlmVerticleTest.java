package dev.llmbot.llm;

import static dev.llmbot.llm.GeminiTestSupport.KEY;
import static dev.llmbot.llm.GeminiTestSupport.await;
import static dev.llmbot.llm.GeminiTestSupport.failure;
import static dev.llmbot.llm.GeminiTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.BotException;
import dev.llmbot.bus.BusErrors;
import dev.llmbot.bus.FailureCode;
import dev.llmbot.bus.LlmRequest;
import dev.llmbot.bus.LlmResult;
import dev.llmbot.bus.LlmStatus;
import dev.llmbot.bus.LocalRecordCodec;
import dev.llmbot.bus.QuotaRelease;
import dev.llmbot.bus.StatusQuery;
import dev.llmbot.bus.UserTexts;
import dev.llmbot.core.BotServices;
import dev.llmbot.core.Readiness;
import dev.llmbot.testing.FakeGeminiServer;
import dev.llmbot.testing.TestConfigs;
import dev.llmbot.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The LLM stage over the bus: cache in front of Gemini or offline, status and readiness. */
@ExtendWith(VertxExtension.class)
class LlmVerticleTest {
  @TempDir Path dir;

  private Vertx vertx;
  private FakeGeminiServer fake;
  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;
  private BotServices services;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    LocalRecordCodec.install(vertx.eventBus());
    fake = await(FakeGeminiServer.start(vertx));
  }

  @AfterEach
  void tearDown() throws Exception {
    await(fake.close());
  }

  private void deploy(boolean withKey, Map<String, String> extra) throws Exception {
    Map<String, String> env = new HashMap<>(extra);
    env.put("GEMINI_BASE_URL", fake.baseUrl());
    env.put("BOT_GEMINI_RETRY_BASE_MILLIS", "1");
    if (withKey) {
      env.put("GEMINI_API_KEY", KEY);
    }
    services = TestServices.of(TestConfigs.with(dir, env));
    await(vertx.deployVerticle(new LlmVerticle(services, ticker)));
  }

  private Future<LlmResult> generate(LlmRequest r) {
    return vertx
        .eventBus()
        .<LlmResult>request(Addresses.LLM_GENERATE, r, new DeliveryOptions().setSendTimeout(20_000))
        .map(Message::body);
  }

  private LlmStatus status() throws Exception {
    return await(
        vertx
            .eventBus()
            .<LlmStatus>request(Addresses.LLM_STATUS, new StatusQuery(1L))
            .map(Message::body));
  }

  @Test
  void aRepeatedRequestIsACacheHitThatCallsNoApi() throws Exception {
    deploy(true, Map.of());
    fake.then(FakeGeminiServer.ok("cached answer"));

    LlmResult first = await(generate(request()));
    LlmResult second = await(generate(request()));

    assertThat(first).isEqualTo(new LlmResult("cached answer", false, false, true));
    assertThat(second).isEqualTo(new LlmResult("cached answer", false, true, false));
    assertThat(fake.calls()).isEqualTo(1);
    assertThat(status()).isEqualTo(new LlmStatus("gemini", "gemini-2.5-flash", 0.5, false));
  }

  @Test
  void afterTheTtlTheModelIsCalledAgain() throws Exception {
    deploy(true, Map.of());
    await(generate(request()));
    // The cache stamps the entry when the call completes, in the same event-loop task that
    // replied; a round trip to the verticle makes sure that task has finished.
    status();

    nanos.addAndGet(Duration.ofMinutes(5).plusSeconds(1).toNanos());
    LlmResult later = await(generate(request()));

    assertThat(later.apiCalled()).isTrue();
    assertThat(fake.calls()).isEqualTo(2);
  }

  @Test
  void uncacheableRequestsAndADisabledCacheAlwaysCall() throws Exception {
    deploy(true, Map.of("BOT_CACHE_ENABLED", "false"));
    LlmRequest r = request();
    LlmRequest uncacheable =
        new LlmRequest(
            r.requestId(), r.persona(), r.systemInstruction(), r.contents(), false, r.userName());

    await(generate(uncacheable));
    await(generate(r));
    await(generate(r));

    assertThat(fake.calls()).isEqualTo(3);
  }

  @Test
  void fiftyIdenticalConcurrentRequestsMakeOneCall() throws Exception {
    deploy(true, Map.of());
    Promise<Void> gate = Promise.promise();
    fake.then(FakeGeminiServer.gated(gate.future(), FakeGeminiServer.ok("one for all")));

    List<Future<LlmResult>> replies = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      replies.add(generate(request()));
    }
    status(); // every request before it has reached the cache
    gate.complete();

    List<LlmResult> results = new ArrayList<>();
    for (Future<LlmResult> f : replies) {
      results.add(await(f));
    }
    assertThat(fake.calls()).isEqualTo(1);
    assertThat(results).allSatisfy(r -> assertThat(r.text()).isEqualTo("one for all"));
    assertThat(results).filteredOn(LlmResult::apiCalled).hasSize(1);
  }

  @Test
  void failuresArriveAsBusFailuresWithTheUserText() throws Exception {
    deploy(true, Map.of());
    fake.otherwise(FakeGeminiServer.serverError(503));

    BotException e = BusErrors.toBot(failure(generate(request())));

    assertThat(e.code()).isEqualTo(FailureCode.OVERLOADED);
    assertThat(e.userText()).isEqualTo(UserTexts.OVERLOADED);
    assertThat(e.userText()).doesNotContain(KEY);
    assertThat(fake.calls()).isEqualTo(3);
  }

  @Test
  void anOpenCircuitMakesTheBotNotReadyAndStatusSaysSo() throws Exception {
    deploy(true, Map.of("BOT_GEMINI_BREAKER_FAILURES", "3"));
    fake.otherwise(FakeGeminiServer.serverError(500));

    failure(generate(request()));

    assertThat(services.readiness().snapshot()).containsEntry(Readiness.LLM, false);
    assertThat(status().circuitOpen()).isTrue();
  }

  @Test
  void aCallRefusedByTheOpenCircuitGivesItsQuotaSlotBack() throws Exception {
    deploy(true, Map.of("BOT_GEMINI_BREAKER_FAILURES", "3"));
    List<String> released = new java.util.concurrent.CopyOnWriteArrayList<>();
    Promise<Void> releasedOnce = Promise.promise();
    vertx
        .eventBus()
        .<QuotaRelease>localConsumer(
            Addresses.RATELIMIT_RELEASE,
            m -> {
              released.add(m.body().requestId());
              releasedOnce.tryComplete();
            });
    fake.otherwise(FakeGeminiServer.serverError(500));
    LlmRequest r = request();
    failure(generate(r)); // three real calls open the circuit: their slots stay charged
    status();
    assertThat(released).isEmpty();

    BotException refused = BusErrors.toBot(failure(generate(r)));
    await(releasedOnce.future());

    assertThat(refused.code()).isEqualTo(FailureCode.OVERLOADED);
    assertThat(fake.calls()).isEqualTo(3);
    assertThat(released).containsExactly(r.requestId());
  }

  @Test
  void offlineAnswersGoThroughTheSameCache() throws Exception {
    deploy(false, Map.of());

    LlmResult first = await(generate(request()));
    LlmResult second = await(generate(request()));

    assertThat(first.apiCalled()).isFalse();
    assertThat(first.cacheHit()).isFalse();
    assertThat(second.cacheHit()).isTrue();
    assertThat(second.text()).isEqualTo(first.text()).contains("Ada");
    assertThat(fake.calls()).isZero();
    assertThat(status().mode()).isEqualTo("offline");
  }
}
