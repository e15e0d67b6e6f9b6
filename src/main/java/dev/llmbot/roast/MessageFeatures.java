package dev.llmbot.roast;

/**
 * The features of one message that feed the complexity modifier (SPEC §4), found in one pass over
 * its characters with no regex. Immutable; pure functions, safe on any thread.
 *
 * <p>Interpretation: keywords and tech words match whole words, case-insensitively, where a word is
 * a maximal run of letters (any script), digits, underscores and combining marks: the boundary of
 * Java's regex {@code \b}. So {@code if(x)} and {@code API} match; {@code apis}, {@code build2},
 * {@code my_if}, {@code ifé} and {@code classic} do not. The length is the number of UTF-16 chars
 * ({@link String#length()}).
 *
 * @param length the message length in chars
 * @param backtick whether it contains a backtick
 * @param codeKeyword whether it contains a code keyword as a whole word
 * @param techWord whether it contains a tech word as a whole word
 * @param questionMarks how many '?' it contains, counted up to 2 (more add nothing)
 */
public record MessageFeatures(
    int length, boolean backtick, boolean codeKeyword, boolean techWord, int questionMarks) {

  /** SPEC §4's code keywords. */
  static final String[] CODE_KEYWORDS = {
    "function",
    "class",
    "import",
    "const",
    "let",
    "var",
    "if",
    "else",
    "for",
    "while",
    "def",
    "return"
  };

  /** SPEC §4's tech words. */
  static final String[] TECH_WORDS = {
    "api", "database", "server", "client", "bug", "error", "exception", "deploy", "build"
  };

  /** The cap on the length part of the complexity. */
  static final double MAX_LENGTH_SCORE = 0.3;

  /** The cap on the whole complexity. */
  static final double MAX_COMPLEXITY = 0.5;

  /**
   * Keywords are matched by packing each word's letters into a long, 5 bits per letter (a = 1 … z =
   * 26), and looking the value up in a collision-free table. The packing is injective for words of
   * up to 12 letters; every keyword has at most 9, so it is below 2^45, while any word of 10 or
   * more letters has a non-zero letter group at bit 45 or above and can never equal a keyword.
   */
  private static final long KEY_MASK = (1L << 45) - 1;

  private static final int TABLE_BITS = 7;
  private static final int KIND_SHIFT = 60;
  private static final long KIND_CODE = 1;
  private static final long KIND_TECH = 2;

  /** A word holding a digit, underscore or non-ASCII letter: never a keyword. */
  private static final long POISONED = -1L;

  /**
   * Slot → keyword | kind &lt;&lt; 60; an empty slot holds KEY_MASK, which no packed word equals.
   */
  private static final long[] TABLE = new long[1 << TABLE_BITS];

  private static final long MULTIPLIER = buildTable();

  /** Finds a multiplier that hashes every keyword to its own slot, and fills the table. */
  private static long buildTable() {
    for (long m = 0x9E3779B97F4A7C15L; ; m += 0x632BE59BD9B4E019L) {
      java.util.Arrays.fill(TABLE, KEY_MASK);
      if (fill(CODE_KEYWORDS, KIND_CODE, m) && fill(TECH_WORDS, KIND_TECH, m)) {
        return m;
      }
    }
  }

  private static boolean fill(String[] words, long kind, long multiplier) {
    for (String w : words) {
      long packed = 0;
      for (int i = 0; i < w.length(); i++) {
        packed = (packed << 5) | (w.charAt(i) - 'a' + 1);
      }
      int slot = (int) ((packed * multiplier) >>> (64 - TABLE_BITS));
      if (TABLE[slot] != KEY_MASK) {
        return false;
      }
      TABLE[slot] = packed | (kind << KIND_SHIFT);
    }
    return true;
  }

  /** The kind bits of {@code packed} if it is a keyword, else 0. */
  private static long kindOf(long packed, long[] table, long multiplier) {
    long entry = table[(int) ((packed * multiplier) >>> (64 - TABLE_BITS))];
    return (entry & KEY_MASK) == packed ? entry >>> KIND_SHIFT : 0;
  }

  /** Letters, digits and combining marks outside ASCII are part of a word but never a keyword. */
  private static boolean partOfWord(char ch) {
    return Character.isLetterOrDigit(ch) || Character.getType(ch) == Character.NON_SPACING_MARK;
  }

  /**
   * Scans {@code text} once. The keyword lookup runs for every char, without a branch, and only
   * counts at a word's end: words have random lengths, so a branch on "word ended" would be
   * mispredicted about once per word, which costs more than the lookup.
   */
  public static MessageFeatures of(String text) {
    int n = text.length();
    long[] table = TABLE;
    long multiplier = MULTIPLIER;
    long packed = 0;
    long kinds = 0;
    int questions = 0;
    boolean backtick = false;
    for (int i = 0; i < n; i++) {
      char ch = text.charAt(i);
      long kind = kindOf(packed, table, multiplier);
      // One unsigned compare finds both cases of the ASCII letters: ch | 0x20 folds A-Z onto a-z.
      int letter = (ch | 0x20) - 'a';
      if (Integer.compareUnsigned(letter, 26) < 0) {
        packed = (packed << 5) | (letter + 1);
      } else {
        boolean wordChar =
            Integer.compareUnsigned(ch - '0', 10) < 0 || ch == '_' || (ch >= 128 && partOfWord(ch));
        if (wordChar) {
          packed = POISONED; // the word goes on, but can no longer be a keyword
        } else {
          kinds |= kind; // the word before this separator, if any, has ended
          packed = 0;
        }
        questions += ch == '?' ? 1 : 0;
        backtick |= ch == '`';
      }
    }
    kinds |= kindOf(packed, table, multiplier);
    return new MessageFeatures(
        n, backtick, (kinds & KIND_CODE) != 0, (kinds & KIND_TECH) != 0, Math.min(questions, 2));
  }

  /**
   * The complexity modifier: min(len/100, 0.3) + 0.2 backtick + 0.15 keyword + 0.1 tech word + 0.05
   * for one '?' or 0.15 for two or more, capped at 0.5.
   */
  public double complexity() {
    double sum = Math.min(length / 100.0, MAX_LENGTH_SCORE);
    if (backtick) {
      sum += 0.2;
    }
    if (codeKeyword) {
      sum += 0.15;
    }
    if (techWord) {
      sum += 0.1;
    }
    if (questionMarks == 1) {
      sum += 0.05;
    } else if (questionMarks >= 2) {
      sum += 0.15;
    }
    return Math.min(sum, MAX_COMPLEXITY);
  }
}
