package dev.llmbot.chat;

import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.InboundMessage;
import dev.llmbot.bus.Reply;
import dev.llmbot.command.CommandCatalog;
import dev.llmbot.core.BotServices;
import dev.llmbot.metrics.BotMeters;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stateless chat pipeline instance: consumes {@link Addresses#CHAT_REQUEST} and answers each {@link
 * InboundMessage} with a {@link Reply}. Any number of instances share the address round-robin; each
 * logs one line per reply (trigger, outcome, latency, never content at INFO).
 */
public final class ChatVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ChatVerticle.class);

  private final BotServices services;

  public ChatVerticle(BotServices services) {
    this.services = services;
  }

  @Override
  public Future<?> start() {
    PromptAssembler prompts =
        new PromptAssembler(services.config().roast(), CommandCatalog.promptList());
    ChatPipeline pipeline = new ChatPipeline(services, new StageCalls(vertx.eventBus()), prompts);
    vertx
        .eventBus()
        .<InboundMessage>localConsumer(
            Addresses.CHAT_REQUEST,
            msg -> {
              InboundMessage m = msg.body();
              services.intake().begin();
              pipeline
                  .handle(m)
                  .onComplete(
                      ar -> {
                        Reply reply =
                            ar.succeeded()
                                ? ar.result()
                                : ChatPipeline.errorReply(m.id(), ar.cause());
                        long nanos = System.nanoTime() - m.receivedNanos();
                        BotMeters.recordResponse(
                            services.registry(), m.trigger(), reply.outcome(), nanos);
                        LOG.info(
                            "reply id={} trigger={} outcome={} latency_ms={} chunks={}",
                            m.id(),
                            m.trigger().tag(),
                            reply.outcome().tag(),
                            nanos / 1_000_000,
                            reply.chunks().size());
                        services.intake().end();
                        msg.reply(reply);
                      });
            });
    return Future.succeededFuture();
  }
}
