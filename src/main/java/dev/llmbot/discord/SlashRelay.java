package dev.llmbot.discord;

import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.Author;
import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.InboundMessage;
import dev.llmbot.bus.Outcome;
import dev.llmbot.bus.Reply;
import dev.llmbot.bus.Source;
import dev.llmbot.bus.TriggerKind;
import dev.llmbot.bus.UserTexts;
import dev.llmbot.command.CommandSpec;
import dev.llmbot.core.BotServices;
import dev.llmbot.metrics.BotMeters;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;
import org.javacord.api.event.interaction.SlashCommandCreateEvent;
import org.javacord.api.interaction.SlashCommandInteraction;
import org.javacord.api.interaction.SlashCommandInteractionOption;
import org.javacord.api.interaction.callback.InteractionOriginalResponseUpdater;
import org.javacord.api.listener.interaction.SlashCommandCreateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slash commands in (SPEC §2). On Javacord's listener thread it checks the guild-only and admin
 * rules and answers a refusal at once (ephemeral); otherwise it defers right there (ephemeral where
 * the command is), long before Discord's 3 s limit, and hands the request to the verticle's event
 * loop. There the command runs over the bus (/chat straight to the chat pipeline, the rest to the
 * command verticles); the answer edits the original response and long ones continue as follow-ups.
 */
final class SlashRelay implements SlashCommandCreateListener {
  private static final Logger LOG = LoggerFactory.getLogger(SlashRelay.class);

  /** Sent while shutting down, so the user does not see "The application did not respond". */
  static final String SHUTTING_DOWN = "I'm restarting right now. Please try again in a moment.";

  private final Vertx vertx;
  private final Context context;
  private final BotServices services;
  private final long replyTimeoutMillis;
  private final Map<String, CommandSpec> commands;

  SlashRelay(Vertx vertx, Context context, BotServices services, List<CommandSpec> commands) {
    this.vertx = vertx;
    this.context = context;
    this.services = services;
    Map<String, CommandSpec> byName = new LinkedHashMap<>();
    for (CommandSpec c : commands) {
      byName.put(c.name(), c);
    }
    this.commands = Map.copyOf(byName);
    this.replyTimeoutMillis = services.config().gemini().deadlineSeconds() * 1000L + 30_000L;
  }

  @Override
  public void onSlashCommandCreate(SlashCommandCreateEvent event) {
    long received = System.nanoTime();
    SlashCommandInteraction interaction = event.getSlashCommandInteraction();
    User user = interaction.getUser();
    long channelId = interaction.getChannel().map(c -> c.getId()).orElse(0L);
    String name = interaction.getCommandName();
    if (!services.intake().open()) {
      refuse(interaction, user.getId(), channelId, SHUTTING_DOWN, received);
      return;
    }
    Optional<CommandSpec> spec = Optional.ofNullable(commands.get(name));
    if (spec.isEmpty()) {
      refuse(
          interaction,
          user.getId(),
          channelId,
          "Unknown command /" + name + ". Try /help.",
          received);
      return;
    }
    Optional<Server> server = interaction.getServer();
    boolean admin = server.map(s -> s.isAdmin(user) || s.canManage(user)).orElse(false);
    if (spec.get().guildOnly() && server.isEmpty()) {
      refuse(interaction, user.getId(), channelId, UserTexts.GUILD_ONLY, received);
      return;
    }
    if (spec.get().adminOnly() && !admin) {
      refuse(interaction, user.getId(), channelId, UserTexts.ADMIN_ONLY, received);
      return;
    }
    boolean ephemeral = spec.get().ephemeral();
    CompletableFuture<InteractionOriginalResponseUpdater> deferred =
        interaction.respondLater(ephemeral);
    Map<String, String> options = new LinkedHashMap<>();
    for (SlashCommandInteractionOption o : interaction.getArguments()) {
      o.getStringRepresentationValue().ifPresent(v -> options.put(o.getName(), v));
    }
    Author caller =
        new Author(user.getId(), server.map(user::getDisplayName).orElseGet(user::getName), admin);
    long guildId = server.map(Server::getId).orElse(0L);
    String id = Long.toUnsignedString(interaction.getId());
    Object request;
    String address;
    if (name.equals("chat")) {
      address = Addresses.CHAT_REQUEST;
      request =
          new InboundMessage(
              id,
              Source.DISCORD,
              TriggerKind.SLASH,
              guildId,
              channelId,
              caller,
              options.getOrDefault("message", ""),
              null,
              received);
    } else {
      address = Addresses.COMMAND_RUN;
      request =
          new CommandRequest(
              id, Source.DISCORD, name, options, guildId, channelId, caller, received);
    }
    context.runOnContext(
        v -> run(interaction, deferred, address, request, id, channelId, user.getId(), ephemeral));
  }

  private void run(
      SlashCommandInteraction interaction,
      CompletableFuture<InteractionOriginalResponseUpdater> deferred,
      String address,
      Object request,
      String id,
      long channelId,
      long callerId,
      boolean ephemeral) {
    Future<Reply> reply =
        vertx
            .eventBus()
            .<Reply>request(
                address, request, new DeliveryOptions().setSendTimeout(replyTimeoutMillis))
            .map(m -> m.body())
            .recover(err -> Future.succeededFuture(MessageRelay.errorReply(id, err)));
    Future<InteractionOriginalResponseUpdater> original =
        Future.fromCompletionStage(deferred, context)
            .onFailure(
                err ->
                    LOG.warn(
                        "Could not defer /{} id={} in channel {}: {}",
                        interaction.getCommandName(),
                        id,
                        Long.toUnsignedString(channelId),
                        DiscordFailures.describe(err)));
    Future.all(original, reply)
        .compose(
            all ->
                Future.fromCompletionStage(
                    DiscordReplies.sendToInteraction(
                        original.result(),
                        interaction,
                        callerId,
                        reply.result(),
                        ephemeral || reply.result().ephemeral()),
                    context))
        .onFailure(
            err -> {
              if (original.succeeded()) {
                LOG.warn(
                    "Could not answer /{} id={} in channel {}: {}",
                    interaction.getCommandName(),
                    id,
                    Long.toUnsignedString(channelId),
                    DiscordFailures.describe(err));
              }
            });
  }

  /**
   * Answers a refusal at once (ephemeral). It never reaches the bus, so the reply's log line and
   * response metric are written here.
   */
  private void refuse(
      SlashCommandInteraction interaction,
      long callerId,
      long channelId,
      String text,
      long receivedNanos) {
    long nanos = System.nanoTime() - receivedNanos;
    BotMeters.recordResponse(services.registry(), TriggerKind.SLASH, Outcome.REFUSED, nanos);
    LOG.info(
        "reply id={} trigger={} command={} outcome={} latency_ms={}",
        Long.toUnsignedString(interaction.getId()),
        TriggerKind.SLASH.tag(),
        interaction.getCommandName(),
        Outcome.REFUSED.tag(),
        nanos / 1_000_000);
    DiscordReplies.answerNow(interaction, callerId, text)
        .exceptionally(
            err -> {
              LOG.warn(
                  "Could not answer /{} in channel {}: {}",
                  interaction.getCommandName(),
                  Long.toUnsignedString(channelId),
                  DiscordFailures.describe(err));
              return null;
            });
  }
}
