package dev.llmbot.command;

import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.Author;
import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.ContextCommand;
import dev.llmbot.bus.OpAnswer;
import dev.llmbot.bus.Partitioner;
import dev.llmbot.bus.ProfileCommand;
import dev.llmbot.bus.Reply;
import dev.llmbot.bus.UserTexts;
import io.vertx.core.Future;

/**
 * Shared plumbing of the server-context and profile commands: send the operation to the partition
 * that owns the guild or the user, and turn its answer into the command's reply. Stateless.
 */
final class StateCalls {
  private StateCalls() {}

  /** Runs a server-context operation on the owner of {@code command.guildId()}. */
  static Future<Reply> context(
      CommandRequest request, CommandSpec spec, CommandContext ctx, ContextCommand command) {
    int n = ctx.services().config().instances().conversation();
    return ask(
        request,
        spec,
        ctx,
        Addresses.partition(Addresses.CONTEXT_RUN, Partitioner.partition(command.guildId(), n)),
        command);
  }

  /** Runs a profile operation on the owner of {@code command.userId()}. */
  static Future<Reply> profile(
      CommandRequest request, CommandSpec spec, CommandContext ctx, ProfileCommand command) {
    int n = ctx.services().config().instances().conversation();
    return ask(
        request,
        spec,
        ctx,
        Addresses.partition(Addresses.PROFILE_RUN, Partitioner.partition(command.userId(), n)),
        command);
  }

  /** Whether a profile command may act on another user's profile. */
  enum Others {
    /** Anyone may (reading a profile; admin-only commands checked before they get here). */
    ALLOWED,
    /** Only an admin may; anyone may act on their own. */
    ADMIN_ONLY
  }

  /**
   * Runs a profile operation on the user the {@code user} option names (the caller without it): an
   * option that is not a user is refused, and so is another user's profile under {@link
   * Others#ADMIN_ONLY} without admin rights.
   */
  static Future<Reply> targetProfile(
      CommandRequest request,
      CommandSpec spec,
      CommandContext ctx,
      Others others,
      ProfileCommand.Op op,
      String text) {
    Long user = targetUser(request);
    if (user == null) {
      return Future.succeededFuture(notAUser(request));
    }
    if (others == Others.ADMIN_ONLY && user != request.caller().id() && !request.caller().admin()) {
      return Future.succeededFuture(
          CommandReplies.refused(request.requestId(), UserTexts.ADMIN_ONLY));
    }
    return profile(request, spec, ctx, new ProfileCommand(op, user, whose(request, user), text));
  }

  private static Future<Reply> ask(
      CommandRequest request, CommandSpec spec, CommandContext ctx, String address, Object body) {
    return ctx.calls()
        .<OpAnswer>call(address, body, ctx.services().config().chat().stageTimeoutMillis())
        .map(answer -> CommandReplies.text(request.requestId(), spec, ctx, answer.text()));
  }

  /**
   * The user a profile command is about: the {@code user} option if given, else the caller; null
   * when the option is not a user id.
   */
  static Long targetUser(CommandRequest request) {
    String option = request.option("user");
    if (option == null || option.isBlank()) {
      return request.caller().id();
    }
    try {
      return Long.parseLong(option.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** How an answer names a user's profile: "your" for the caller, else a mention's possessive. */
  private static String whose(CommandRequest request, long userId) {
    return userId == request.caller().id() ? "your" : "<@" + userId + ">'s";
  }

  /** How the prompt names a user a moment is about. */
  static String displayName(CommandRequest request, long userId) {
    Author caller = request.caller();
    return userId == caller.id() ? caller.name() : "<@" + userId + ">";
  }

  /** The refusal for an option that is not a user. */
  static Reply notAUser(CommandRequest request) {
    return CommandReplies.refused(
        request.requestId(), "The 'user' option must be a user (a mention, an id or 'me').");
  }
}
