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
 *       normalised text to the item, so no second copy of the text is kept; the text is read once
 *       ({@link TextNormalizer}) into that hash and one 64-bit hash per word, without building
 *       strings, and words are looked up by hash in an open-addressing {@link WordTable};
 *   <li>near-duplicates (at least {@code duplicateOverlap} of the distinct words of the larger of
 *       the two texts shared) are found with <em>prefix filtering</em>: words have a fixed global
 *       order (by hash, short words last); each item is indexed under only the first n − ⌈0.8·n⌉ +
 *       1 of its n words in that order, and a new text probes only its own first words; two texts
 *       sharing at least 0.8·max(n, m) words always share a word within those prefixes, so no
 *       near-duplicate is missed. A length filter skips items whose word count cannot reach the
 *       threshold; a 64-bit word signature kept beside each posting rejects most unrelated
 *       candidates without reading them (every bit of ours missing from theirs rules out a word);
 *       and the overlap is counted by merging two sorted arrays of word keys. Indexing about a
 *       fifth of the words keeps the index small and the per-add work (and cache misses) low. The
 *       candidates checked per add are also capped ({@value #MAX_CANDIDATES}, newest first, and
 *       {@value #MAX_SCANNED} postings scanned), so the cost is bounded even for adversarial input
 *       where many items share the same prefix words; then a near-duplicate older than the newest
 *       {@value #MAX_CANDIDATES} candidates can slip through, which /deduplicate can still catch
 *       later.
 * </ul>
 *
 * <p>Posting lists drop removed items lazily (compacted when more than half of a list is dead), so
 * a removal is O(words of the item) amortised and dead postings never outnumber live ones.
 *
 * <p>Threads: not thread-safe; owned by one context verticle's event loop.
 */
public final class ServerContext {
  /** The longest item accepted; keeps one item from crowding the prompt budget. */
  public static final int MAX_ITEM_CHARS = 1_000;

  static final int MAX_CANDIDATES = 64;
  static final int MAX_SCANNED = 4_096;

  /** The kinds of server item. */
  public enum Kind {
    MOMENT,
    GAG,
    FACT
  }

  static final class Word {
    final long hash;
    // Posting list inline (no ArrayList): one less pointer to chase per scan.
    Item[] postings = new Item[2];
    // The posted items' word signatures, beside them, so most candidates are rejected without
    // touching the candidate at all.
    long[] sigs = new long[2];
    int size;
    int df;
    int dead;

    Word(long hash) {
      this.hash = hash;
    }

    void add(Item item) {
      if (size == postings.length) {
        postings = Arrays.copyOf(postings, size * 2);
        sigs = Arrays.copyOf(sigs, size * 2);
      }
      sigs[size] = item.sig;
      postings[size++] = item;
    }

    void compact() {
      int n = 0;
      for (int i = 0; i < size; i++) {
        if (postings[i].alive) {
          sigs[n] = sigs[i];
          postings[n++] = postings[i];
        }
      }
      Arrays.fill(postings, n, size, null);
      size = n;
      dead = 0;
      if (postings.length > 8 && size * 4 < postings.length) {
        postings = Arrays.copyOf(postings, Math.max(2, size * 2));
        sigs = Arrays.copyOf(sigs, postings.length);
      }
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

    /** The distinct word keys, sorted (the global order). */
    long[] words;

    /** The words of the indexed prefix, whose posting lists hold this item. */
    Word[] prefix;

    /** One bit per word (key mod 64): a 64-bit Bloom-style signature of the words. */
    long sig;

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
  private final WordTable dictionary = new WordTable();
  private final TextNormalizer scanner = new TextNormalizer();
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
    scanner.scan(item.text);
    long hash = scanner.textHash();
    if (refuseDuplicates) {
      Item same = exact.get(hash);
      if (same != null) {
        return same;
      }
    }
    long[] words = scanner.sortedDistinctWords();
    long sig = signature(words);
    double threshold = config.duplicateOverlap();
    int p = prefixLength(words.length, threshold);
    if (refuseDuplicates) {
      Item dup = nearDuplicate(words, sig, p, threshold);
      if (dup != null) {
        return dup;
      }
    }
    item.sig = sig;
    Word[] prefix = new Word[p];
    for (int i = 0; i < p; i++) {
      Word w = dictionary.get(words[i]);
      if (w == null) {
        w = new Word(words[i]);
        dictionary.put(w);
      }
      w.add(item);
      w.df++;
      prefix[i] = w;
    }
    item.normHash = hash;
    item.words = words;
    item.prefix = prefix;
    exact.putIfAbsent(hash, item);
    chars += item.text.length();
    return null;
  }

  /**
   * How many of a text's n words (in the global order) to index and probe: n − ⌈θ·n⌉ + 1. Two texts
   * sharing at least θ·max(n, m) words share a word within their prefixes of these lengths (the
   * prefix-filtering lemma), so indexing and probing prefixes finds every near-duplicate.
   */
  static int prefixLength(int n, double threshold) {
    if (n == 0) {
      return 0;
    }
    int t = Math.max(1, (int) Math.ceil(threshold * n - 1e-9));
    return n - t + 1;
  }

  static long signature(long[] words) {
    long sig = 0;
    for (long w : words) {
      sig |= 1L << (w & 63);
    }
    return sig;
  }

  /** A stored item sharing enough words with {@code words}, or null. */
  private Item nearDuplicate(long[] words, long sig, int prefix, double threshold) {
    int n = words.length;
    if (n == 0) {
      return null;
    }
    int s = ++stamp;
    int minWords = (int) Math.ceil(threshold * n - 1e-9);
    int maxWords = (int) Math.floor(n / threshold + 1e-9);
    int checks = 0;
    int scanned = 0;
    for (int i = 0; i < prefix; i++) {
      Word w = dictionary.get(words[i]);
      if (w == null) {
        continue;
      }
      Item[] postings = w.postings;
      long[] sigs = w.sigs;
      for (int j = w.size - 1; j >= 0; j--) {
        if (++scanned > MAX_SCANNED) {
          return null;
        }
        // Each bit of ours missing from the candidate's signature rules out at least one of our
        // words, so n minus their count bounds the overlap from above.
        if (n - Long.bitCount(sig & ~sigs[j]) < minWords) {
          continue;
        }
        Item c = postings[j];
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
        int need = Math.max(1, (int) Math.ceil(threshold * Math.max(n, m) - 1e-9));
        if (sharesAtLeast(words, c.words, need)) {
          return c;
        }
      }
    }
    return null;
  }

  /**
   * Whether two sorted distinct arrays have at least {@code need} elements in common, by merging;
   * it stops as soon as the rest cannot reach {@code need}, which for unrelated texts is after a
   * few steps.
   */
  static boolean sharesAtLeast(long[] a, long[] b, int need) {
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length && j < b.length) {
      if (n + Math.min(a.length - i, b.length - j) < need) {
        return false;
      }
      if (a[i] < b[j]) {
        i++;
      } else if (a[i] > b[j]) {
        j++;
      } else {
        n++;
        i++;
        j++;
      }
    }
    return n >= need;
  }

  private void remove(Item item) {
    item.alive = false;
    if (exact.get(item.normHash) == item) {
      exact.remove(item.normHash);
    }
    for (Word w : item.prefix) {
      w.df--;
      if (w.df == 0) {
        dictionary.remove(w.hash);
      } else if (++w.dead * 2 > w.size) {
        // No minimum list size: most words are rare, and a floor (it was 4) let their short lists
        // keep dead items for good, which the soak saw as a slow climb of the retained heap.
        w.compact();
      }
    }
    // A dead item can stay in other words' posting lists until they compact; without these links
    // it would keep its own words (and through them more dead items) reachable: a slow leak. Its
    // word keys go too (scans skip dead items before reading them), so a dead item costs little.
    item.prefix = NO_WORDS;
    item.words = NO_KEYS;
    Bucket b = buckets[item.kind.ordinal()];
    unlinkLru(b, item);
    unlinkAge(b, item);
    b.count--;
    chars -= item.text.length();
  }

  /**
   * Postings in the index: {live, dead, lists holding more dead postings than live ones}; for tests
   * of the compaction rule.
   */
  long[] postingCounts() {
    long[] counts = new long[3];
    dictionary.forEach(
        w -> {
          int live = 0;
          for (int i = 0; i < w.size; i++) {
            live += w.postings[i].alive ? 1 : 0;
          }
          counts[0] += live;
          counts[1] += w.size - live;
          counts[2] += w.size - live > live ? 1 : 0;
        });
    return counts;
  }

  private static final Word[] NO_WORDS = new Word[0];
  private static final long[] NO_KEYS = new long[0];

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
