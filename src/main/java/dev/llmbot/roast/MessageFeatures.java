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

  private static final int MAX_WORD = 9;
  private static final int MIN_WORD = 2;
  private static final byte OTHER = 0;
  private static final byte DIGIT_OR_UNDERSCORE = 27;
  private static final byte BACKTICK = 28;
  private static final byte QUESTION = 29;

  /** For each ASCII char: 1..26 for a letter (its index in the alphabet), else a class above. */
  private static final byte[] CLASS = new byte[128];

  /** Open-addressing table of packed words (5 bits per letter) → 1 code keyword, 2 tech word. */
  private static final int TABLE_BITS = 6;

  private static final long[] KEYS = new long[1 << TABLE_BITS];
  private static final byte[] KINDS = new byte[1 << TABLE_BITS];
  private static final byte KIND_CODE = 1;
  private static final byte KIND_TECH = 2;

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      CLASS[c] = (byte) (c - 'a' + 1);
      CLASS[c - 'a' + 'A'] = (byte) (c - 'a' + 1);
    }
    for (char c = '0'; c <= '9'; c++) {
      CLASS[c] = DIGIT_OR_UNDERSCORE;
    }
    CLASS['_'] = DIGIT_OR_UNDERSCORE;
    CLASS['`'] = BACKTICK;
    CLASS['?'] = QUESTION;
    for (String w : CODE_KEYWORDS) {
      insert(w, KIND_CODE);
    }
    for (String w : TECH_WORDS) {
      insert(w, KIND_TECH);
    }
  }

  private static void insert(String word, byte kind) {
    long packed = 0;
    for (int i = 0; i < word.length(); i++) {
      packed = (packed << 5) | CLASS[word.charAt(i)];
    }
    int slot = slot(packed);
    while (KEYS[slot] != 0) {
      slot = (slot + 1) & (KEYS.length - 1);
    }
    KEYS[slot] = packed;
    KINDS[slot] = kind;
  }

  private static int slot(long packed) {
    long h = packed * 0x9E3779B97F4A7C15L;
    return (int) (h >>> (64 - TABLE_BITS));
  }

  private static byte kindOf(long packed) {
    int slot = slot(packed);
    long key;
    while ((key = KEYS[slot]) != 0) {
      if (key == packed) {
        return KINDS[slot];
      }
      slot = (slot + 1) & (KEYS.length - 1);
    }
    return OTHER;
  }

  /** Letters, digits and combining marks outside ASCII are part of a word but never a keyword. */
  private static byte nonAscii(char ch) {
    return Character.isLetterOrDigit(ch) || Character.getType(ch) == Character.NON_SPACING_MARK
        ? DIGIT_OR_UNDERSCORE
        : OTHER;
  }

  /** Scans {@code text} once. */
  public static MessageFeatures of(String text) {
    int n = text.length();
    boolean backtick = false;
    boolean code = false;
    boolean tech = false;
    int questions = 0;
    long packed = 0;
    int wordLength = 0;
    boolean lettersOnly = true;
    for (int i = 0; i < n; i++) {
      char ch = text.charAt(i);
      byte cls = ch < 128 ? CLASS[ch] : nonAscii(ch);
      if (cls != OTHER && cls < DIGIT_OR_UNDERSCORE) {
        packed = (packed << 5) | cls;
        wordLength++;
        continue;
      }
      if (cls == DIGIT_OR_UNDERSCORE) {
        wordLength++;
        lettersOnly = false;
        continue;
      }
      // A separator ends the current word, if any.
      if (wordLength >= MIN_WORD && wordLength <= MAX_WORD && lettersOnly) {
        byte kind = kindOf(packed);
        code |= kind == KIND_CODE;
        tech |= kind == KIND_TECH;
      }
      packed = 0;
      wordLength = 0;
      lettersOnly = true;
      if (cls == BACKTICK) {
        backtick = true;
      } else if (cls == QUESTION && questions < 2) {
        questions++;
      }
    }
    if (wordLength >= MIN_WORD && wordLength <= MAX_WORD && lettersOnly) {
      byte kind = kindOf(packed);
      code |= kind == KIND_CODE;
      tech |= kind == KIND_TECH;
    }
    return new MessageFeatures(n, backtick, code, tech, questions);
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
