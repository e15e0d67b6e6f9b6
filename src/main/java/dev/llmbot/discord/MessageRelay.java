package dev.llmbot.discord;

import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.Author;
import dev.llmbot.bus.BotException;
import dev.llmbot.bus.BusErrors;
import dev.llmbot.bus.InboundMessage;
import dev.llmbot.bus.Reply;
import dev.llmbot.bus.Source;
import dev.llmbot.bus.TriggerKind;
import dev.llmbot.core.BotServices;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.entity.message.Message;
import org.javacord.api.entity.message.MessageAuthor;
import org.javacord.api.entity.message.MessageType;
import org.javacord.api.entity.server.Server;
import org.javacord.api.event.message.MessageCreateEvent;
import org.javacord.api.listener.message.MessageCreateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guild and direct messages in, replies out (SPEC §1).
 *
 * <p>{@link #onMessageCreate} runs on Javacord's listener threads: it only reads Javacord's cache,
 * applies {@link TriggerRules} and hands the message to the verticle's context at once. Everything
 * after that (bus request, typing timer, sending) runs on that one event loop and never blocks:
 * Javacord's REST calls return futures that are mapped back onto the context.
 */
final class MessageRelay implements MessageCreateListener {
  private static final Logger LOG = LoggerFactory.getLogger(MessageRelay.class);

  private final Vertx vertx;
  private final Context context;
  private final BotServices services;
  private final long typingIntervalMillis;
  private final long replyTimeoutMillis;
  private final AtomicBoolean contentWarned = new AtomicBoolean();

  MessageRelay(Vertx vertx, Context context, BotServices services) {
    this.vertx = vertx;
    this.context = context;
    this.services = services;
    this.typingIntervalMillis = services.config().discord().typingIntervalSeconds() * 1000L;
    // The pipeline always answers; this only guards against a reply lost on the bus.
    this.replyTimeoutMillis = services.config().gemini().deadlineSeconds() * 1000L + 30_000L;
  }

  @Override
  public void onMessageCreate(MessageCreateEvent event) {
    long received = System.nanoTime();
    Message message = event.getMessage();
    long self = event.getApi().getYourself().getId();
    MessageFacts facts = facts(message, self);
    if (TriggerRules.looksContentless(facts, self, hasNonText(message))) {
      warnContentIntent();
    }
    Optional<TriggerKind> trigger = TriggerRules.trigger(facts, self);
    if (trigger.isEmpty() || !services.intake().open()) {
      return;
    }
    Optional<Server> server = message.getServer();
    MessageAuthor author = message.getAuthor();
    boolean admin =
        server.flatMap(s -> author.asUser().map(u -> s.isAdmin(u) || s.canManage(u))).orElse(false);
    InboundMessage inbound =
        new InboundMessage(
            Long.toUnsignedString(message.getId()),
            Source.DISCORD,
            trigger.get(),
            server.map(Server::getId).orElse(0L),
            message.getChannel().getId(),
            new Author(author.getId(), author.getDisplayName(), admin),
            TriggerRules.stripMention(facts.content(), self),
            null,
            received);
    TextChannel channel = message.getChannel();
    long messageId = message.getId();
    context.runOnContext(v -> relay(inbound, channel, messageId));
  }

  /** On the verticle's event loop: ask the pipeline, keep typing, send the answer. */
  private void relay(InboundMessage inbound, TextChannel channel, long messageId) {
    Typing typing = Typing.start(vertx, channel, typingIntervalMillis);
    vertx
        .eventBus()
        .<Reply>request(
            Addresses.CHAT_REQUEST,
            inbound,
            new DeliveryOptions().setSendTimeout(replyTimeoutMillis))
        .map(m -> m.body())
        .recover(err -> Future.succeededFuture(errorReply(inbound.id(), err)))
        .compose(
            reply -> {
              typing.stop();
              return Future.fromCompletionStage(
                  DiscordReplies.sendToChannel(channel, messageId, inbound.author().id(), reply),
                  context);
            })
        .onComplete(
            ar -> {
              typing.stop();
              if (ar.failed()) {
                LOG.warn(
                    "Could not send reply id={} in channel {}: {}",
                    inbound.id(),
                    Long.toUnsignedString(channel.getId()),
                    DiscordFailures.describe(ar.cause()));
              }
            });
  }

  static Reply errorReply(String requestId, Throwable err) {
    BotException bot = BusErrors.toBot(err);
    return Reply.text(requestId, bot.code().outcome(), bot.userText(), false);
  }

  private void warnContentIntent() {
    if (contentWarned.compareAndSet(false, true)) {
      LOG.warn(
          "Guild messages arrive with empty content: enable the Message Content intent for this"
              + " bot in the Discord developer portal (Bot -> Privileged Gateway Intents -> Message"
              + " Content Intent). Until then only mentions, replies to the bot and DMs carry text.");
    }
  }

  static MessageFacts facts(Message message, long self) {
    MessageAuthor author = message.getAuthor();
    MessageType type = message.getType();
    long repliedAuthor =
        message
            .getReferencedMessage()
            .or(() -> message.getMessageReference().flatMap(ref -> ref.getMessage()))
            .map(m -> m.getAuthor().getId())
            .orElse(0L);
    boolean mentionsBot = message.getMentionedUsers().stream().anyMatch(u -> u.getId() == self);
    return new MessageFacts(
        author.getId(),
        author.isBotUser(),
        author.isWebhook(),
        type != MessageType.NORMAL && type != MessageType.REPLY,
        message.getServer().isPresent(),
        mentionsBot,
        repliedAuthor,
        message.getContent());
  }

  private static boolean hasNonText(Message message) {
    return !message.getAttachments().isEmpty()
        || !message.getEmbeds().isEmpty()
        || !message.getStickerItems().isEmpty()
        || !message.getComponents().isEmpty();
  }

  /** The typing indicator, renewed on a Vert.x timer until stopped. Event-loop confined. */
  static final class Typing {
    private final Vertx vertx;
    private final long timerId;
    private boolean stopped;

    private Typing(Vertx vertx, long timerId) {
      this.vertx = vertx;
      this.timerId = timerId;
    }

    static Typing start(Vertx vertx, TextChannel channel, long intervalMillis) {
      type(channel);
      return new Typing(vertx, vertx.setPeriodic(intervalMillis, id -> type(channel)));
    }

    void stop() {
      if (!stopped) {
        stopped = true;
        vertx.cancelTimer(timerId);
      }
    }

    private static void type(TextChannel channel) {
      channel
          .type()
          .exceptionally(
              err -> {
                LOG.debug(
                    "Typing indicator failed in channel {}: {}",
                    Long.toUnsignedString(channel.getId()),
                    DiscordFailures.describe(err));
                return null;
              });
    }
  }
}
