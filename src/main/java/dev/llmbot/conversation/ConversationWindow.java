package dev.llmbot.conversation;

import dev.llmbot.bus.History;
import dev.llmbot.bus.Turn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The turns of one conversation in a ring buffer, capped in turns and characters, with a rolling
 * summary of what was dropped.
 *
 * <p>Cost: {@link #append} stores a reference and adds to the tracked char total; dropping the
 * oldest turn moves the head index and subtracts its length, so append+trim is O(1) amortised (the
 * array grows by doubling up to the turn cap). {@link #chars()} and {@link #size()} are fields,
 * never recomputed by serialising.
 *
 * <p>Summary: a dropped turn is not summarised when it is dropped (that would cost a string build
 * per append); its reference goes into a small ring of the most recently dropped turns, and {@link
 * #summary()} renders one line per dropped turn (its first sentence, shortened) when a prompt is
 * built, keeping the newest lines within the summary cap. An older summary restored from disk is
 * kept in front of those lines and is the first to be cut.
 *
 * <p>Memory: texts and roles sit in two parallel arrays (no per-turn object), so a stored turn
 * costs its String plus five bytes of array slots.
 *
 * <p>Threads: not thread-safe; owned by one conversation verticle's event loop.
 */
public final class ConversationWindow {
  private static final byte USER = 0;
  private static final byte MODEL = 1;
  private static final int INITIAL_CAPACITY = 8;

  /** Roughly the length of one summary line, which sets how many dropped turns are remembered. */
  static final int SUMMARY_LINE_CHARS = 100;

  private final int maxTurns;
  private final int maxChars;
  private final int summaryMaxChars;

  private String[] texts;
  private byte[] roles;
  private int head;
  private int size;
  private long chars;

  // The most recently dropped turns, for the summary; allocated on the first drop.
  private String[] dropped;
  private byte[] droppedRoles;
  private int droppedHead;
  private int droppedSize;
  private String restoredSummary = "";

  /** An empty window with these caps; {@code summaryMaxChars} 0 turns the summary off. */
  public ConversationWindow(int maxTurns, int maxChars, int summaryMaxChars) {
    if (maxTurns < 2 || maxChars < 1 || summaryMaxChars < 0) {
      throw new IllegalArgumentException("bad caps");
    }
    this.maxTurns = maxTurns;
    this.maxChars = maxChars;
    this.summaryMaxChars = summaryMaxChars;
    int cap = Math.min(INITIAL_CAPACITY, maxTurns);
    texts = new String[cap];
    roles = new byte[cap];
  }

  /** Turns held. */
  public int size() {
    return size;
  }

  /** Characters held in the turns (the summary not included). */
  public long chars() {
    return chars;
  }

  /**
   * Appends one exchange, then trims the oldest turns beyond the caps. The kept turns always start
   * with a user turn, as Gemini expects.
   */
  public void record(String userText, String modelText) {
    append(USER, userText);
    append(MODEL, modelText);
    while (size > 0 && roles[head] == MODEL) {
      dropOldest();
    }
  }

  /** Appends one turn and trims the oldest turns beyond the caps. */
  public void append(Turn.Role role, String text) {
    append(role == Turn.Role.USER ? USER : MODEL, text);
  }

  private void append(byte role, String text) {
    // One turn longer than the whole char cap would break the cap; keep its beginning.
    String t = text.length() > maxChars ? text.substring(0, maxChars) : text;
    if (size == maxTurns) {
      dropOldest();
    }
    if (size == texts.length) {
      grow();
    }
    int tail = head + size;
    if (tail >= texts.length) {
      tail -= texts.length;
    }
    texts[tail] = t;
    roles[tail] = role;
    size++;
    chars += t.length();
    while (chars > maxChars) {
      dropOldest();
    }
  }

  private void grow() {
    int cap = Math.min(texts.length * 2, maxTurns);
    String[] t = new String[cap];
    byte[] r = new byte[cap];
    for (int i = 0; i < size; i++) {
      int j = index(i);
      t[i] = texts[j];
      r[i] = roles[j];
    }
    texts = t;
    roles = r;
    head = 0;
  }

  private int index(int i) {
    int j = head + i;
    return j >= texts.length ? j - texts.length : j;
  }

  private void dropOldest() {
    String t = texts[head];
    byte r = roles[head];
    texts[head] = null;
    chars -= t.length();
    head = head + 1 == texts.length ? 0 : head + 1;
    size--;
    remember(t, r);
  }

  private void remember(String text, byte role) {
    int slots = summaryMaxChars / SUMMARY_LINE_CHARS;
    if (summaryMaxChars > 0 && slots == 0) {
      slots = 1;
    }
    if (slots == 0) {
      return;
    }
    if (dropped == null) {
      dropped = new String[slots];
      droppedRoles = new byte[slots];
    }
    int tail = droppedHead + droppedSize;
    if (tail >= slots) {
      tail -= slots;
    }
    if (droppedSize == slots) {
      droppedHead = droppedHead + 1 == slots ? 0 : droppedHead + 1;
    } else {
      droppedSize++;
    }
    dropped[tail] = text;
    droppedRoles[tail] = role;
  }

  /** The kept turns, oldest first. */
  public List<Turn> turns() {
    List<Turn> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      int j = index(i);
      out.add(new Turn(roles[j] == USER ? Turn.Role.USER : Turn.Role.MODEL, texts[j]));
    }
    return out;
  }

  /** The rolling summary of dropped turns, at most the summary cap, or empty. */
  public String summary() {
    if (summaryMaxChars == 0 || (droppedSize == 0 && restoredSummary.isEmpty())) {
      return "";
    }
    // Newest lines are kept first; the restored summary fills what is left, cut at its front.
    List<String> lines = new ArrayList<>(droppedSize);
    int budget = summaryMaxChars;
    for (int i = droppedSize - 1; i >= 0; i--) {
      int j = droppedHead + i;
      if (j >= dropped.length) {
        j -= dropped.length;
      }
      String line = line(droppedRoles[j], dropped[j]);
      int cost = line.length() + (lines.isEmpty() ? 0 : 1);
      if (cost > budget) {
        break;
      }
      lines.add(line);
      budget -= cost;
    }
    StringBuilder sb = new StringBuilder(summaryMaxChars - budget + 16);
    int restoredRoom = budget - (lines.isEmpty() ? 0 : 1);
    if (!restoredSummary.isEmpty() && restoredRoom > 0) {
      String r =
          restoredSummary.length() <= restoredRoom
              ? restoredSummary
              : restoredSummary.substring(restoredSummary.length() - restoredRoom);
      sb.append(r);
      if (!lines.isEmpty()) {
        sb.append('\n');
      }
    }
    for (int i = lines.size() - 1; i >= 0; i--) {
      sb.append(lines.get(i));
      if (i > 0) {
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  /** One summary line: who spoke and the first sentence of what they said, shortened. */
  static String line(byte role, String text) {
    String prefix = role == USER ? "User: " : "You: ";
    int limit = SUMMARY_LINE_CHARS - prefix.length() - 1;
    String flat = text.strip().replaceAll("\\s+", " ");
    int end = flat.length();
    for (int i = 0; i < flat.length() && i < limit; i++) {
      char c = flat.charAt(i);
      if ((c == '.' || c == '!' || c == '?') && i >= 8) {
        end = i + 1;
        break;
      }
    }
    if (end > limit) {
      int cut = flat.lastIndexOf(' ', limit);
      end = cut > limit / 2 ? cut : limit;
      if (end > 0 && Character.isHighSurrogate(flat.charAt(end - 1))) {
        end--;
      }
      return prefix + flat.substring(0, end) + "…";
    }
    return prefix + flat.substring(0, end);
  }

  /** What the prompt gets: the summary (for the head of the context) and the kept turns. */
  public History history() {
    return new History(summary(), turns());
  }

  /**
   * A persistable copy.
   *
   * @param summary the rendered rolling summary
   * @param roles one char per turn, {@code u} or {@code m}
   * @param texts the turn texts, oldest first
   */
  public record Saved(String summary, String roles, List<String> texts) {}

  /** An immutable copy for persistence. */
  public Saved save() {
    char[] r = new char[size];
    String[] t = new String[size];
    for (int i = 0; i < size; i++) {
      int j = index(i);
      r[i] = roles[j] == USER ? 'u' : 'm';
      t[i] = texts[j];
    }
    return new Saved(summary(), new String(r), Arrays.asList(t));
  }

  /** A window with these caps holding a saved copy (trimmed to the caps if they shrank). */
  public static ConversationWindow restore(
      Saved saved, int maxTurns, int maxChars, int summaryMaxChars) {
    ConversationWindow w = new ConversationWindow(maxTurns, maxChars, summaryMaxChars);
    String s = saved.summary() == null ? "" : saved.summary();
    w.restoredSummary =
        s.length() > summaryMaxChars ? s.substring(s.length() - summaryMaxChars) : s;
    List<String> texts = saved.texts() == null ? List.of() : saved.texts();
    String roles = saved.roles() == null ? "" : saved.roles();
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text != null) {
        w.append(i < roles.length() && roles.charAt(i) == 'm' ? MODEL : USER, text);
      }
    }
    return w;
  }
}
