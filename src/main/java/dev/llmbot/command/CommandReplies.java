package dev.llmbot.command;

import dev.llmbot.bus.Outcome;
import dev.llmbot.bus.Reply;
import dev.llmbot.split.SplitResult;

/** Builds command replies: text split into chunks, with the command's ephemeral flag. */
public final class CommandReplies {
  private CommandReplies() {}

  /** A successful command answer. */
  public static Reply text(String requestId, CommandSpec spec, CommandContext ctx, String text) {
    SplitResult split = ctx.splitter().split(text);
    if (split.chunks().isEmpty()) {
      return Reply.text(requestId, Outcome.COMMAND, "Done.", spec.ephemeral());
    }
    return new Reply(
        requestId, Outcome.COMMAND, split.chunks(), split.attachment(), spec.ephemeral());
  }

  /** A refusal (permissions, guild-only, invalid input), always ephemeral. */
  public static Reply refused(String requestId, String text) {
    return Reply.text(requestId, Outcome.REFUSED, text, true);
  }
}
