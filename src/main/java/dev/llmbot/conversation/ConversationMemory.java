package dev.llmbot.conversation;

import dev.llmbot.bus.ConversationStats;
import dev.llmbot.bus.History;
import dev.llmbot.bus.Turn;
import dev.llmbot.config.ConversationConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The conversations of one partition: recent turns per key, capped in turns and characters, and
 * expired after an idle period. Owned by one conversation verticle's event loop; not thread-safe.
 *
 * <p>Foundation version: a deque per conversation with an incrementally tracked char total. The
 * ring-buffer window with a rolling summary replaces it.
 */
public final class ConversationMemory {
  private final ConversationConfig config;
  private final Map<String, Entry> conversations = new HashMap<>();
  private long totalChars;

  private static final class Entry {
    final ArrayDeque<Turn> turns = new ArrayDeque<>();
    long chars;
    long lastUsedMillis;
  }

  public ConversationMemory(ConversationConfig config) {
    this.config = config;
  }

  /** The history of {@code key}, or an empty one if unknown or expired. */
  public History history(String key, long nowMillis) {
    Entry e = live(key, nowMillis);
    if (e == null) {
      return History.empty();
    }
    e.lastUsedMillis = nowMillis;
    return new History("", new ArrayList<>(e.turns));
  }

  /** Appends one exchange, dropping the oldest turns beyond the caps. */
  public void record(String key, String userText, String modelText, long nowMillis) {
    Entry e = live(key, nowMillis);
    if (e == null) {
      e = new Entry();
      conversations.put(key, e);
    }
    add(e, Turn.user(userText));
    add(e, Turn.model(modelText));
    while (e.turns.size() > config.maxTurns()
        || (e.chars > config.maxChars() && e.turns.size() > 2)) {
      Turn dropped = e.turns.removeFirst();
      e.chars -= dropped.text().length();
      totalChars -= dropped.text().length();
    }
    e.lastUsedMillis = nowMillis;
  }

  private void add(Entry e, Turn turn) {
    e.turns.addLast(turn);
    e.chars += turn.text().length();
    totalChars += turn.text().length();
  }

  /** Forgets {@code key}; returns whether it existed. */
  public boolean clear(String key) {
    Entry e = conversations.remove(key);
    if (e != null) {
      totalChars -= e.chars;
    }
    return e != null;
  }

  /** Drops every conversation idle for longer than the configured time. */
  public int sweep(long nowMillis) {
    int removed = 0;
    Iterator<Map.Entry<String, Entry>> it = conversations.entrySet().iterator();
    while (it.hasNext()) {
      Entry e = it.next().getValue();
      if (expired(e, nowMillis)) {
        totalChars -= e.chars;
        it.remove();
        removed++;
      }
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
    return nowMillis - e.lastUsedMillis > config.idleMinutes() * 60_000L;
  }
}
