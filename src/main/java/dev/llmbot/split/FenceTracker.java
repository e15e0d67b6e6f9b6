package dev.llmbot.split;

import java.util.Arrays;

/**
 * Finds the fence lines of a text, lazily and once, and answers which fence is open at a position.
 *
 * <p>A fence line starts a line (after any spaces or tabs: replies nest code in list items) with at
 * least three backticks or tildes. A backtick opener's info string may not contain a backtick, so
 * {@code ```inline```} on one line is no fence. A closer uses the opener's character, at least as
 * many of them, and nothing else on its line. Inside a block, other fence-like lines are content.
 *
 * <p>Candidates are found with {@code indexOf} on the two marker characters, so text without them
 * costs two vectorised scans. Owned by one {@link SplitEngine}; not thread-safe.
 */
final class FenceTracker {
  private static final int NONE = Integer.MAX_VALUE;

  private final int maxChars;
  private final CharSequence text;
  private int length;
  private boolean complete;

  // Fence lines found so far, in text order: where the markers start, where the line's
  // non-blank content ends, the fence concerned, and whether the line opens (else closes) it.
  private int[] markerStart = new int[8];
  private int[] contentEnd = new int[8];
  private Fence[] fence = new Fence[8];
  private boolean[] opens = new boolean[8];
  private int count;

  private Fence open;
  private int scanPos;
  private int nextBacktick = -1;
  private int nextTilde = -1;
  private int backtickSearched;
  private int tildeSearched;
  private int pendingAt = -1;
  private int pendingScan;

  FenceTracker(CharSequence text, int maxChars) {
    this.text = text;
    this.maxChars = maxChars;
  }

  void update(int length, boolean complete) {
    this.length = length;
    this.complete = complete;
  }

  /**
   * Classifies every fence candidate at or before {@code limit}. Returns false while a candidate's
   * line is not complete yet (streaming); the call can be repeated once more text arrived.
   */
  boolean processThrough(int limit) {
    while (true) {
      int c = Math.min(nextMarker('`'), nextMarker('~'));
      if (c > limit) {
        return true;
      }
      int ls = c;
      while (ls > 0 && (text.charAt(ls - 1) == ' ' || text.charAt(ls - 1) == '\t')) {
        ls--;
      }
      char m = text.charAt(c);
      int runEnd = c + 1;
      while (runEnd < length && text.charAt(runEnd) == m) {
        runEnd++;
      }
      if (runEnd == length && !complete) {
        return false; // the run may go on
      }
      if (ls > 0 && text.charAt(ls - 1) != '\n') {
        scanPos = runEnd; // not at a line start
        continue;
      }
      int run = runEnd - c;
      if (run < 3) {
        scanPos = runEnd;
        continue;
      }
      int lineEnd = SplitEngine.indexOf(text, '\n', c == pendingAt ? pendingScan : runEnd);
      if (lineEnd < 0 || lineEnd >= length) {
        if (!complete) {
          pendingAt = c; // resume the search here when more text arrives
          pendingScan = length;
          return false;
        }
        lineEnd = length;
      }
      int ce = lineEnd;
      while (ce > runEnd && SplitEngine.isWs(text.charAt(ce - 1))) {
        ce--;
      }
      if (open == null) {
        if (m == '~' || !containsBacktick(runEnd, ce)) {
          Fence f = newFence(m, run, runEnd, ce);
          add(c, ce, f, true);
          open = f;
        }
      } else if (m == open.marker() && run >= open.runLength() && ce == runEnd) {
        add(c, ce, open, false);
        open = null;
      }
      scanPos = lineEnd; // a fence can only start on a later line
    }
  }

  /** Index of the last fence line whose content ends at or before {@code x}, or -1. */
  int lastEndingBy(int x) {
    int lo = 0;
    int hi = count - 1;
    int found = -1;
    while (lo <= hi) {
      int m = (lo + hi) >>> 1;
      if (contentEnd[m] <= x) {
        found = m;
        lo = m + 1;
      } else {
        hi = m - 1;
      }
    }
    return found;
  }

  /** The fence open just after line {@code j} (from {@link #lastEndingBy}), or null. */
  Fence openAfter(int j) {
    return j >= 0 && opens[j] ? fence[j] : null;
  }

  /** Whether {@code x} falls inside the markers or info string of line {@code j + 1}. */
  boolean insideNextLine(int j, int x) {
    int k = j + 1;
    return k < count && markerStart[k] < x;
  }

  int count() {
    return count;
  }

  int markerStart(int k) {
    return markerStart[k];
  }

  int contentEnd(int k) {
    return contentEnd[k];
  }

  boolean opens(int k) {
    return opens[k];
  }

  Fence fence(int k) {
    return fence[k];
  }

  private Fence newFence(char m, int run, int infoStart, int infoEnd) {
    while (infoStart < infoEnd && SplitEngine.isWs(text.charAt(infoStart))) {
      infoStart++;
    }
    String markers = String.valueOf(m).repeat(run);
    String reopen = markers + text.subSequence(infoStart, infoEnd);
    // Fence lines may take at most half the limit, so a chunk inside a block keeps room for code.
    boolean repaired = reopen.length() + 1 + run + 1 <= maxChars / 2;
    return new Fence(m, run, reopen + "\n", "\n" + markers, repaired);
  }

  private boolean containsBacktick(int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '`') {
        return true;
      }
    }
    return false;
  }

  private void add(int start, int end, Fence f, boolean opening) {
    if (count == markerStart.length) {
      int size = count * 2;
      markerStart = Arrays.copyOf(markerStart, size);
      contentEnd = Arrays.copyOf(contentEnd, size);
      fence = Arrays.copyOf(fence, size);
      opens = Arrays.copyOf(opens, size);
    }
    markerStart[count] = start;
    contentEnd[count] = end;
    fence[count] = f;
    opens[count] = opening;
    count++;
  }

  /**
   * First occurrence of {@code m} at or after scanPos, or NONE; each search resumes, never repeats.
   */
  private int nextMarker(char m) {
    boolean tick = m == '`';
    int cached = tick ? nextBacktick : nextTilde;
    int from = scanPos;
    if (cached == NONE) {
      int searched = tick ? backtickSearched : tildeSearched;
      if (searched >= length) {
        return NONE;
      }
      from = Math.max(scanPos, searched);
    } else if (cached >= scanPos) {
      return cached;
    }
    int found = SplitEngine.indexOf(text, m, from);
    if (found < 0 || found >= length) {
      found = NONE;
    }
    if (tick) {
      nextBacktick = found;
      backtickSearched = length;
    } else {
      nextTilde = found;
      tildeSearched = length;
    }
    return found;
  }
}
