package dev.llmbot.discord;

import dev.llmbot.bus.TriggerKind;
import java.util.Optional;

/**
 * SPEC §1: which messages the bot answers, and the prompt left after removing its mention. Pure and
 * stateless; called on Javacord's listener threads.
 */
public final class TriggerRules {
  private TriggerRules() {}

  /**
   * Why the bot answers the message, or empty when it must stay silent. Bots (itself included),
   * webhooks and system messages are never answered, so two bots cannot loop. A DM is always
   * answered; in a guild, a reply to one of the bot's messages, or a mention of the bot user.
   */
  public static Optional<TriggerKind> trigger(MessageFacts m, long selfId) {
    if (m.authorIsBot() || m.webhook() || m.system() || m.authorId() == selfId) {
      return Optional.empty();
    }
    if (!m.inGuild()) {
      return Optional.of(TriggerKind.DM);
    }
    if (m.repliedAuthorId() == selfId) {
      return Optional.of(TriggerKind.REPLY);
    }
    if (m.mentionsBot()) {
      return Optional.of(TriggerKind.MENTION);
    }
    return Optional.empty();
  }

  /**
   * The prompt: the text without any mention of the bot user ({@code <@id>} or the legacy {@code
   * <@!id>}), with the whitespace around removed mentions collapsed and the ends trimmed. Other
   * users' and roles' mentions stay, since they may be part of the question.
   */
  public static String stripMention(String content, long selfId) {
    String id = Long.toUnsignedString(selfId);
    String plain = "<@" + id + ">";
    String nick = "<@!" + id + ">";
    StringBuilder out = new StringBuilder(content.length());
    int i = 0;
    while (i < content.length()) {
      if (content.startsWith(plain, i)) {
        i = skipMention(content, i + plain.length(), out);
      } else if (content.startsWith(nick, i)) {
        i = skipMention(content, i + nick.length(), out);
      } else {
        out.append(content.charAt(i));
        i++;
      }
    }
    return out.toString().strip();
  }

  /** Drops the mention and the spaces after it, keeping one space between the words around it. */
  private static int skipMention(String content, int after, StringBuilder out) {
    int j = after;
    while (j < content.length() && (content.charAt(j) == ' ' || content.charAt(j) == '\t')) {
      j++;
    }
    if (out.length() > 0
        && j < content.length()
        && !Character.isWhitespace(out.charAt(out.length() - 1))
        && !Character.isWhitespace(content.charAt(j))) {
      out.append(' ');
    }
    return j;
  }

  /**
   * Whether a guild message looks like one whose content Discord withheld because the Message
   * Content intent is off: empty text with nothing else in it, not addressed to the bot (those
   * carry their content even without the intent).
   */
  public static boolean looksContentless(
      MessageFacts m, long selfId, boolean hasAttachmentsEmbedsOrStickers) {
    return m.inGuild()
        && !m.system()
        && !m.webhook()
        && m.authorId() != selfId
        && m.content().isEmpty()
        && !hasAttachmentsEmbedsOrStickers
        && !m.mentionsBot()
        && m.repliedAuthorId() != selfId;
  }
}
