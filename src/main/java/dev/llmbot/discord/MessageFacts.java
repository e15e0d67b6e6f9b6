package dev.llmbot.discord;

/**
 * What the trigger rules need to know about one incoming Discord message, copied out of Javacord's
 * entities on the listener thread so that the rules stay pure and testable.
 *
 * @param authorId the author's user (or webhook) id
 * @param authorIsBot whether the author is a bot account (the bot itself included)
 * @param webhook whether a webhook sent it
 * @param system whether it is a system message (anything but a normal message or a reply)
 * @param inGuild whether it was sent in a guild channel (false: a DM)
 * @param mentionsBot whether the bot user itself is among the mentioned users (a role mention,
 *     {@code @everyone} or {@code @here} does not set this)
 * @param repliedAuthorId the author of the message it replies to, or 0 when it is no reply or the
 *     referenced message is unknown
 * @param content the raw text, never null
 */
public record MessageFacts(
    long authorId,
    boolean authorIsBot,
    boolean webhook,
    boolean system,
    boolean inGuild,
    boolean mentionsBot,
    long repliedAuthorId,
    String content) {

  public MessageFacts {
    content = content == null ? "" : content;
  }
}
