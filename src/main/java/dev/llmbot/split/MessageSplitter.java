package dev.llmbot.split;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a reply into Discord-sized messages without losing text. Stateless and thread-safe.
 *
 * <p>Foundation version: it cuts at the last line break or whitespace within the limit, else hard
 * cuts (never inside a surrogate pair). The fence-aware, streaming splitter replaces it.
 */
public final class MessageSplitter {
  private final int maxChars;
  private final int maxChunks;

  public MessageSplitter(int maxChars, int maxChunks) {
    if (maxChars < 2 || maxChunks < 1) {
      throw new IllegalArgumentException("maxChars >= 2 and maxChunks >= 1");
    }
    this.maxChars = maxChars;
    this.maxChunks = maxChunks;
  }

  /** Splits {@code text}; a blank text yields no chunks. */
  public SplitResult split(String text) {
    List<String> chunks = new ArrayList<>();
    int pos = skipWhitespace(text, 0);
    while (pos < text.length()) {
      if (chunks.size() == maxChunks) {
        return new SplitResult(chunks, text.substring(pos));
      }
      int end = Math.min(text.length(), pos + maxChars);
      if (end < text.length()) {
        int cut = lastBreak(text, pos, end);
        end = cut > pos ? cut : safeHardCut(text, pos, end);
      }
      String chunk = text.substring(pos, end).stripTrailing();
      if (!chunk.isEmpty()) {
        chunks.add(chunk);
      }
      pos = skipWhitespace(text, end);
    }
    return new SplitResult(chunks, null);
  }

  private static int lastBreak(String text, int from, int end) {
    for (int i = end; i > from; i--) {
      if (text.charAt(i) == '\n') {
        return i;
      }
    }
    for (int i = end; i > from; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static int safeHardCut(String text, int from, int end) {
    if (end > from + 1 && Character.isLowSurrogate(text.charAt(end))) {
      return end - 1;
    }
    return end;
  }

  private static int skipWhitespace(String text, int pos) {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
    return pos;
  }
}
