package dev.llmbot.conversation;

import dev.llmbot.bus.ConversationStats;
import dev.llmbot.bus.History;
import dev.llmbot.config.ConversationConfig;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The conversations of one partition: a {@link ConversationWindow} per conversation key, expired
 * after an idle period, lazily on access and by {@link #sweep}.
 *
 * <p>The map is in access order, so the least recently used conversation is always first: a sweep
 * stops at the first conversation that is still live and costs O(expired), not O(all). Times are
 * epoch milliseconds passed in by the owner (from an injected {@link java.time.Clock}), because
 * they are persisted and must mean the same after a restart.
 *
 * <p>Threads: not thread-safe; owned by one conversation verticle's event loop.
 */
public final class ConversationMemory {
  private final ConversationConfig config;
  private final long idleMillis;
  private final LinkedHashMap<String, Entry> conversations = new LinkedHashMap<>(64, 0.75f, true);
  private long totalChars;

  private static final class Entry {
    final ConversationWindow window;
    long lastUsedMillis;

    Entry(ConversationWindow window, long lastUsedMillis) {
      this.window = window;
      this.lastUsedMillis = lastUsedMillis;
    }
  }

  public ConversationMemory(ConversationConfig config) {
    this.config = config;
    this.idleMillis = config.idleMinutes() * 60_000L;
  }

  /** The history of {@code key}, or an empty one if unknown or expired. */
  public History history(String key, long nowMillis) {
    Entry e = live(key, nowMillis);
    if (e == null) {
      return History.empty();
    }
    e.lastUsedMillis = nowMillis;
    return e.window.history();
  }

  /** Appends one exchange, dropping the oldest turns beyond the caps. */
  public void record(String key, String userText, String modelText, long nowMillis) {
    Entry e = live(key, nowMillis);
    if (e == null) {
      e = new Entry(newWindow(), nowMillis);
      conversations.put(key, e);
    }
    long before = e.window.chars();
    e.window.record(userText, modelText);
    totalChars += e.window.chars() - before;
    e.lastUsedMillis = nowMillis;
  }

  private ConversationWindow newWindow() {
    return new ConversationWindow(config.maxTurns(), config.maxChars(), config.summaryMaxChars());
  }

  /** Forgets {@code key}; returns whether it existed. */
  public boolean clear(String key) {
    Entry e = conversations.remove(key);
    if (e != null) {
      totalChars -= e.window.chars();
    }
    return e != null;
  }

  /** Drops every conversation idle for longer than the configured time; returns how many. */
  public int sweep(long nowMillis) {
    int removed = 0;
    Iterator<Entry> it = conversations.values().iterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (!expired(e, nowMillis)) {
        break; // access order: everything after this one was used more recently
      }
      totalChars -= e.window.chars();
      it.remove();
      removed++;
    }
    return removed;
  }

  public ConversationStats stats() {
    return new ConversationStats(conversations.size(), totalChars);
  }

  private Entry live(String key, long nowMillis) {
    Entry e = conversations.get(key);
    if (e != null && expired(e, nowMillis)) {
      clear(key);
      return null;
    }
    return e;
  }

  private boolean expired(Entry e, long nowMillis) {
    return nowMillis - e.lastUsedMillis > idleMillis;
  }

  /**
   * One saved conversation.
   *
   * @param lastUsedMillis when it was last used, epoch millis
   * @param window its turns and summary
   */
  public record SavedConversation(long lastUsedMillis, ConversationWindow.Saved window) {}

  /** An immutable copy of every conversation, least recently used first, for persistence. */
  public Map<String, SavedConversation> snapshot() {
    Map<String, SavedConversation> out = new LinkedHashMap<>(conversations.size() * 2);
    for (Map.Entry<String, Entry> e : conversations.entrySet()) {
      out.put(
          e.getKey(),
          new SavedConversation(e.getValue().lastUsedMillis, e.getValue().window.save()));
    }
    return out;
  }

  /**
   * Adds saved conversations that {@code owns} accepts and that are not yet held and not expired,
   * oldest first so the access order is right. Returns how many were restored.
   */
  public int restore(Map<String, SavedConversation> saved, Predicate<String> owns, long nowMillis) {
    Map<String, SavedConversation> byAge = new HashMap<>(saved);
    int restored = 0;
    for (Map.Entry<String, SavedConversation> e :
        byAge.entrySet().stream()
            .sorted(
                Map.Entry.comparingByValue(
                    (a, b) -> Long.compare(a.lastUsedMillis(), b.lastUsedMillis())))
            .toList()) {
      SavedConversation s = e.getValue();
      if (s == null
          || s.window() == null
          || !owns.test(e.getKey())
          || conversations.containsKey(e.getKey())
          || nowMillis - s.lastUsedMillis() > idleMillis) {
        continue;
      }
      ConversationWindow w =
          ConversationWindow.restore(
              s.window(), config.maxTurns(), config.maxChars(), config.summaryMaxChars());
      conversations.put(e.getKey(), new Entry(w, s.lastUsedMillis()));
      totalChars += w.chars();
      restored++;
    }
    return restored;
  }
}
