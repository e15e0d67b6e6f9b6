package dev.llmbot.conversation;

import java.util.Arrays;

/**
 * Reads text the way duplicate detection sees it, in one pass and without building strings: letters
 * and digits lower-cased, every run of anything else one separator. "Bob broke PROD!!" and "bob
 * broke prod" read the same. It yields a 64-bit hash per word and one for the whole normalised
 * text; equal hashes are taken to mean equal text (a collision needs 2^32 distinct words in one
 * guild to become likely, and would only make two texts look more alike).
 *
 * <p>Not thread-safe: one instance per owner, reused for every text.
 */
final class TextNormalizer {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  /**
   * Common English words of four letters or more, ranked last like short words so that they stay
   * out of the indexed prefixes (they would make long posting lists). Any fixed set keeps the
   * global order fixed, which is all correctness needs.
   */
  private static final String[] COMMON = {
    "about", "after", "again", "also", "always", "back", "been", "before", "being", "came", "come",
    "could", "didn", "does", "doesn", "done", "down", "even", "every", "first", "from", "give",
    "going", "good", "have", "here", "into", "just", "know", "like", "look", "made", "make", "many",
    "more", "most", "much", "must", "need", "never", "only", "other", "over", "people", "really",
    "right", "said", "same", "should", "some", "still", "such", "take", "than", "that", "them",
    "then", "there", "these", "they", "thing", "things", "think", "this", "those", "time", "very",
    "want", "well", "were", "what", "when", "where", "which", "while", "will", "with", "work",
    "would", "yeah", "year", "your"
  };

  /** {@link #COMMON}'s word hashes in a small open-addressing set (one or two probes). */
  private static final long[] COMMON_SET = commonSet();

  private long[] words = new long[64];
  private int count;
  private long textHash;

  /** Scans {@code text}; the results stay until the next scan. */
  void scan(String text) {
    count = 0;
    long whole = OFFSET;
    long word = OFFSET;
    int length = 0;
    boolean inWord = false;
    boolean any = false;
    int n = text.length();
    for (int i = 0; i < n; ) {
      int c = text.charAt(i);
      if (c < 0x80) {
        i++;
        if (c >= 'A' && c <= 'Z') {
          c += 'a' - 'A';
        } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
          c = -1;
        }
      } else {
        int cp = text.codePointAt(i);
        i += Character.charCount(cp);
        c = Character.isLetterOrDigit(cp) ? Character.toLowerCase(cp) : -1;
      }
      if (c >= 0) {
        if (!inWord) {
          if (any) {
            whole = (whole ^ ' ') * PRIME;
          }
          word = OFFSET;
          length = 0;
          inWord = true;
          any = true;
        }
        word = (word ^ c) * PRIME;
        length++;
        whole = (whole ^ c) * PRIME;
      } else if (inWord) {
        push(word, length);
        inWord = false;
      }
    }
    if (inWord) {
      push(word, length);
    }
    // Text without letters or digits (emoji only, say) is compared as it is, not as "empty".
    textHash = any ? finish(whole) : finish(rawHash(text.strip()));
  }

  /**
   * Stores a word's key: its hash, made positive, with bit 62 set for words of at most 3 chars and
   * for {@link #COMMON} words. Keys order words globally and for good (hash order, common words
   * last): the order the prefix filter of {@link ServerContext} needs. Putting common words last
   * keeps them out of the indexed prefixes and the posting lists short.
   */
  private void push(long h, int length) {
    if (count == words.length) {
      words = Arrays.copyOf(words, count * 2);
    }
    long hash = finish(h);
    long key = hash >>> 2;
    if (length <= 3 || (length <= 6 && isCommon(hash))) {
      key |= 1L << 62;
    }
    words[count++] = key == 0 ? 1 : key;
  }

  private static long[] commonSet() {
    long[] set = new long[256];
    for (String word : COMMON) {
      long h = OFFSET;
      for (int k = 0; k < word.length(); k++) {
        h = (h ^ word.charAt(k)) * PRIME;
      }
      long key = finish(h);
      int i = (int) key & (set.length - 1);
      while (set[i] != 0) {
        i = (i + 1) & (set.length - 1);
      }
      set[i] = key;
    }
    return set;
  }

  private static boolean isCommon(long hash) {
    int mask = COMMON_SET.length - 1;
    for (int i = (int) hash & mask; COMMON_SET[i] != 0; i = (i + 1) & mask) {
      if (COMMON_SET[i] == hash) {
        return true;
      }
    }
    return false;
  }

  private static long rawHash(String s) {
    long h = OFFSET ^ 0x5bd1e995L;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * PRIME;
    }
    return h;
  }

  /** A murmur3 finaliser: spreads FNV's low-bit weakness, and keeps 0 free as "no key". */
  private static long finish(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == 0 ? 1 : h;
  }

  /** The distinct word keys of the last scan, sorted ascending (the global order). */
  long[] sortedDistinctWords() {
    long[] out = Arrays.copyOf(words, count);
    Arrays.sort(out);
    int n = 0;
    for (int i = 0; i < out.length; i++) {
      if (n == 0 || out[n - 1] != out[i]) {
        out[n++] = out[i];
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /** The hash of the whole normalised text of the last scan. */
  long textHash() {
    return textHash;
  }
}
