package dev.llmbot.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks every invariant of SPEC §9 on one split, independently of the splitter's internals: the
 * fence state is re-derived by a simple line-by-line parser, and the pieces the splitter reports
 * are verified against the chunks and the input rather than trusted.
 */
final class SplitChecks {
  private SplitChecks() {}

  /** Splits with piece recording and checks everything; returns the result. */
  static SplitResult splitAndCheck(String input, int maxChars, int maxChunks) {
    List<Piece> pieces = new ArrayList<>();
    SplitResult r = new MessageSplitter(maxChars, maxChunks).split(input, pieces);
    check(input, maxChars, maxChunks, r, pieces);
    return r;
  }

  static void check(String input, int maxChars, int maxChunks, SplitResult r, List<Piece> pieces) {
    List<String> chunks = r.chunks();
    assertThat(chunks.size()).isLessThanOrEqualTo(maxChunks);
    if (input.isBlank()) {
      assertThat(chunks).isEmpty();
      assertThat(r.attachment()).isNull();
      return;
    }
    assertThat(chunks).isNotEmpty();
    for (String c : chunks) {
      assertThat(c.length()).as("chunk length").isLessThanOrEqualTo(maxChars);
      assertThat(c.isBlank()).as("blank chunk").isFalse();
    }
    if (r.attachment() != null) {
      assertThat(chunks).hasSize(maxChunks);
      assertThat(r.attachment().isBlank()).isFalse();
    }
    assertThat(pieces).hasSize(chunks.size() + (r.attachment() == null ? 0 : 1));

    RefFences ref = new RefFences(input, maxChars);
    int prevEnd = 0;
    for (int i = 0; i < pieces.size(); i++) {
      Piece p = pieces.get(i);
      String out = i < chunks.size() ? chunks.get(i) : r.attachment();
      assertThat(out).isEqualTo(p.prefix() + input.substring(p.start(), p.end()) + p.suffix());
      // Nothing lost: only whitespace between the pieces.
      assertThat(input.substring(prevEnd, p.start()).isBlank())
          .as("gap before piece %d is whitespace", i)
          .isTrue();
      assertThat(p.end()).isGreaterThan(p.start());
      prevEnd = p.end();
      // Inserted fence lines: exactly where the reference parser says a block is open.
      String open = ref.repairedOpenAt(p.start());
      assertThat(p.prefix()).isEqualTo(open == null ? "" : open + "\n");
      if (i < chunks.size()) {
        String close = ref.repairedCloseAt(p.end());
        assertThat(p.suffix()).isEqualTo(close == null ? "" : "\n" + close);
        boolean closesTheEnd = p.end() == input.stripTrailing().length();
        if (close != null && !closesTheEnd) {
          // A block is only cut if it began in an earlier chunk or cannot fit in one message.
          int[] block = ref.blockAt(p.end(), input);
          assertThat(block[0] < p.start() || block[1] > maxChars)
              .as("block at %d (size %d) cut in chunk %d though it fits", block[0], block[1], i)
              .isTrue();
        }
      } else {
        assertThat(p.suffix()).isEmpty();
        assertThat(p.end()).isEqualTo(input.length());
      }
      assertNoSurrogateSplit(input, p.start());
      assertNoSurrogateSplit(input, p.end());
    }
    assertThat(input.substring(prevEnd).isBlank()).as("tail is whitespace").isTrue();
  }

  /** For generated texts whose clusters are short: no cut lands inside a grapheme cluster. */
  static void assertNoClusterSplit(String input, List<Piece> pieces) {
    for (Piece p : pieces) {
      int x = p.end();
      if (x >= input.length() || x == 0) {
        continue;
      }
      int cp = input.codePointAt(x);
      int before = input.codePointBefore(x);
      assertThat(RefClusters.extendsPrevious(cp))
          .as("cut at %d before a combining or joining mark", x)
          .isFalse();
      assertThat(before).as("cut at %d after a ZWJ", x).isNotEqualTo(0x200D);
      if (RefClusters.isRegional(cp) && RefClusters.isRegional(before)) {
        int count = 0;
        int i = x;
        while (i > 0 && RefClusters.isRegional(input.codePointBefore(i))) {
          count++;
          i -= 2;
        }
        assertThat(count % 2).as("cut at %d inside a flag", x).isZero();
      }
    }
  }

  /**
   * For texts without fence markers: a hard cut (non-blank on both sides) only happens when the
   * chunk held no whitespace to cut at.
   */
  static void assertHardCutsOnlyWithoutWhitespace(String input, List<Piece> pieces, int chunks) {
    for (int i = 0; i < chunks; i++) {
      Piece p = pieces.get(i);
      int x = p.end();
      if (x >= input.length()) {
        continue;
      }
      char last = input.charAt(x - 1);
      char next = input.charAt(x);
      boolean hard =
          !Character.isWhitespace(last)
              && !Character.isWhitespace(next)
              && "\u3002\uFF01\uFF1F".indexOf(last) < 0;
      if (hard) {
        String body = input.substring(p.start() + 1, x);
        assertThat(body.chars().noneMatch(c -> " \n\t\r\u3000\u2028\u2029".indexOf(c) >= 0))
            .as("hard cut at %d although the chunk had whitespace", x)
            .isTrue();
      }
    }
  }

  private static void assertNoSurrogateSplit(String s, int x) {
    if (x > 0 && x < s.length()) {
      assertThat(
              Character.isHighSurrogate(s.charAt(x - 1)) && Character.isLowSurrogate(s.charAt(x)))
          .as("cut at %d splits a surrogate pair", x)
          .isFalse();
    }
  }

  /** Cluster facts for the checks, written from UAX #29 independently of {@link Graphemes}. */
  static final class RefClusters {
    private RefClusters() {}

    static boolean extendsPrevious(int cp) {
      int t = Character.getType(cp);
      return t == Character.NON_SPACING_MARK
          || t == Character.ENCLOSING_MARK
          || t == Character.COMBINING_SPACING_MARK
          || cp == 0x200D
          || (cp >= 0xFE00 && cp <= 0xFE0F)
          || (cp >= 0x1F3FB && cp <= 0x1F3FF);
    }

    static boolean isRegional(int cp) {
      return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }
  }

  /** A line-by-line fence parser: which block is open after each fence line. */
  static final class RefFences {
    private final List<int[]> events = new ArrayList<>(); // {contentEnd, openIndex or -1}
    private final List<String[]> opened = new ArrayList<>(); // {reopen, close, repaired}
    private final List<int[]> blocks = new ArrayList<>(); // {markerStart, closing contentEnd or -1}

    RefFences(String text, int maxChars) {
      int lineStart = 0;
      String[] open = null;
      char openMarker = 0;
      int openRun = 0;
      while (lineStart <= text.length()) {
        int nl = text.indexOf('\n', lineStart);
        int lineEnd = nl < 0 ? text.length() : nl;
        String line = text.substring(lineStart, lineEnd);
        int indent = 0;
        while (indent < line.length()
            && (line.charAt(indent) == ' ' || line.charAt(indent) == '\t')) {
          indent++;
        }
        String rest = line.substring(indent);
        char m = rest.isEmpty() ? 0 : rest.charAt(0);
        int run = 0;
        while (run < rest.length() && rest.charAt(run) == m) {
          run++;
        }
        if ((m == '`' || m == '~') && run >= 3) {
          String after = rest.substring(run);
          int contentEnd = lineStart + indent + run + after.stripTrailing().length();
          if (open == null) {
            if (m == '~' || after.indexOf('`') < 0) {
              String markers = String.valueOf(m).repeat(run);
              String reopen = markers + after.strip();
              boolean repaired = reopen.length() + 1 + run + 1 <= maxChars / 2;
              open = new String[] {reopen, markers, String.valueOf(repaired)};
              openMarker = m;
              openRun = run;
              opened.add(open);
              events.add(new int[] {contentEnd, opened.size() - 1});
              blocks.add(new int[] {lineStart + indent, -1});
            }
          } else if (m == openMarker && run >= openRun && after.isBlank()) {
            open = null;
            events.add(new int[] {contentEnd, -1});
            blocks.get(blocks.size() - 1)[1] = contentEnd;
          }
        }
        if (nl < 0) {
          break;
        }
        lineStart = nl + 1;
      }
    }

    /** {markerStart, size alone in a message} of the repaired block open at x, or null. */
    int[] blockAt(int x, String text) {
      int index = -1;
      for (int[] e : events) {
        if (e[0] <= x) {
          index = e[1];
        }
      }
      if (index < 0 || !Boolean.parseBoolean(opened.get(index)[2])) {
        return null;
      }
      int[] b = blocks.get(index);
      int size =
          b[1] >= 0
              ? b[1] - b[0]
              : text.stripTrailing().length() - b[0] + 1 + opened.get(index)[1].length();
      return new int[] {b[0], size};
    }

    private String[] openAt(int x) {
      String[] state = null;
      for (int[] e : events) {
        if (e[0] <= x) {
          state = e[1] < 0 ? null : opened.get(e[1]);
        }
      }
      return state != null && Boolean.parseBoolean(state[2]) ? state : null;
    }

    String repairedOpenAt(int x) {
      String[] s = openAt(x);
      return s == null ? null : s[0];
    }

    String repairedCloseAt(int x) {
      String[] s = openAt(x);
      return s == null ? null : s[1];
    }
  }
}
