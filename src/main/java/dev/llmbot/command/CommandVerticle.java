package dev.llmbot.command;

import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.Outcome;
import dev.llmbot.bus.Reply;
import dev.llmbot.bus.Source;
import dev.llmbot.bus.TriggerKind;
import dev.llmbot.bus.UserTexts;
import dev.llmbot.chat.ChatPipeline;
import dev.llmbot.chat.StageCalls;
import dev.llmbot.core.BotServices;
import dev.llmbot.metrics.BotMeters;
import dev.llmbot.split.MessageSplitter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs slash commands, deployed as a worker verticle with its instance count from config. Consumes
 * {@link Addresses#COMMAND_RUN}: checks guild-only and admin rules first, then runs the handler and
 * answers with a {@link Reply} carrying the command's ephemeral flag. Stateless; state lives with
 * the owners the handlers call over the bus.
 */
public final class CommandVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(CommandVerticle.class);

  private final BotServices services;

  public CommandVerticle(BotServices services) {
    this.services = services;
  }

  @Override
  public Future<?> start() {
    var split = services.config().split();
    CommandContext ctx =
        new CommandContext(
            services,
            new StageCalls(vertx.eventBus()),
            new MessageSplitter(split.maxChars(), split.maxChunks()));
    vertx
        .eventBus()
        .<CommandRequest>localConsumer(
            Addresses.COMMAND_RUN,
            msg -> {
              CommandRequest req = msg.body();
              services.intake().begin();
              boolean forwards =
                  CommandCatalog.find(req.name())
                      .map(CommandHandler::answeredByChatPipeline)
                      .orElse(false);
              // One log line and one latency sample per reply: a reply the chat pipeline made
              // was already recorded there, under the same request id.
              boolean[] recordedByChat = {false};
              run(req, ctx)
                  .onSuccess(r -> recordedByChat[0] = forwards && r.outcome() != Outcome.REFUSED)
                  .recover(
                      err -> Future.succeededFuture(ChatPipeline.errorReply(req.requestId(), err)))
                  .onSuccess(
                      reply -> {
                        if (recordedByChat[0]) {
                          services.intake().end();
                          msg.reply(reply);
                          return;
                        }
                        long nanos = System.nanoTime() - req.receivedNanos();
                        TriggerKind trigger =
                            req.source() == Source.CONSOLE
                                ? TriggerKind.CONSOLE
                                : TriggerKind.SLASH;
                        BotMeters.recordResponse(
                            services.registry(), trigger, reply.outcome(), nanos);
                        LOG.info(
                            "reply id={} trigger={} command={} outcome={} latency_ms={}",
                            req.requestId(),
                            trigger.tag(),
                            req.name(),
                            reply.outcome().tag(),
                            nanos / 1_000_000);
                        services.intake().end();
                        msg.reply(reply);
                      });
            });
    return Future.succeededFuture();
  }

  /** Checks the caller, then runs the handler; never throws. */
  static Future<Reply> run(CommandRequest req, CommandContext ctx) {
    var handler = CommandCatalog.find(req.name());
    if (handler.isEmpty()) {
      return Future.succeededFuture(
          CommandReplies.refused(
              req.requestId(), "Unknown command /" + req.name() + ". Try /help."));
    }
    CommandSpec spec = handler.get().spec();
    if (spec.guildOnly() && !req.inGuild()) {
      return Future.succeededFuture(CommandReplies.refused(req.requestId(), UserTexts.GUILD_ONLY));
    }
    if (spec.adminOnly() && !req.caller().admin()) {
      return Future.succeededFuture(CommandReplies.refused(req.requestId(), UserTexts.ADMIN_ONLY));
    }
    for (OptionSpec o : spec.options()) {
      String v = req.option(o.name());
      if (o.required() && (v == null || v.isBlank())) {
        return Future.succeededFuture(
            CommandReplies.refused(
                req.requestId(), "/" + spec.name() + " needs the option '" + o.name() + "'."));
      }
    }
    try {
      return handler.get().handle(req, ctx);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
