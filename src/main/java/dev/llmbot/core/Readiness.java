package dev.llmbot.core;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The readiness board behind {@code /ready}: named conditions that components set as their state
 * changes (the adapter is connected, the LLM circuit is closed). Thread-safe: any event loop or
 * Javacord thread may write, the ops server reads. Holds only booleans, never request state.
 */
public final class Readiness {
  /** The adapter (Discord connected, or the console up) is taking messages. */
  public static final String ADAPTER = "adapter";

  /** The LLM circuit breaker is not open. */
  public static final String LLM = "llm";

  private final Map<String, Boolean> conditions = new ConcurrentHashMap<>();

  public Readiness() {
    conditions.put(ADAPTER, false);
    conditions.put(LLM, true);
  }

  public void set(String condition, boolean ok) {
    conditions.put(condition, ok);
  }

  /** Whether every condition holds. */
  public boolean ready() {
    return !conditions.containsValue(false);
  }

  /** A sorted copy of the conditions, for the /ready body. */
  public Map<String, Boolean> snapshot() {
    return new TreeMap<>(conditions);
  }
}
