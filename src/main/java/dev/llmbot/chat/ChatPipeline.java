package dev.llmbot.chat;

import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.BotException;
import dev.llmbot.bus.FailureCode;
import dev.llmbot.bus.History;
import dev.llmbot.bus.HistoryRequest;
import dev.llmbot.bus.InboundMessage;
import dev.llmbot.bus.LlmRequest;
import dev.llmbot.bus.LlmResult;
import dev.llmbot.bus.Outcome;
import dev.llmbot.bus.Partitioner;
import dev.llmbot.bus.Persona;
import dev.llmbot.bus.PromptBlock;
import dev.llmbot.bus.PromptBlockRequest;
import dev.llmbot.bus.QuotaRelease;
import dev.llmbot.bus.RateLimitRequest;
import dev.llmbot.bus.RecordExchange;
import dev.llmbot.bus.Reply;
import dev.llmbot.bus.RoastDecision;
import dev.llmbot.bus.RoastRequest;
import dev.llmbot.bus.Turn;
import dev.llmbot.bus.UserTexts;
import dev.llmbot.config.BotConfig;
import dev.llmbot.conversation.ConversationKeys;
import dev.llmbot.core.BotServices;
import dev.llmbot.roast.RoastVerticle;
import dev.llmbot.split.MessageSplitter;
import dev.llmbot.split.SplitResult;
import io.vertx.core.Future;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline of SPEC §3 for one message: rate limit, roast decision, context, LLM (cache inside),
 * memory, split. Every message ends in exactly one {@link Reply}: the answer or a specific error
 * text; this class never lets a failure escape as silence. Stateless: called on a chat verticle's
 * event loop, it keeps no state between messages.
 */
public final class ChatPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(ChatPipeline.class);

  /** Appended when the model stopped at its output limit. */
  public static final String TRUNCATED_NOTE =
      "\n\n*(The answer was cut off at the model's length limit.)*";

  private final BotConfig config;
  private final BotServices services;
  private final StageCalls calls;
  private final PromptAssembler prompts;
  private final MessageSplitter splitter;
  private final long stageTimeout;
  private final long llmTimeout;

  public ChatPipeline(BotServices services, StageCalls calls, PromptAssembler prompts) {
    this.services = services;
    this.config = services.config();
    this.calls = calls;
    this.prompts = prompts;
    this.splitter = new MessageSplitter(config.split().maxChars(), config.split().maxChunks());
    this.stageTimeout = config.chat().stageTimeoutMillis();
    // The LLM stage enforces its own deadline; the bus timeout only guards against a lost reply.
    this.llmTimeout = config.gemini().deadlineSeconds() * 1000L + 5_000L;
  }

  /** Runs the pipeline; the future always succeeds with a reply. */
  public Future<Reply> handle(InboundMessage m) {
    String content = m.content().strip();
    if (content.isEmpty()) {
      return Future.succeededFuture(
          Reply.text(m.id(), Outcome.HINT, UserTexts.EMPTY_PROMPT_HINT, false));
    }
    if (content.length() > config.chat().maxMessageChars()) {
      return Future.succeededFuture(
          Reply.text(
              m.id(),
              Outcome.TOO_LONG,
              "That message is too long for me ("
                  + content.length()
                  + " characters). Please keep it under "
                  + config.chat().maxMessageChars()
                  + ".",
              false));
    }
    boolean[] llmReached = {false};
    return calls
        .call(
            Addresses.RATELIMIT_ACQUIRE,
            new RateLimitRequest(m.id(), m.author().id()),
            stageTimeout)
        .compose(
            grant ->
                answer(m, content, llmReached)
                    .onFailure(
                        err -> {
                          // The slot was charged for an API call that never happened.
                          if (!llmReached[0]) {
                            calls.send(Addresses.RATELIMIT_RELEASE, new QuotaRelease(m.id()));
                          }
                        }))
        .recover(err -> Future.succeededFuture(errorReply(m, err)));
  }

  private Future<Reply> answer(InboundMessage m, String content, boolean[] llmReached) {
    String key =
        ConversationKeys.of(
            config.conversation().scope(), m.guildId(), m.channelId(), m.author().id());
    int partition = Partitioner.partition(key, config.instances().conversation());
    Future<Persona> persona =
        m.forcedPersona() != null
            ? Future.succeededFuture(m.forcedPersona())
            : calls
                .<RoastDecision>call(
                    RoastVerticle.decideAddress(m, config.instances().roast()),
                    new RoastRequest(m),
                    stageTimeout)
                .map(RoastDecision::persona);
    Future<History> history =
        calls.call(
            Addresses.partition(Addresses.CONVERSATION_HISTORY, partition),
            new HistoryRequest(key),
            stageTimeout);
    Future<String> serverBlock =
        m.inGuild()
            ? block(
                Addresses.CONTEXT_BLOCK,
                Partitioner.partition(m.guildId(), config.instances().conversation()),
                m)
            : Future.succeededFuture("");
    Future<String> profileBlock =
        block(
            Addresses.PROFILE_BLOCK,
            Partitioner.partition(m.author().id(), config.instances().conversation()),
            m);
    return Future.all(persona, history, serverBlock, profileBlock)
        .compose(
            all -> {
              LlmRequest request =
                  buildRequest(
                      m,
                      content,
                      persona.result(),
                      history.result(),
                      serverBlock.result(),
                      profileBlock.result());
              llmReached[0] = true;
              return calls.<LlmResult>call(Addresses.LLM_GENERATE, request, llmTimeout);
            })
        .compose(
            result -> {
              if (!result.apiCalled()) {
                calls.send(Addresses.RATELIMIT_RELEASE, new QuotaRelease(m.id()));
              }
              // Memory only after a successful answer; a failed record is logged, not shown.
              calls
                  .call(
                      Addresses.partition(Addresses.CONVERSATION_RECORD, partition),
                      new RecordExchange(key, content, result.text()),
                      stageTimeout)
                  .onFailure(
                      err ->
                          LOG.warn("Could not record exchange {}: {}", m.id(), err.getMessage()));
              String text = result.truncated() ? result.text() + TRUNCATED_NOTE : result.text();
              Reply reply =
                  toReply(m.id(), result.truncated() ? Outcome.TRUNCATED : Outcome.ANSWERED, text);
              // The reply records the persona decided once for this message.
              return Future.succeededFuture(
                  new Reply(
                      reply.requestId(),
                      reply.outcome(),
                      reply.chunks(),
                      reply.attachment(),
                      reply.ephemeral(),
                      persona.result()));
            });
  }

  /**
   * A prompt block (server context or profile) from its owner; a failure only leaves the block out
   * of the prompt, it never fails the message.
   */
  private Future<String> block(String base, int partition, InboundMessage m) {
    return calls
        .<PromptBlock>call(
            Addresses.partition(base, partition),
            new PromptBlockRequest(m.guildId(), m.author().id()),
            stageTimeout)
        .map(PromptBlock::text)
        .recover(
            err -> {
              LOG.warn("No {} for {}: {}", base, m.id(), err.getMessage());
              return Future.succeededFuture("");
            });
  }

  private LlmRequest buildRequest(
      InboundMessage m,
      String content,
      Persona persona,
      History history,
      String serverBlock,
      String profileBlock) {
    List<Turn> contents = new ArrayList<>(history.turns().size() + 2);
    if (!history.summary().isEmpty()) {
      contents.add(Turn.user("(Summary of our earlier conversation: " + history.summary() + ")"));
      contents.add(Turn.model("Understood."));
    }
    contents.addAll(history.turns());
    contents.add(Turn.user(content));
    ZonedDateTime now =
        ZonedDateTime.now(services.clock().withZone(config.roast().zoneFor(m.guildId())));
    String system = prompts.systemInstruction(persona, serverBlock, profileBlock, now);
    return new LlmRequest(m.id(), persona, system, contents, true, m.author().name());
  }

  /** Splits an answer into a reply; an answer that splits to nothing is an error, never silence. */
  public Reply toReply(String requestId, Outcome outcome, String text) {
    SplitResult split = splitter.split(text);
    if (split.chunks().isEmpty()) {
      return errorReply(
          requestId, new BotException(FailureCode.INTERNAL, "The model returned an empty answer."));
    }
    return new Reply(requestId, outcome, split.chunks(), split.attachment(), false);
  }

  private Reply errorReply(InboundMessage m, Throwable err) {
    return errorReply(m.id(), err);
  }

  /** The specific error reply for a failure; internal errors get a reference id that is logged. */
  public static Reply errorReply(String requestId, Throwable err) {
    BotException bot = dev.llmbot.bus.BusErrors.toBot(err);
    String text = bot.userText();
    if (bot.code() == FailureCode.INTERNAL) {
      String ref = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
      LOG.error(
          "Internal error ref={} request={}",
          ref,
          requestId,
          bot.getCause() != null ? bot.getCause() : bot);
      text = text + " (reference " + ref + ")";
    }
    return Reply.text(requestId, bot.code().outcome(), text, false);
  }
}
