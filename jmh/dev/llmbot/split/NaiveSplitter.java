package dev.llmbot.split;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The naive baseline for {@link SplitterBenchmark}: split into paragraphs, a paragraph too long
 * into sentences with a regex, a sentence too long into words, a word too long by a hard cut at the
 * limit; then pack the pieces greedily by string concatenation. Not fence-aware and not
 * grapheme-aware: it exists only to be measured against.
 */
final class NaiveSplitter {
  private static final Pattern PARAGRAPHS = Pattern.compile("\\n\\s*\\n");
  private static final Pattern SENTENCES = Pattern.compile("(?<=[.!?])\\s+");
  private static final Pattern WORDS = Pattern.compile("\\s+");

  private NaiveSplitter() {}

  static List<String> split(String text, int max) {
    List<String> out = new ArrayList<>();
    String current = "";
    for (String paragraph : PARAGRAPHS.split(text.strip())) {
      if (paragraph.isBlank()) {
        continue;
      }
      for (String piece : pieces(paragraph, max)) {
        String sep = current.isEmpty() ? "" : (piece == paragraph ? "\n\n" : " ");
        if (current.length() + sep.length() + piece.length() <= max) {
          current = current + sep + piece;
        } else {
          if (!current.isEmpty()) {
            out.add(current);
          }
          current = piece;
        }
      }
    }
    if (!current.isBlank()) {
      out.add(current);
    }
    return out;
  }

  private static List<String> pieces(String paragraph, int max) {
    List<String> result = new ArrayList<>();
    if (paragraph.length() <= max) {
      result.add(paragraph);
      return result;
    }
    for (String sentence : SENTENCES.split(paragraph)) {
      if (sentence.length() <= max) {
        result.add(sentence);
        continue;
      }
      for (String word : WORDS.split(sentence)) {
        while (word.length() > max) {
          result.add(word.substring(0, max));
          word = word.substring(max);
        }
        if (!word.isEmpty()) {
          result.add(word);
        }
      }
    }
    return result;
  }
}
