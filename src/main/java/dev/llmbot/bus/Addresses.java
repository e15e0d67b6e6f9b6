package dev.llmbot.bus;

/**
 * Every event-bus address, named {@code <feature>.<action>}. Partitioned addresses take a suffix
 * {@code .<n>} chosen by {@link Partitioner}.
 */
public final class Addresses {
  private Addresses() {}

  /** {@link InboundMessage} → {@link Reply}: the whole pipeline for one message. */
  public static final String CHAT_REQUEST = "chat.request";

  /** {@link CommandRequest} → {@link Reply}: one slash command. */
  public static final String COMMAND_RUN = "command.run";

  /** {@link RateLimitRequest} → {@link RateLimitGrant}: per-user then global quota. */
  public static final String RATELIMIT_ACQUIRE = "ratelimit.acquire";

  /** {@link QuotaRelease} (send, no reply): give back a global slot no API call used. */
  public static final String RATELIMIT_RELEASE = "ratelimit.release";

  /** {@link StatusQuery} → {@link QuotaStatus}. */
  public static final String RATELIMIT_STATUS = "ratelimit.status";

  /** {@link RoastRequest} → {@link RoastDecision}. */
  public static final String ROAST_DECIDE = "roast.decide";

  /** {@link StatusQuery} → {@link RoastStatus}. */
  public static final String ROAST_STATUS = "roast.status";

  /** Partitioned by conversation key: {@link HistoryRequest} → {@link History}. */
  public static final String CONVERSATION_HISTORY = "conversation.history";

  /** Partitioned by conversation key: {@link RecordExchange} → {@link Ack}. */
  public static final String CONVERSATION_RECORD = "conversation.record";

  /** Partitioned by conversation key: {@link ClearConversation} → {@link Ack}. */
  public static final String CONVERSATION_CLEAR = "conversation.clear";

  /** Partitioned: {@link StatusQuery} → {@link ConversationStats} for that partition. */
  public static final String CONVERSATION_STATS = "conversation.stats";

  /** Partitioned by guild id: {@link ContextCommand} → {@link OpAnswer}. */
  public static final String CONTEXT_RUN = "context.run";

  /** Partitioned by guild id: {@link PromptBlockRequest} → {@link PromptBlock} (server context). */
  public static final String CONTEXT_BLOCK = "context.block";

  /** Partitioned by user id: {@link ProfileCommand} → {@link OpAnswer}. */
  public static final String PROFILE_RUN = "profile.run";

  /** Partitioned by user id: {@link PromptBlockRequest} → {@link PromptBlock} (the profile). */
  public static final String PROFILE_BLOCK = "profile.block";

  /** {@link LlmRequest} → {@link LlmResult}: cache, then the model or the offline responder. */
  public static final String LLM_GENERATE = "llm.generate";

  /** {@link StatusQuery} → {@link LlmStatus}. */
  public static final String LLM_STATUS = "llm.status";

  /** The address of partition {@code n} of a partitioned base address. */
  public static String partition(String base, int n) {
    return base + "." + n;
  }
}
