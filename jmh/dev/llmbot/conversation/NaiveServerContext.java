package dev.llmbot.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The naive server context the benchmarks compare against, shaped like the reference bot's: a list
 * of items; each add compares the new text with every stored item (normalising and splitting both
 * each time); over the cap the oldest-used item is found by a scan; the size is read by serialising
 * everything to JSON.
 */
final class NaiveServerContext {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One stored item (public fields so that Jackson serialises it). */
  public static final class Item {
    public long userId;
    public String text;
    public long lastUsed;
  }

  final List<Item> items = new ArrayList<>();
  private final int maxItems;
  private long clock;

  NaiveServerContext(int maxItems) {
    this.maxItems = maxItems;
  }

  boolean add(long userId, String text) {
    Set<String> words = words(text);
    for (Item i : items) {
      Set<String> other = words(i.text);
      int shared = 0;
      for (String w : words) {
        if (other.contains(w)) {
          shared++;
        }
      }
      if (normalize(i.text).equals(normalize(text))
          || (!words.isEmpty() && shared >= 0.8 * Math.max(words.size(), other.size()))) {
        return false;
      }
    }
    addUnchecked(userId, text);
    return true;
  }

  void addUnchecked(long userId, String text) {
    Item item = new Item();
    item.userId = userId;
    item.text = text;
    item.lastUsed = ++clock;
    items.add(item);
    while (items.size() > maxItems) {
      Item lru = items.get(0);
      for (Item i : items) {
        if (i.lastUsed < lru.lastUsed) {
          lru = i;
        }
      }
      items.remove(lru);
    }
  }

  int jsonSize() {
    try {
      return MAPPER.writeValueAsString(items).length();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String normalize(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
  }

  private static Set<String> words(String s) {
    Set<String> out = new HashSet<>();
    for (String w : normalize(s).split(" ")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }
}
