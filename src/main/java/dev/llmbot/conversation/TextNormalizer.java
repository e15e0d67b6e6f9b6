package dev.llmbot.conversation;

import java.util.ArrayList;
import java.util.List;

/**
 * Normalises text for duplicate detection: lower case, letters and digits kept, everything else a
 * single space, trimmed. "Bob broke PROD!!" and "bob broke prod" are the same.
 */
final class TextNormalizer {
  private TextNormalizer() {}

  static String normalize(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    boolean space = true;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        sb.appendCodePoint(Character.toLowerCase(cp));
        space = false;
      } else if (!space) {
        sb.append(' ');
        space = true;
      }
    }
    int len = sb.length();
    if (len > 0 && sb.charAt(len - 1) == ' ') {
      sb.setLength(len - 1);
    }
    return sb.toString();
  }

  /** The words of normalised text, in order, repeats included. */
  static List<String> words(String normalized) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int n = normalized.length();
    while (start < n) {
      int end = normalized.indexOf(' ', start);
      if (end < 0) {
        end = n;
      }
      out.add(normalized.substring(start, end));
      start = end + 1;
    }
    return out;
  }

  /** A 64-bit FNV-1a hash, so that the exact-duplicate index needs no second copy of the text. */
  static long hash64(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
