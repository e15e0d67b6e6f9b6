package dev.llmbot.split;

import java.util.List;

/**
 * The splitting algorithm, shared by the batch and the streaming form so both cut identically.
 *
 * <p>For each chunk it looks at the window the limit allows and walks back from its end to the last
 * good split point: a paragraph break, else a line break, else a sentence end, else any whitespace,
 * each accepted only if the chunk keeps at least half the window; failing that, the last split
 * point of any kind; failing that, a hard cut on a grapheme boundary. Fence lines are found once by
 * {@link FenceTracker}; a chunk that ends inside a block is closed and the next one reopens it.
 * Whether a window holds any whitespace at all is answered by cached {@code indexOf} searches that
 * only move forward, so a text without spaces is not rescanned per window.
 *
 * <p>A code block that fits in one message is never cut: a block that opens and closes within the
 * window offers no split points, and one that opens in the window and runs past it moves whole to
 * the next chunk if it fits there.
 *
 * <p>A decision reads the text up to the first non-blank character at or after the window's end
 * (plus one character and the whole of any fence line there), and for a block that runs past the
 * window up to {@code maxChars} past its opening line. The streaming form waits until that much has
 * arrived, which is why it emits the same chunks as the batch form.
 *
 * <p>Owned by one thread at a time; not thread-safe.
 */
final class SplitEngine {
  static final int NONE = Integer.MAX_VALUE;
  private static final long WAIT = -2;

  /** Characters that make a split point: whitespace that breaks, and CJK sentence ends. */
  private static final char[] BREAKS = {
    '\n', ' ', '\t', '\r', '\u2028', '\u2029', '\u3000', '\u3002', '\uFF01', '\uFF1F'
  };

  private static final int NL = 0;
  private static final int GRAPHEME_BACKTRACK = 32;

  private final int maxChars;
  private final int maxChunks;
  private final CharSequence text;
  private final FenceTracker fences;
  private final List<Piece> pieces;
  private int length;
  private boolean complete;

  private final int[] nextBreak = new int[BREAKS.length];
  private final int[] breakSearched = new int[BREAKS.length];

  private int start = -1; // where the next chunk's text begins (kept indentation inside a block)
  private int contentStart; // its first non-blank character
  private Fence openAtStart; // the repaired fence the next chunk reopens, or null
  private int emitted;
  private boolean done;
  private String attachment;
  private int trimmedEnd = -1;
  private int leadScan;
  private int lookFrom = -1;
  private int lookScan;

  SplitEngine(int maxChars, int maxChunks, CharSequence text, List<Piece> pieces) {
    this.maxChars = maxChars;
    this.maxChunks = maxChunks;
    this.text = text;
    this.pieces = pieces;
    this.fences = new FenceTracker(text, maxChars);
    java.util.Arrays.fill(nextBreak, -1);
  }

  /** The text now holds {@code length} characters; {@code complete} once no more will come. */
  void update(int length, boolean complete) {
    this.length = length;
    this.complete = complete;
    fences.update(length, complete);
  }

  /** Adds every chunk that can be decided now to {@code out}. */
  void drain(List<String> out) {
    while (step(out)) {
      // each step emits one chunk
    }
  }

  /** The overflow beyond maxChunks, once complete, or null. */
  String attachment() {
    return attachment;
  }

  private boolean step(List<String> out) {
    if (done) {
      return false;
    }
    if (start < 0) {
      int i = leadScan;
      while (i < length && isWs(text.charAt(i))) {
        i++;
      }
      leadScan = i;
      if (i >= length) {
        done = complete; // a blank text gives no chunks
        return false;
      }
      start = i;
      contentStart = i;
    }
    if (emitted == maxChunks) {
      if (complete) {
        done = true;
        String prefix = openAtStart == null ? "" : openAtStart.prefix();
        attachment = prefix + substring(start, length);
        if (pieces != null) {
          pieces.add(new Piece(prefix, start, length, ""));
        }
      }
      return false;
    }
    final int s = start;
    final int b0 = contentStart;
    final Fence pf = openAtStart;
    final int p = pf == null ? 0 : pf.prefixLength();
    final int cap = maxChars - p;
    final long windowEnd = (long) s + cap; // long: maxChars may be as large as an int allows
    int e;
    int q;
    if (complete) {
      fences.processThrough(length);
      int t = trimmedEnd();
      Fence endOpen = repaired(fences.openAfter(fences.lastEndingBy(t)));
      int size = p + (t - s) + (endOpen == null ? 0 : endOpen.suffixLength());
      if (size <= maxChars) {
        emit(out, s, t, t, pf, endOpen);
        done = true;
        return true;
      }
      e = (int) Math.min(windowEnd, t - 1);
      q = firstNonBlank(e);
    } else {
      if (windowEnd + 2 > length) {
        return false;
      }
      e = (int) windowEnd;
      q = firstNonBlank(e);
      if (q < 0 || q + 2 > length || !fences.processThrough(q)) {
        return false; // the decision needs text that has not arrived yet
      }
    }
    int mid = (int) Math.max(Math.min((long) s + cap / 2, e), b0 + 1L);
    long cut = wholeBlockCut(b0, e);
    if (cut == WAIT) {
      return false;
    }
    boolean newline = cut < 0 && nextBreak(NL, b0 + 1) < q;
    if (newline) {
      cut = lineBreak(s, b0, e, q, mid, p);
    }
    // Without any split character in the window (a blob), skip the walk and cut hard at once.
    if (cut < 0 && (newline || firstBreak(b0 + 1) < q)) {
      cut = spaceBreak(s, b0, e, q, mid, p);
    }
    if (cut < 0) {
      cut = hardCut(s, b0, e, p);
    }
    int a = (int) (cut >>> 32);
    int b = (int) cut;
    emit(out, s, a, b, pf, repaired(fences.openAfter(fences.lastEndingBy(a))));
    return true;
  }

  /**
   * Keeps a code block whole when it can be: if a block opens inside this chunk (not at its start)
   * and runs past the window, but fits in one message by itself, the chunk ends before its opening
   * line, whatever the other split points. Returns the cut, -1 when the rule does not apply, or
   * {@link #WAIT} while the stream has not shown yet whether the block fits.
   */
  private long wholeBlockCut(int b0, int e) {
    int j = fences.lastEndingBy(e);
    // The block open at e, or opening on a line that straddles e.
    int o = fences.insideNextLine(j, e) && fences.opens(j + 1) ? j + 1 : j;
    if (o < 0 || !fences.opens(o) || !fences.fence(o).repaired()) {
      return -1;
    }
    int ms = fences.markerStart(o);
    int a = ms;
    while (a > b0 && isWs(text.charAt(a - 1))) {
      a--;
    }
    if (a <= b0) {
      return -1; // the block starts the chunk: nothing to keep it apart from
    }
    // Alone, the block takes [ms, end of its closing line), or to the text's end plus a closing
    // line if the model left it open; it fits if that ends by ms + maxChars.
    long limit = (long) ms + maxChars;
    if (!complete && !fences.processThrough((int) Math.min(limit, NONE - 1))) {
      return WAIT;
    }
    int k = o + 1;
    boolean fits;
    if (k < fences.count()) {
      fits = fences.contentEnd(k) <= limit; // the block's closing line
    } else {
      long from = limit - fences.fence(o).suffixLength();
      int x = from < length ? firstNonBlankAfter((int) from) : -1;
      if (x >= 0) {
        fits = false; // no closing line yet, and the block already holds more than fits
      } else if (complete) {
        fits = true;
      } else {
        return WAIT;
      }
    }
    return fits ? pack(a, ms) : -1;
  }

  /** First non-blank position at or after {@code from} (uncached), or -1 if none yet. */
  private int firstNonBlankAfter(int from) {
    int i = from;
    while (i < length && isWs(text.charAt(i))) {
      i++;
    }
    return i < length ? i : -1;
  }

  /**
   * The last valid paragraph break in the upper half, else its last line break, else -1. Runs are
   * scanned from their top, so the first newline met is a run's last; a second one met while
   * walking back to the run's start makes it a paragraph break.
   */
  private long lineBreak(int s, int b0, int e, int q, int mid, int p) {
    int lineA = -1;
    int lineI = -1;
    int i = q - 1;
    while (true) {
      i = prevNewline(i, mid);
      if (i < mid) {
        break;
      }
      int a = i;
      boolean paragraph = false;
      while (a > b0) {
        char c = text.charAt(a - 1);
        if (!isWs(c)) {
          break;
        }
        paragraph |= c == '\n';
        a--;
      }
      if (a < mid) {
        break;
      }
      if ((paragraph || lineA < 0) && valid(a, i, s, e, p)) {
        if (paragraph) {
          return pack(a, runEnd(i));
        }
        lineA = a;
        lineI = i;
      }
      i = a - 1;
    }
    return lineA < 0 ? -1 : pack(lineA, runEnd(lineI));
  }

  /**
   * The last index at or below {@code i} and at or above {@code lo} holding a control character, a
   * space or one of the other split characters, else {@code lo - 1}. Other whitespace only matters
   * inside a run that holds a split character, where the run walk finds it. Kept tiny so the JIT
   * compiles the hot scan as a tight loop.
   */
  private int prevSpecial(int i, int lo) {
    CharSequence t = text;
    while (i >= lo) {
      char c = t.charAt(i);
      if (c <= ' ' || (c >= '\u2028' && isOtherBreak(c))) {
        return i;
      }
      i--;
    }
    return i;
  }

  private static boolean isOtherBreak(char c) {
    return c == '\u2028' || c == '\u2029' || c == '\u3000' || isCjkStop(c);
  }

  /** The last newline at or below {@code i} and at or above {@code lo}, else {@code lo - 1}. */
  private int prevNewline(int i, int lo) {
    CharSequence t = text;
    while (i >= lo && t.charAt(i) != '\n') {
      i--;
    }
    return i;
  }

  /**
   * The last valid sentence end in the upper half, else its last whitespace, else the last valid
   * split point of any kind in the lower half, else -1.
   */
  private long spaceBreak(int s, int b0, int e, int q, int mid, int p) {
    int spaceA = -1;
    int spaceI = -1;
    int i = q - 1;
    while (true) {
      i = prevSpecial(i, mid);
      if (i < mid) {
        break;
      }
      char c = text.charAt(i);
      if (isCjkStop(c)) {
        long cut = afterCjkStop(i, s, b0, e, p);
        if (cut >= 0) {
          return cut;
        }
        i--;
        continue;
      }
      if (!isWs(c)) {
        i--;
        continue;
      }
      int a = runStart(i, b0);
      if (a < mid) {
        break;
      }
      if (hasBreak(a, i + 1) && valid(a, i, s, e, p)) {
        if (isSentenceEnd(a, b0)) {
          return pack(a, runEnd(i));
        }
        if (spaceA < 0) {
          spaceA = a;
          spaceI = i;
        }
      }
      i = a - 1;
    }
    if (spaceA >= 0) {
      return pack(spaceA, runEnd(spaceI));
    }
    while (true) {
      i = prevSpecial(i, b0 + 1);
      if (i <= b0) {
        break;
      }
      char c = text.charAt(i);
      if (isCjkStop(c)) {
        long cut = afterCjkStop(i, s, b0, e, p);
        if (cut >= 0) {
          return cut;
        }
        i--;
        continue;
      }
      if (!isWs(c)) {
        i--;
        continue;
      }
      int a = runStart(i, b0);
      if (a > b0 && hasBreak(a, i + 1) && valid(a, i, s, e, p)) {
        return pack(a, runEnd(i));
      }
      i = a - 1;
    }
    return -1;
  }

  private long afterCjkStop(int i, int s, int b0, int e, int p) {
    int a = i + 1;
    if (a > e || !Graphemes.isBoundary(text, a, b0)) {
      return -1;
    }
    return valid(a, i, s, e, p) ? pack(a, runEnd(i)) : -1;
  }

  /**
   * Cuts at the window's end, moved back out of a fence line, before the inserted closing fence,
   * and onto a grapheme boundary (or, for a pathological cluster, a code point boundary).
   */
  private long hardCut(int s, int b0, int e, int p) {
    int x = e;
    while (true) {
      int j = fences.lastEndingBy(x);
      if (fences.insideNextLine(j, x) && fences.markerStart(j + 1) > b0) {
        x = fences.markerStart(j + 1);
        continue;
      }
      Fence f = repaired(fences.openAfter(j));
      if (f != null) {
        int max = s + maxChars - p - f.suffixLength();
        if (x > max) {
          x = max;
          continue;
        }
      }
      break;
    }
    int floor = Math.max(b0 + 1, x - GRAPHEME_BACKTRACK);
    int y = x;
    while (y >= floor && !Graphemes.isBoundary(text, y, b0)) {
      y--;
    }
    if (y >= floor) {
      x = y;
    } else if (x - 1 > b0
        && Character.isLowSurrogate(text.charAt(x))
        && Character.isHighSurrogate(text.charAt(x - 1))) {
      x--;
    }
    int a = x;
    while (a > b0 + 1 && isWs(text.charAt(a - 1))) {
      a--;
    }
    int b = x;
    while (b < length && isWs(text.charAt(b))) {
      b++;
    }
    return pack(a, b);
  }

  /**
   * Whether the chunk may end at {@code a}, the next one starting after the run that holds {@code
   * top} (the run's top whitespace, or the CJK stop before {@code a}): not inside a block that
   * opens and closes within the window; it fits with any closing fence, does not end inside a fence
   * line or right after an opening one (an empty block), and the next chunk does not start with a
   * closing fence line (an empty block again).
   */
  private boolean valid(int a, int top, int s, int e, int p) {
    if (a > e) {
      return false;
    }
    int j = fences.lastEndingBy(a);
    if (fences.insideNextLine(j, a)) {
      return false;
    }
    Fence f = repaired(fences.openAfter(j));
    int k = j + 1;
    if (f != null) {
      if (p + (a - s) + f.suffixLength() > maxChars) {
        return false;
      }
      if (fences.markerStart(j) >= s && k < fences.count() && fences.contentEnd(k) <= e) {
        return false; // the block opens and closes within this chunk: never cut it
      }
    }
    if (j >= 0 && fences.contentEnd(j) == a && fences.opens(j) && fences.fence(j).repaired()) {
      return false;
    }
    return k >= fences.count()
        || fences.opens(k)
        || !fences.fence(k).repaired()
        || fences.markerStart(k) != runEnd(top);
  }

  private void emit(List<String> out, int s, int a, int b, Fence pf, Fence f) {
    String chunk;
    if (pf == null && f == null) {
      chunk = substring(s, a);
    } else {
      // String.join sizes the result once: one copy of the body besides the substring.
      chunk =
          String.join(
              "", pf == null ? "" : pf.prefix(), substring(s, a), f == null ? "" : f.suffix());
    }
    out.add(chunk);
    if (pieces != null) {
      pieces.add(new Piece(pf == null ? "" : pf.prefix(), s, a, f == null ? "" : f.suffix()));
    }
    emitted++;
    int next = b;
    if (f != null) {
      // Inside a block the next chunk keeps the indentation of its first code line.
      int nl = b - 1;
      while (nl >= a && text.charAt(nl) != '\n') {
        nl--;
      }
      if (nl >= a && b - (nl + 1) <= (maxChars - f.prefixLength()) / 4) {
        next = nl + 1;
      }
    }
    start = next;
    contentStart = b;
    openAtStart = f;
  }

  private String substring(int from, int to) {
    return text instanceof String str
        ? str.substring(from, to)
        : text.subSequence(from, to).toString();
  }

  private int trimmedEnd() {
    if (trimmedEnd < 0) {
      int t = length;
      while (t > 0 && isWs(text.charAt(t - 1))) {
        t--;
      }
      trimmedEnd = t;
    }
    return trimmedEnd;
  }

  /** First non-blank position at or after {@code from}, or -1 if none has arrived yet. */
  private int firstNonBlank(int from) {
    int i = from == lookFrom ? lookScan : from;
    while (i < length && isWs(text.charAt(i))) {
      i++;
    }
    lookFrom = from;
    lookScan = i;
    return i < length ? i : -1;
  }

  private int runStart(int i, int b0) {
    int a = i;
    while (a > b0 && isWs(text.charAt(a - 1))) {
      a--;
    }
    return a;
  }

  private int runEnd(int i) {
    int b = i + 1;
    while (b < length && isWs(text.charAt(b))) {
      b++;
    }
    return b;
  }

  private int newlines(int a, int b) {
    int n = 0;
    for (int i = a; i < b && n < 2; i++) {
      if (text.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  private boolean hasBreak(int a, int b) {
    for (int i = a; i < b; i++) {
      char c = text.charAt(i);
      if (c == ' '
          || c == '\n'
          || c == '\t'
          || c == '\r'
          || c == '\u2028'
          || c == '\u2029'
          || c == '\u3000') {
        return true;
      }
    }
    return false;
  }

  private boolean isSentenceEnd(int a, int b0) {
    char c = text.charAt(a - 1);
    if (c == '.' || c == '!' || c == '?' || isCjkStop(c)) {
      return true;
    }
    if (a - 2 >= b0
        && (c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u201D' || c == '\u2019')) {
      char d = text.charAt(a - 2);
      return d == '.' || d == '!' || d == '?';
    }
    return false;
  }

  /** The earliest split character at or after {@code from}. */
  private int firstBreak(int from) {
    int best = NONE;
    for (int k = 0; k < BREAKS.length; k++) {
      best = Math.min(best, nextBreak(k, from));
    }
    return best;
  }

  /** First occurrence of BREAKS[k] at or after {@code from} (non-decreasing per k), or NONE. */
  private int nextBreak(int k, int from) {
    int cached = nextBreak[k];
    int searchFrom = from;
    if (cached == NONE) {
      if (breakSearched[k] >= length) {
        return NONE;
      }
      searchFrom = Math.max(from, breakSearched[k]);
    } else if (cached >= from) {
      return cached;
    }
    int found = indexOf(text, BREAKS[k], searchFrom);
    if (found < 0 || found >= length) {
      found = NONE;
      breakSearched[k] = length;
    }
    nextBreak[k] = found;
    return found;
  }

  private static Fence repaired(Fence f) {
    return f != null && f.repaired() ? f : null;
  }

  private static long pack(int a, int b) {
    return ((long) a << 32) | (b & 0xFFFFFFFFL);
  }

  private static boolean isCjkStop(char c) {
    return c == '\u3002' || c == '\uFF01' || c == '\uFF1F';
  }

  /** {@link Character#isWhitespace(char)}, with the ASCII cases first. */
  static boolean isWs(char c) {
    if (c <= ' ') {
      return c == ' ' || (c >= '\t' && c <= '\r') || c >= '\u001C';
    }
    return c >= '\u1680' && Character.isWhitespace(c);
  }

  static int indexOf(CharSequence t, char c, int from) {
    if (t instanceof String str) {
      return str.indexOf(c, from);
    }
    return ((StringBuilder) t).indexOf(String.valueOf(c), from);
  }
}
