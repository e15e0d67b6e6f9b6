package dev.llmbot.bus;

/** Why the bot is answering a message (SPEC §1). Used as a low-cardinality metric tag. */
public enum TriggerKind {
  /** A guild message that mentions the bot user. */
  MENTION,
  /** A reply to one of the bot's own messages. */
  REPLY,
  /** A direct message. */
  DM,
  /** A slash command such as /chat. */
  SLASH,
  /** A line typed in console mode. */
  CONSOLE;

  /** The lower-case tag value used in metrics and logs. */
  public String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
