package dev.llmbot.bus;

/** User-visible texts shared by several stages (SPEC §3). Specific texts live with their stage. */
public final class UserTexts {
  private UserTexts() {}

  /** Base text of an internal error; the pipeline appends a reference id that is also logged. */
  public static final String INTERNAL = "Something went wrong on my side.";

  /** The hint sent when a mention carries no prompt (SPEC §1). */
  public static final String EMPTY_PROMPT_HINT =
      "Mention me with a question, reply to one of my messages, or use /chat. Try /help for more.";

  /** The LLM is overloaded or unreachable (also while the circuit breaker is open). */
  public static final String OVERLOADED =
      "The model is overloaded or unreachable right now. Please try again shortly.";

  /** A guild-only command used in a DM or the console. */
  public static final String GUILD_ONLY = "That command only works in a server.";

  /** An admin command run by someone without Administrator or Manage Server. */
  public static final String ADMIN_ONLY =
      "That command needs the Administrator or Manage Server permission.";
}
