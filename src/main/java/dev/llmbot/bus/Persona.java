package dev.llmbot.bus;

/** Which persona answers a message (SPEC §4). */
public enum Persona {
  ROAST,
  HELPFUL;

  /** The lower-case tag value used in metrics and logs. */
  public String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
