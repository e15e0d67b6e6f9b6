package dev.llmbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.Author;
import dev.llmbot.bus.ContextCommand;
import dev.llmbot.bus.History;
import dev.llmbot.bus.HistoryRequest;
import dev.llmbot.bus.InboundMessage;
import dev.llmbot.bus.LlmRequest;
import dev.llmbot.bus.LlmResult;
import dev.llmbot.bus.LocalRecordCodec;
import dev.llmbot.bus.Persona;
import dev.llmbot.bus.ProfileCommand;
import dev.llmbot.bus.RateLimitGrant;
import dev.llmbot.bus.RateLimitRequest;
import dev.llmbot.bus.Reply;
import dev.llmbot.bus.RoastDecision;
import dev.llmbot.bus.Source;
import dev.llmbot.bus.TriggerKind;
import dev.llmbot.bus.Turn;
import dev.llmbot.chat.ChatPipeline;
import dev.llmbot.chat.PromptAssembler;
import dev.llmbot.chat.StageCalls;
import dev.llmbot.config.BotConfig;
import dev.llmbot.core.BotServices;
import dev.llmbot.testing.TestConfigs;
import dev.llmbot.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chat pipeline puts the server context, the profile and the history into the prompt. */
class PromptBlocksTest {
  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final List<LlmRequest> requests = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static InboundMessage msg(String id, String text) {
    return new InboundMessage(
        id,
        Source.CONSOLE,
        TriggerKind.MENTION,
        77,
        5,
        new Author(42, "ann", false),
        text,
        null,
        System.nanoTime());
  }

  @Test
  void theSystemInstructionCarriesTheServerBlockAndTheProfileAndContentsTheHistory()
      throws Exception {
    BotConfig config = TestConfigs.with(dir, Map.of("BOT_INSTANCES_CONVERSATION", "1"));
    BotServices services = TestServices.of(config);
    LocalRecordCodec.install(vertx.eventBus());
    await(vertx.deployVerticle(new ConversationVerticle(services, 0)));
    await(vertx.deployVerticle(new ContextVerticle(services, 0)));
    var bus = vertx.eventBus();
    bus.<RateLimitRequest>localConsumer(
        Addresses.RATELIMIT_ACQUIRE, m -> m.reply(new RateLimitGrant(m.body().requestId(), 2)));
    bus.localConsumer(Addresses.RATELIMIT_RELEASE, m -> {});
    bus.localConsumer(
        Addresses.ROAST_DECIDE, m -> m.reply(new RoastDecision(Persona.HELPFUL, 0.0)));
    bus.<LlmRequest>localConsumer(
        Addresses.LLM_GENERATE,
        m -> {
          requests.add(m.body());
          m.reply(new LlmResult("reply " + requests.size(), false, false, true));
        });
    String context0 = Addresses.partition(Addresses.CONTEXT_RUN, 0);
    await(
        bus.request(
            context0,
            new ContextCommand(ContextCommand.Op.REMEMBER, 77, 42, "ann", "ann likes tea")));
    await(
        bus.request(
            context0,
            new ContextCommand(ContextCommand.Op.ADD_GAG, 77, 0, "", "the printer is haunted")));
    await(
        bus.request(
            Addresses.partition(Addresses.PROFILE_RUN, 0),
            new ProfileCommand(ProfileCommand.Op.ADD, 42, "your", "enjoys puns")));

    ChatPipeline pipeline =
        new ChatPipeline(
            services, new StageCalls(bus), new PromptAssembler(config.roast(), "/help: x"));
    Reply first = run(pipeline, msg("m1", "hi"));
    assertThat(first.chunks()).containsExactly("reply 1");
    // The exchange is recorded after the reply goes out: wait until the conversation has it.
    String key = ConversationKeys.of("channel-user", 77, 5, 42);
    for (int i = 0; i < 200; i++) {
      History h =
          await(
                  bus.<History>request(
                      Addresses.partition(Addresses.CONVERSATION_HISTORY, 0),
                      new HistoryRequest(key)))
              .body();
      if (h.turns().size() == 2) {
        break;
      }
      await(vertx.timer(10));
    }
    run(pipeline, msg("m2", "again"));

    String system = requests.get(0).systemInstruction();
    assertThat(system)
        .contains(
            "What this server has told you:\n- About ann: ann likes tea\n"
                + "- Running gag: the printer is haunted")
        .contains("About the person you are talking to:\n- enjoys puns");
    assertThat(requests.get(1).contents())
        .containsExactly(Turn.user("hi"), Turn.model("reply 1"), Turn.user("again"));
    var registry = services.registry();
    assertThat(registry.get("bot.conversations.partition.active").gauge().value()).isEqualTo(1.0);
    assertThat(registry.get("bot.context.chars").gauge().value())
        .isEqualTo(("ann likes tea" + "the printer is haunted").length());
    assertThat(registry.get("bot.profiles.users").gauge().value()).isEqualTo(1.0);
  }

  private Reply run(ChatPipeline pipeline, InboundMessage m) throws Exception {
    Promise<Reply> p = Promise.promise();
    vertx.runOnContext(v -> pipeline.handle(m).onComplete(p));
    return await(p.future());
  }
}
