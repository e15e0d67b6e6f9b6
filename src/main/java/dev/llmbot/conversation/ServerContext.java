package dev.llmbot.conversation;

import dev.llmbot.config.ContextConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one guild told the bot: moments about users (/remember), running gags (/addgag) and facts
 * (/summarize), each kind capped in count, all together capped in characters.
 *
 * <p><b>Costs.</b> The char total and the counts are tracked on every add and removal. Items sit in
 * two intrusive doubly linked lists per kind: by last use (so the least recently used item is the
 * head, evicted in O(1)) and by creation (newest first into the prompt). Adding an item never scans
 * the stored items:
 *
 * <ul>
 *   <li>exact duplicates (same normalised text) are found through a map from a 64-bit hash of the
 *       normalised text to the item, so no second copy of the text is kept;
 *   <li>near-duplicates (at least {@code duplicateOverlap} of the distinct words of the larger of
 *       the two texts shared) are found through an inverted index word → items with <em>prefix
 *       filtering</em>: an item sharing at least t = ⌈0.8·n⌉ of the new text's n words must contain
 *       one of its n − t + 1 rarest words, so only those words' posting lists are read, and a
 *       length filter skips items whose word count cannot reach the threshold. The candidates
 *       checked per add are also capped ({@value #MAX_CANDIDATES}, newest first), so the cost is
 *       bounded even for adversarial input where every item shares the same rare words; in that
 *       case a near-duplicate older than the newest {@value #MAX_CANDIDATES} candidates can slip
 *       through, which /deduplicate can still catch later.
 * </ul>
 *
 * <p>Posting lists drop removed items lazily (compacted when half of a list is dead), so a removal
 * is O(words of the item) amortised.
 *
 * <p>Threads: not thread-safe; owned by one context verticle's event loop.
 */
public final class ServerContext {
  /** The longest item accepted; keeps one item from crowding the prompt budget. */
  public static final int MAX_ITEM_CHARS = 1_000;

  static final int MAX_CANDIDATES = 64;

  /** The kinds of server item. */
  public enum Kind {
    MOMENT,
    GAG,
    FACT
  }

  static final class Word {
    final String text;
    final ArrayList<Item> postings = new ArrayList<>(2);
    int df;
    int dead;
    int mark;

    Word(String text) {
      this.text = text;
    }
  }

  static final class Item {
    final Kind kind;
    final long userId;
    final String userName;
    final String text;
    final long createdAt;
    long lastUsedAt;
    int uses;
    long normHash;
    Word[] words;
    boolean alive = true;
    int checkStamp;
    Item lruPrev;
    Item lruNext;
    Item agePrev;
    Item ageNext;

    Item(
        Kind kind,
        long userId,
        String userName,
        String text,
        long createdAt,
        long lastUsedAt,
        int uses) {
      this.kind = kind;
      this.userId = userId;
      this.userName = userName;
      this.text = text;
      this.createdAt = createdAt;
      this.lastUsedAt = lastUsedAt;
      this.uses = uses;
    }
  }

  private static final class Bucket {
    Item lruHead;
    Item lruTail;
    Item ageHead;
    Item ageTail;
    int count;
  }

  private final ContextConfig config;
  private final Bucket[] buckets = {new Bucket(), new Bucket(), new Bucket()};
  private final HashMap<String, Word> dictionary = new HashMap<>();
  private final HashMap<Long, Item> exact = new HashMap<>();
  private long chars;
  private int stamp;

  public ServerContext(ContextConfig config) {
    this.config = config;
  }

  /** Items held, all kinds. */
  public int size() {
    return buckets[0].count + buckets[1].count + buckets[2].count;
  }

  /** Items of one kind held. */
  public int count(Kind kind) {
    return buckets[kind.ordinal()].count;
  }

  /** Characters held (tracked, never recomputed). */
  public long chars() {
    return chars;
  }

  private int cap(Kind kind) {
    return switch (kind) {
      case MOMENT -> config.maxMoments();
      case GAG -> config.maxGags();
      case FACT -> config.maxFacts();
    };
  }

  /**
   * Stores an item, refusing empty, over-long and near-duplicate text, then evicts the least
   * recently used items beyond the caps.
   *
   * @param userId for a moment, the user it is about (0 otherwise)
   * @param userName for a moment, that user's display name, used in the prompt
   */
  public OpResult add(Kind kind, long userId, String userName, String text, long nowMillis) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      return OpResult.refused("There is nothing to remember: the text is empty.");
    }
    if (t.length() > MAX_ITEM_CHARS) {
      return OpResult.refused(
          "That is too long to remember: keep it under " + MAX_ITEM_CHARS + " characters.");
    }
    Item item =
        new Item(kind, userId, userName == null ? "" : userName, t, nowMillis, nowMillis, 0);
    Item dup = index(item, true);
    if (dup != null) {
      return OpResult.refused(
          "I already know something very close to that: \"" + preview(dup.text) + "\"");
    }
    Bucket b = buckets[kind.ordinal()];
    appendAge(b, item);
    appendLru(b, item);
    enforceCaps();
    return OpResult.done(
        switch (kind) {
          case MOMENT -> "Remembered that about " + displayName(item) + ".";
          case GAG -> "Added the running gag.";
          case FACT -> "Added the fact.";
        });
  }

  private static String preview(String text) {
    return text.length() <= 80 ? text : text.substring(0, 79) + "…";
  }

  private static String displayName(Item item) {
    return item.userName.isBlank() ? "user " + item.userId : item.userName;
  }

  /**
   * Indexes an item's words and normalised hash. With {@code refuseDuplicates}, returns the stored
   * near-duplicate instead and leaves everything as it was.
   */
  private Item index(Item item, boolean refuseDuplicates) {
    String norm = TextNormalizer.normalize(item.text);
    long hash = TextNormalizer.hash64(norm);
    if (refuseDuplicates) {
      Item same = exact.get(hash);
      if (same != null && TextNormalizer.normalize(same.text).equals(norm)) {
        return same;
      }
    }
    int s = ++stamp;
    List<String> tokens = TextNormalizer.words(norm);
    Word[] words = new Word[tokens.size()];
    int n = 0;
    for (String token : tokens) {
      Word w = dictionary.get(token);
      if (w == null) {
        w = new Word(token);
        dictionary.put(token, w);
      }
      if (w.mark != s) {
        w.mark = s;
        words[n++] = w;
      }
    }
    words = n == words.length ? words : Arrays.copyOf(words, n);
    if (refuseDuplicates) {
      Item dup = nearDuplicate(words, s);
      if (dup != null) {
        for (Word w : words) {
          if (w.df == 0) {
            dictionary.remove(w.text);
          }
        }
        return dup;
      }
    }
    item.normHash = hash;
    item.words = words;
    for (Word w : words) {
      w.postings.add(item);
      w.df++;
    }
    exact.putIfAbsent(hash, item);
    chars += item.text.length();
    return null;
  }

  /** A stored item sharing enough words with {@code words} (all marked with {@code s}), or null. */
  private Item nearDuplicate(Word[] words, int s) {
    int n = words.length;
    if (n == 0) {
      return null;
    }
    double threshold = config.duplicateOverlap();
    int t = Math.max(1, (int) Math.ceil(threshold * n - 1e-9));
    int prefix = n - t + 1;
    Word[] rare = words.clone();
    Arrays.sort(rare, Comparator.comparingInt(w -> w.df));
    int minWords = (int) Math.ceil(threshold * n - 1e-9);
    int maxWords = (int) Math.floor(n / threshold + 1e-9);
    int checks = 0;
    for (int i = 0; i < prefix; i++) {
      ArrayList<Item> postings = rare[i].postings;
      for (int j = postings.size() - 1; j >= 0; j--) {
        Item c = postings.get(j);
        if (!c.alive || c.checkStamp == s) {
          continue;
        }
        c.checkStamp = s;
        if (++checks > MAX_CANDIDATES) {
          return null;
        }
        int m = c.words.length;
        if (m < minWords || m > maxWords) {
          continue;
        }
        int shared = 0;
        for (Word w : c.words) {
          if (w.mark == s) {
            shared++;
          }
        }
        if (shared >= threshold * Math.max(n, m) - 1e-9) {
          return c;
        }
      }
    }
    return null;
  }

  private void remove(Item item) {
    item.alive = false;
    if (exact.get(item.normHash) == item) {
      exact.remove(item.normHash);
    }
    for (Word w : item.words) {
      w.df--;
      if (w.df == 0) {
        dictionary.remove(w.text);
      } else if (++w.dead > 4 && w.dead * 2 > w.postings.size()) {
        w.postings.removeIf(i -> !i.alive);
        w.dead = 0;
      }
    }
    Bucket b = buckets[item.kind.ordinal()];
    unlinkLru(b, item);
    unlinkAge(b, item);
    b.count--;
    chars -= item.text.length();
  }

  private void enforceCaps() {
    for (Kind k : Kind.values()) {
      Bucket b = buckets[k.ordinal()];
      while (b.count > cap(k)) {
        remove(b.lruHead);
      }
    }
    while (chars > config.maxTotalChars()) {
      Item victim = null;
      for (Bucket b : buckets) {
        if (b.lruHead != null && (victim == null || b.lruHead.lastUsedAt < victim.lastUsedAt)) {
          victim = b.lruHead;
        }
      }
      remove(victim);
    }
  }

  private void touch(Item item, long nowMillis) {
    item.lastUsedAt = Math.max(item.lastUsedAt, nowMillis);
    item.uses++;
    Bucket b = buckets[item.kind.ordinal()];
    unlinkLru(b, item);
    appendLru(b, item);
  }

  /**
   * The server context block for a prompt about {@code userId}, one item per line, within the
   * configured budget (the caller adds its own heading): that user's moments, then gags, then
   * facts, then other users' moments, newest first in each group. An item that does not fit is
   * skipped and smaller ones after it may still go in. Items that go in count as used (last-used
   * time and count). Empty when nothing fits or nothing is stored.
   */
  public String promptBlock(long userId, long nowMillis) {
    int budget = config.promptBudgetChars();
    if (size() == 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder(Math.min(budget, 4_096));
    List<Item> used = new ArrayList<>();
    for (int pass = 0; pass < 4; pass++) {
      Bucket b = buckets[pass == 0 || pass == 3 ? 0 : pass];
      for (Item i = b.ageTail; i != null; i = i.agePrev) {
        if ((pass == 0 && i.userId != userId) || (pass == 3 && i.userId == userId)) {
          continue;
        }
        String prefix =
            switch (i.kind) {
              case MOMENT -> "- About " + displayName(i) + ": ";
              case GAG -> "- Running gag: ";
              case FACT -> "- Fact: ";
            };
        if (sb.length() + prefix.length() + i.text.length() + 1 <= budget) {
          sb.append(prefix).append(i.text).append('\n');
          used.add(i);
        }
      }
    }
    if (used.isEmpty()) {
      return "";
    }
    for (Item i : used) {
      touch(i, nowMillis);
    }
    sb.setLength(sb.length() - 1);
    return sb.toString();
  }

  /**
   * /summarize: folds the moments older than the configured age into one fact of at most the
   * configured length, heuristically (each moment shortened, as many as fit, oldest first).
   */
  public OpResult summarize(long nowMillis) {
    long cutoff = nowMillis - config.summarizeAfterHours() * 3_600_000L;
    List<Item> old = new ArrayList<>();
    for (Item i = buckets[0].ageHead; i != null; i = i.ageNext) {
      if (i.createdAt <= cutoff) {
        old.add(i);
      }
    }
    if (old.isEmpty()) {
      return OpResult.refused(
          "No moments are older than " + config.summarizeAfterHours() + " h; nothing to fold.");
    }
    String fact = foldIntoFact(old, config.factMaxChars());
    for (Item i : old) {
      remove(i);
    }
    Item f = new Item(Kind.FACT, 0, "", fact, nowMillis, nowMillis, 0);
    index(f, false);
    Bucket b = buckets[Kind.FACT.ordinal()];
    appendAge(b, f);
    appendLru(b, f);
    enforceCaps();
    return OpResult.done(
        "Folded " + old.size() + (old.size() == 1 ? " moment" : " moments") + " into one fact.");
  }

  static String foldIntoFact(List<Item> moments, int maxChars) {
    StringBuilder sb = new StringBuilder("Earlier moments: ");
    String more = "; …";
    int added = 0;
    for (Item m : moments) {
      String text = m.text.replaceAll("\\s+", " ");
      if (text.length() > 60) {
        int cut = text.lastIndexOf(' ', 58);
        text = text.substring(0, cut > 30 ? cut : 58) + "…";
      }
      String part = (added == 0 ? "" : "; ") + displayName(m) + " " + text;
      if (sb.length() + part.length() + more.length() > maxChars) {
        if (added == 0) {
          // Not even one fits: cut the first one.
          int room = Math.max(0, maxChars - sb.length() - 1);
          sb.append(part, 0, Math.min(part.length(), room)).append('…');
          added++;
        } else {
          sb.append(more);
        }
        return sb.length() <= maxChars ? sb.toString() : sb.substring(0, maxChars);
      }
      sb.append(part);
      added++;
    }
    return sb.length() <= maxChars ? sb.toString() : sb.substring(0, maxChars);
  }

  /** /deduplicate: drops the newer item of every near-duplicate pair; returns how many went. */
  public OpResult deduplicate() {
    List<Item> all = items();
    if (all.isEmpty()) {
      return OpResult.refused("The server context is empty.");
    }
    Map<Item, Integer> lruRank = new IdentityHashMap<>();
    for (Bucket b : buckets) {
      int r = 0;
      for (Item i = b.lruHead; i != null; i = i.lruNext) {
        lruRank.put(i, r++);
      }
    }
    resetIndex();
    all.sort(Comparator.comparingLong((Item i) -> i.createdAt));
    List<Item> kept = new ArrayList<>(all.size());
    for (Item old : all) {
      Item copy = copy(old);
      if (index(copy, true) == null) {
        appendAge(buckets[copy.kind.ordinal()], copy);
        kept.add(copy);
        lruRank.put(copy, lruRank.get(old));
      }
    }
    kept.sort(Comparator.comparingInt(lruRank::get));
    for (Item i : kept) {
      appendLru(buckets[i.kind.ordinal()], i);
    }
    int dropped = all.size() - kept.size();
    return new OpResult(
        dropped > 0,
        dropped == 0
            ? "No near-duplicates found."
            : "Dropped " + dropped + (dropped == 1 ? " near-duplicate." : " near-duplicates."));
  }

  private static Item copy(Item i) {
    return new Item(i.kind, i.userId, i.userName, i.text, i.createdAt, i.lastUsedAt, i.uses);
  }

  private List<Item> items() {
    List<Item> all = new ArrayList<>(size());
    for (Bucket b : buckets) {
      for (Item i = b.ageHead; i != null; i = i.ageNext) {
        all.add(i);
      }
    }
    return all;
  }

  private void resetIndex() {
    for (Bucket b : buckets) {
      for (Item i = b.ageHead; i != null; i = i.ageNext) {
        i.alive = false;
      }
      b.lruHead = b.lruTail = b.ageHead = b.ageTail = null;
      b.count = 0;
    }
    dictionary.clear();
    exact.clear();
    chars = 0;
  }

  /** Forgets everything; returns how many items went. */
  public int clear() {
    int n = size();
    resetIndex();
    return n;
  }

  /** /contextstats: counts and chars against their caps. */
  public String stats() {
    return String.format(
        Locale.ROOT,
        "Server context: %d/%d moments, %d/%d gags, %d/%d facts; %,d/%,d chars used.",
        count(Kind.MOMENT),
        config.maxMoments(),
        count(Kind.GAG),
        config.maxGags(),
        count(Kind.FACT),
        config.maxFacts(),
        chars,
        config.maxTotalChars());
  }

  /** The items of one kind, least recently used first (for tests and stats). */
  List<String> lruOrder(Kind kind) {
    List<String> out = new ArrayList<>();
    for (Item i = buckets[kind.ordinal()].lruHead; i != null; i = i.lruNext) {
      out.add(i.text);
    }
    return out;
  }

  /** The real sum of the stored texts' lengths, by walking every item (for tests). */
  long recountChars() {
    long sum = 0;
    for (Item i : items()) {
      sum += i.text.length();
    }
    return sum;
  }

  /** One persisted item. */
  public record SavedItem(
      Kind kind,
      long userId,
      String userName,
      String text,
      long createdAt,
      long lastUsedAt,
      int uses) {}

  /** An immutable copy of every item, least recently used first. */
  public List<SavedItem> save() {
    List<Item> all = new ArrayList<>(size());
    for (Bucket b : buckets) {
      for (Item i = b.lruHead; i != null; i = i.lruNext) {
        all.add(i);
      }
    }
    List<SavedItem> out = new ArrayList<>(all.size());
    for (Item i : all) {
      out.add(
          new SavedItem(i.kind, i.userId, i.userName, i.text, i.createdAt, i.lastUsedAt, i.uses));
    }
    return List.copyOf(out);
  }

  /** A context holding saved items (trimmed to the current caps), in their saved use order. */
  public static ServerContext restore(List<SavedItem> saved, ContextConfig config) {
    ServerContext c = new ServerContext(config);
    List<Item> items = new ArrayList<>(saved.size());
    for (SavedItem s : saved) {
      if (s == null || s.kind() == null || s.text() == null || s.text().isBlank()) {
        continue;
      }
      Item i =
          new Item(
              s.kind(),
              s.userId(),
              s.userName() == null ? "" : s.userName(),
              s.text(),
              s.createdAt(),
              s.lastUsedAt(),
              s.uses());
      items.add(i);
    }
    List<Item> byAge = new ArrayList<>(items);
    byAge.sort(Comparator.comparingLong((Item i) -> i.createdAt));
    for (Item i : byAge) {
      c.index(i, false);
      c.appendAge(c.buckets[i.kind.ordinal()], i);
    }
    for (Item i : items) {
      c.appendLru(c.buckets[i.kind.ordinal()], i);
    }
    c.enforceCaps();
    return c;
  }

  // Intrusive list plumbing. appendAge counts the item in its bucket; appendLru only links it.

  private void appendAge(Bucket b, Item i) {
    i.agePrev = b.ageTail;
    i.ageNext = null;
    if (b.ageTail == null) {
      b.ageHead = i;
    } else {
      b.ageTail.ageNext = i;
    }
    b.ageTail = i;
    b.count++;
  }

  private static void unlinkAge(Bucket b, Item i) {
    if (i.agePrev == null) {
      b.ageHead = i.ageNext;
    } else {
      i.agePrev.ageNext = i.ageNext;
    }
    if (i.ageNext == null) {
      b.ageTail = i.agePrev;
    } else {
      i.ageNext.agePrev = i.agePrev;
    }
    i.agePrev = i.ageNext = null;
  }

  private static void appendLru(Bucket b, Item i) {
    i.lruPrev = b.lruTail;
    i.lruNext = null;
    if (b.lruTail == null) {
      b.lruHead = i;
    } else {
      b.lruTail.lruNext = i;
    }
    b.lruTail = i;
  }

  private static void unlinkLru(Bucket b, Item i) {
    if (i.lruPrev == null) {
      b.lruHead = i.lruNext;
    } else {
      i.lruPrev.lruNext = i.lruNext;
    }
    if (i.lruNext == null) {
      b.lruTail = i.lruPrev;
    } else {
      i.lruNext.lruPrev = i.lruPrev;
    }
    i.lruPrev = i.lruNext = null;
  }
}
