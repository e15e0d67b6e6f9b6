package dev.llmbot.split;

/**
 * Decides whether a cut between two UTF-16 units would split a user-perceived character. It
 * approximates the Unicode extended grapheme cluster rules (UAX #29) that matter in chat replies:
 * surrogate pairs, CR LF, combining marks, variation selectors, emoji modifiers and tags,
 * zero-width joiner sequences, regional-indicator flags and Hangul jamo. Stateless.
 */
final class Graphemes {
  private static final int ZWJ = 0x200D;

  private Graphemes() {}

  /**
   * Whether a cut before index {@code x} keeps grapheme clusters whole. Reads {@code x - 2} to
   * {@code x + 1}; regional indicators are paired counting back no further than {@code floor}.
   */
  static boolean isBoundary(CharSequence t, int x, int floor) {
    char c = t.charAt(x);
    char p = t.charAt(x - 1);
    if (Character.isLowSurrogate(c) && Character.isHighSurrogate(p)) {
      return false;
    }
    if (p == '\r' && c == '\n') {
      return false;
    }
    if (c < 0x300 && p < 0x300) {
      return true; // the common case: Latin text, no combining marks involved
    }
    int cp = codePointAt(t, x);
    int before = codePointBefore(t, x);
    if (before == ZWJ || isExtend(cp)) {
      return false;
    }
    if (isRegionalIndicator(cp) && isRegionalIndicator(before)) {
      // Flags pair up from the start of a run of regional indicators: cut only after an even count.
      int count = 0;
      int i = x;
      while (i > floor) {
        int r = codePointBefore(t, i);
        if (!isRegionalIndicator(r)) {
          break;
        }
        count++;
        i -= Character.charCount(r);
      }
      return count % 2 == 0;
    }
    return !joinsHangul(before, cp);
  }

  /** Marks that attach to the preceding character (Extend, SpacingMark and ZWJ in UAX #29). */
  static boolean isExtend(int cp) {
    if (cp < 0x300) {
      return false;
    }
    if (cp == ZWJ
        || cp == 0x200C
        || (cp >= 0xFE00 && cp <= 0xFE0F)
        || (cp >= 0x1F3FB && cp <= 0x1F3FF)
        || (cp >= 0xE0020 && cp <= 0xE007F)
        || (cp >= 0xE0100 && cp <= 0xE01EF)
        || cp == 0xFF9E
        || cp == 0xFF9F) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }

  static boolean isRegionalIndicator(int cp) {
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
  }

  private static boolean joinsHangul(int before, int cp) {
    if (isHangulL(before)) {
      return isHangulL(cp) || isHangulV(cp) || isHangulSyllable(cp);
    }
    if (isHangulV(before) || (isHangulSyllable(before) && (before - 0xAC00) % 28 == 0)) {
      return isHangulV(cp) || isHangulT(cp);
    }
    if (isHangulT(before) || isHangulSyllable(before)) {
      return isHangulT(cp);
    }
    return false;
  }

  private static boolean isHangulL(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0xA960 && cp <= 0xA97C);
  }

  private static boolean isHangulV(int cp) {
    return (cp >= 0x1160 && cp <= 0x11A7) || (cp >= 0xD7B0 && cp <= 0xD7C6);
  }

  private static boolean isHangulT(int cp) {
    return (cp >= 0x11A8 && cp <= 0x11FF) || (cp >= 0xD7CB && cp <= 0xD7FB);
  }

  private static boolean isHangulSyllable(int cp) {
    return cp >= 0xAC00 && cp <= 0xD7A3;
  }

  private static int codePointAt(CharSequence t, int i) {
    char c = t.charAt(i);
    if (Character.isHighSurrogate(c) && i + 1 < t.length()) {
      char d = t.charAt(i + 1);
      if (Character.isLowSurrogate(d)) {
        return Character.toCodePoint(c, d);
      }
    }
    return c;
  }

  private static int codePointBefore(CharSequence t, int i) {
    char c = t.charAt(i - 1);
    if (Character.isLowSurrogate(c) && i >= 2) {
      char h = t.charAt(i - 2);
      if (Character.isHighSurrogate(h)) {
        return Character.toCodePoint(h, c);
      }
    }
    return c;
  }
}
