package dev.llmbot.discord;

import dev.llmbot.bus.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.entity.message.Message;
import org.javacord.api.entity.message.MessageBuilder;
import org.javacord.api.entity.message.MessageFlag;
import org.javacord.api.entity.message.mention.AllowedMentions;
import org.javacord.api.entity.message.mention.AllowedMentionsBuilder;
import org.javacord.api.interaction.SlashCommandInteraction;
import org.javacord.api.interaction.callback.InteractionFollowupMessageBuilder;
import org.javacord.api.interaction.callback.InteractionOriginalResponseUpdater;

/**
 * Sends a {@link Reply} to Discord with Javacord's asynchronous REST calls, chunk after chunk in
 * order: never blocks, and callers map the returned future back onto their Vert.x context.
 *
 * <p>Every message carries allowed mentions that can ping at most the person being answered: never
 * {@code @everyone}, {@code @here} or a role, whatever the model wrote (SPEC §1, PLATFORM.md
 * §Discord).
 */
public final class DiscordReplies {
  /** The name of the overflow attachment (SPEC §9). */
  public static final String ATTACHMENT_NAME = "reply.md";

  private DiscordReplies() {}

  /** Allowed mentions that let only {@code userId} be pinged (and the replied-to author). */
  public static AllowedMentions onlyUser(long userId) {
    return new AllowedMentionsBuilder()
        .setMentionEveryoneAndHere(false)
        .setMentionRoles(false)
        .setMentionUsers(false)
        .addUser(userId)
        .setMentionRepliedUser(true)
        .build();
  }

  /**
   * Sends the reply into {@code channel}: the first chunk as a Discord reply to {@code
   * replyToMessageId} (kept even if that message was deleted meanwhile), the rest as following
   * messages, the attachment on the last one. Stops at the first failure.
   */
  public static CompletableFuture<Message> sendToChannel(
      TextChannel channel, long replyToMessageId, long authorId, Reply reply) {
    AllowedMentions mentions = onlyUser(authorId);
    List<String> chunks = reply.chunks();
    CompletableFuture<Message> chain =
        message(chunks, 0, reply, mentions).replyTo(replyToMessageId, false).send(channel);
    for (int i = 1; i < chunks.size(); i++) {
      int index = i;
      chain = chain.thenCompose(previous -> message(chunks, index, reply, mentions).send(channel));
    }
    return chain;
  }

  private static MessageBuilder message(
      List<String> chunks, int index, Reply reply, AllowedMentions mentions) {
    MessageBuilder b =
        new MessageBuilder().setContent(chunks.get(index)).setAllowedMentions(mentions);
    if (index == chunks.size() - 1 && reply.hasAttachment()) {
      b.addAttachment(attachmentBytes(reply), ATTACHMENT_NAME);
    }
    return b;
  }

  /**
   * Answers a deferred interaction: the first chunk edits the original response, the rest follow as
   * follow-up messages (ephemeral when {@code ephemeral}), the attachment on the last one.
   */
  public static CompletableFuture<Message> sendToInteraction(
      InteractionOriginalResponseUpdater original,
      SlashCommandInteraction interaction,
      long callerId,
      Reply reply,
      boolean ephemeral) {
    AllowedMentions mentions = onlyUser(callerId);
    List<String> chunks = reply.chunks();
    original.setContent(chunks.get(0)).setAllowedMentions(mentions);
    if (chunks.size() == 1 && reply.hasAttachment()) {
      original.addAttachment(attachmentBytes(reply), ATTACHMENT_NAME);
    }
    CompletableFuture<Message> chain = original.update();
    for (int i = 1; i < chunks.size(); i++) {
      int index = i;
      chain =
          chain.thenCompose(
              previous -> {
                InteractionFollowupMessageBuilder f =
                    interaction
                        .createFollowupMessageBuilder()
                        .setContent(chunks.get(index))
                        .setAllowedMentions(mentions);
                if (ephemeral) {
                  f.setFlags(MessageFlag.EPHEMERAL);
                }
                if (index == chunks.size() - 1 && reply.hasAttachment()) {
                  f.addAttachment(attachmentBytes(reply), ATTACHMENT_NAME);
                }
                return f.send();
              });
    }
    return chain;
  }

  /** An immediate ephemeral answer (refusals before deferring). */
  public static CompletableFuture<?> answerNow(
      SlashCommandInteraction interaction, long callerId, String text) {
    return interaction
        .createImmediateResponder()
        .setContent(text)
        .setAllowedMentions(onlyUser(callerId))
        .setFlags(MessageFlag.EPHEMERAL)
        .respond();
  }

  private static byte[] attachmentBytes(Reply reply) {
    return reply.attachment().getBytes(StandardCharsets.UTF_8);
  }
}
