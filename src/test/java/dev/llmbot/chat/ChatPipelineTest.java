package dev.llmbot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.bus.Ack;
import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.Author;
import dev.llmbot.bus.BotException;
import dev.llmbot.bus.BusErrors;
import dev.llmbot.bus.FailureCode;
import dev.llmbot.bus.History;
import dev.llmbot.bus.InboundMessage;
import dev.llmbot.bus.LlmRequest;
import dev.llmbot.bus.LlmResult;
import dev.llmbot.bus.LocalRecordCodec;
import dev.llmbot.bus.Outcome;
import dev.llmbot.bus.Persona;
import dev.llmbot.bus.QuotaRelease;
import dev.llmbot.bus.RateLimitGrant;
import dev.llmbot.bus.RateLimitRequest;
import dev.llmbot.bus.Reply;
import dev.llmbot.bus.RoastDecision;
import dev.llmbot.bus.Source;
import dev.llmbot.bus.TriggerKind;
import dev.llmbot.config.BotConfig;
import dev.llmbot.testing.TestConfigs;
import dev.llmbot.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline against scripted stage consumers: order, charging, and errors → replies. */
@ExtendWith(VertxExtension.class)
class ChatPipelineTest {
  @TempDir Path dir;

  private final List<String> calls = new CopyOnWriteArrayList<>();
  private BotConfig config;

  @BeforeEach
  void setUp(Vertx vertx) {
    config = TestConfigs.with(dir, Map.of("BOT_CHAT_STAGE_TIMEOUT_MILLIS", "300"));
    LocalRecordCodec.install(vertx.eventBus());
  }

  private static InboundMessage msg(String text) {
    return new InboundMessage(
        "m-1",
        Source.CONSOLE,
        TriggerKind.MENTION,
        10,
        20,
        new Author(7, "ann", false),
        text,
        null,
        System.nanoTime());
  }

  /** Registers well-behaved stages; {@code override} replaces one. */
  private void stages(
      EventBus bus, String failing, Consumer<io.vertx.core.eventbus.Message<Object>> override) {
    register(
        bus,
        Addresses.RATELIMIT_ACQUIRE,
        failing,
        override,
        m -> m.reply(new RateLimitGrant(((RateLimitRequest) m.body()).requestId(), 2)));
    register(
        bus,
        Addresses.ROAST_DECIDE,
        failing,
        override,
        m -> m.reply(new RoastDecision(Persona.HELPFUL, 0.1)));
    register(
        bus,
        Addresses.partition(Addresses.CONVERSATION_HISTORY, 0),
        failing,
        override,
        m -> m.reply(History.empty()));
    register(
        bus,
        Addresses.partition(Addresses.CONVERSATION_HISTORY, 1),
        failing,
        override,
        m -> m.reply(History.empty()));
    register(
        bus,
        Addresses.LLM_GENERATE,
        failing,
        override,
        m ->
            m.reply(
                new LlmResult(
                    "answer to " + ((LlmRequest) m.body()).userText(), false, false, true)));
    register(
        bus,
        Addresses.partition(Addresses.CONVERSATION_RECORD, 0),
        failing,
        override,
        m -> m.reply(new Ack(true)));
    register(
        bus,
        Addresses.partition(Addresses.CONVERSATION_RECORD, 1),
        failing,
        override,
        m -> m.reply(new Ack(true)));
    bus.localConsumer(
        Addresses.RATELIMIT_RELEASE,
        m -> calls.add("release:" + ((QuotaRelease) m.body()).requestId()));
  }

  private void register(
      EventBus bus,
      String address,
      String failing,
      Consumer<io.vertx.core.eventbus.Message<Object>> override,
      Consumer<io.vertx.core.eventbus.Message<Object>> normal) {
    String stage = address.replaceAll("\\.\\d+$", "");
    bus.localConsumer(
        address,
        m -> {
          calls.add(stage);
          if (stage.equals(failing)) {
            override.accept(m);
          } else {
            normal.accept(m);
          }
        });
  }

  private void run(Vertx vertx, VertxTestContext ctx, InboundMessage m, Consumer<Reply> check) {
    ChatPipeline pipeline =
        new ChatPipeline(
            TestServices.of(config),
            new StageCalls(vertx.eventBus()),
            new PromptAssembler(config.roast(), "/help: x"));
    vertx.runOnContext(
        v ->
            pipeline
                .handle(m)
                .onComplete(
                    ctx.succeeding(
                        reply ->
                            vertx.setTimer(
                                50,
                                t ->
                                    ctx.verify(
                                        () -> {
                                          check.accept(reply);
                                          ctx.completeNow();
                                        })))));
  }

  @Test
  void stagesRunInSpecOrderAndTheExchangeIsRecordedAfterTheAnswer(
      Vertx vertx, VertxTestContext ctx) {
    stages(vertx.eventBus(), "", m -> {});
    run(
        vertx,
        ctx,
        msg("hello"),
        reply -> {
          assertThat(reply.outcome()).isEqualTo(Outcome.ANSWERED);
          assertThat(reply.chunks()).containsExactly("answer to hello");
          assertThat(reply.persona())
              .as("the reply records the persona")
              .isEqualTo(Persona.HELPFUL);
          assertThat(calls.get(0)).isEqualTo(Addresses.RATELIMIT_ACQUIRE);
          assertThat(calls.subList(1, 3))
              .containsExactlyInAnyOrder(Addresses.ROAST_DECIDE, Addresses.CONVERSATION_HISTORY);
          assertThat(calls.get(3)).isEqualTo(Addresses.LLM_GENERATE);
          assertThat(calls.get(4)).isEqualTo(Addresses.CONVERSATION_RECORD);
          assertThat(calls).noneMatch(c -> c.startsWith("release:"));
        });
  }

  @Test
  void aRateLimitDenialIsTheReplyAndNothingElseRuns(Vertx vertx, VertxTestContext ctx) {
    stages(
        vertx.eventBus(),
        Addresses.RATELIMIT_ACQUIRE,
        m -> BusErrors.fail(m, new BotException(FailureCode.RATE_LIMITED, "Try again in 9 s.")));
    run(
        vertx,
        ctx,
        msg("hello"),
        reply -> {
          assertThat(reply.outcome()).isEqualTo(Outcome.RATE_LIMITED);
          assertThat(reply.chunks()).containsExactly("Try again in 9 s.");
          assertThat(calls).containsExactly(Addresses.RATELIMIT_ACQUIRE);
        });
  }

  @Test
  void anLlmFailureBecomesItsSpecificTextAndNothingIsRecorded(Vertx vertx, VertxTestContext ctx) {
    stages(
        vertx.eventBus(),
        Addresses.LLM_GENERATE,
        m ->
            BusErrors.fail(m, new BotException(FailureCode.OVERLOADED, "overloaded, try shortly")));
    run(
        vertx,
        ctx,
        msg("hello"),
        reply -> {
          assertThat(reply.outcome()).isEqualTo(Outcome.OVERLOADED);
          assertThat(reply.chunks()).containsExactly("overloaded, try shortly");
          assertThat(calls).doesNotContain(Addresses.CONVERSATION_RECORD);
        });
  }

  @Test
  void aStageThatNeverAnswersBecomesAnInternalErrorWithAReferenceAndReleasesTheQuota(
      Vertx vertx, VertxTestContext ctx) {
    stages(vertx.eventBus(), Addresses.ROAST_DECIDE, m -> {});
    run(
        vertx,
        ctx,
        msg("hello"),
        reply -> {
          assertThat(reply.outcome()).isEqualTo(Outcome.INTERNAL_ERROR);
          assertThat(reply.chunks().get(0))
              .matches("Something went wrong on my side\\. \\(reference [0-9a-f]+\\)");
          assertThat(calls).doesNotContain(Addresses.LLM_GENERATE).contains("release:m-1");
        });
  }

  @Test
  void aCacheHitReleasesTheGlobalSlot(Vertx vertx, VertxTestContext ctx) {
    stages(
        vertx.eventBus(),
        Addresses.LLM_GENERATE,
        m -> m.reply(new LlmResult("cached", false, true, false)));
    run(
        vertx,
        ctx,
        msg("hello"),
        reply -> {
          assertThat(reply.chunks()).containsExactly("cached");
          assertThat(calls).contains("release:m-1");
        });
  }

  @Test
  void aTruncatedAnswerCarriesTheNote(Vertx vertx, VertxTestContext ctx) {
    stages(
        vertx.eventBus(),
        Addresses.LLM_GENERATE,
        m -> m.reply(new LlmResult("partial", true, false, true)));
    run(
        vertx,
        ctx,
        msg("hello"),
        reply -> {
          assertThat(reply.outcome()).isEqualTo(Outcome.TRUNCATED);
          assertThat(String.join("", reply.chunks())).startsWith("partial").contains("cut off");
        });
  }

  @Test
  void anEmptyPromptGetsTheHintWithoutChargingAnything(Vertx vertx, VertxTestContext ctx) {
    stages(vertx.eventBus(), "", m -> {});
    run(
        vertx,
        ctx,
        msg("   "),
        reply -> {
          assertThat(reply.outcome()).isEqualTo(Outcome.HINT);
          assertThat(calls).isEmpty();
        });
  }

  @Test
  void aMessageOverTheLimitIsRefusedClearly(Vertx vertx, VertxTestContext ctx) {
    stages(vertx.eventBus(), "", m -> {});
    run(
        vertx,
        ctx,
        msg("x".repeat(4001)),
        reply -> {
          assertThat(reply.outcome()).isEqualTo(Outcome.TOO_LONG);
          assertThat(reply.chunks().get(0)).contains("4001").contains("4000");
          assertThat(calls).isEmpty();
        });
  }

  @Test
  void aLongAnswerIsSplitIntoDiscordSizedChunks(Vertx vertx, VertxTestContext ctx) {
    String longText = ("word ".repeat(399) + "end.\n\n").repeat(3);
    stages(
        vertx.eventBus(),
        Addresses.LLM_GENERATE,
        m -> m.reply(new LlmResult(longText, false, false, true)));
    run(
        vertx,
        ctx,
        msg("hello"),
        reply -> {
          assertThat(reply.chunks())
              .hasSizeGreaterThan(1)
              .allMatch(c -> c.length() <= 2000 && !c.isBlank());
        });
  }
}
