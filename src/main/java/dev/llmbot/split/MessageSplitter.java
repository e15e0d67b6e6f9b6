package dev.llmbot.split;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits a reply into Discord-sized messages (SPEC §9) without losing text. Immutable, stateless
 * and thread-safe: any thread may call {@link #split}.
 *
 * <p>Split points, best first: a paragraph break, a line break, a sentence end ({@code .!?}
 * followed by whitespace, or a CJK {@code 。！？}), any whitespace, a hard cut. The last point of the
 * best kind is taken, as long as the chunk keeps at least half of the limit; otherwise the last
 * point of any kind; otherwise a hard cut, which never splits a surrogate pair and avoids splitting
 * a grapheme cluster (emoji ZWJ sequences, combining marks, flags, variation selectors).
 *
 * <p>A chunk that ends inside a fenced code block ({@code ```}, {@code ~~~}, longer runs, with or
 * without an info string) gets a closing fence line, and the next chunk starts by reopening the
 * block with the same info string; both lines count against the limit. A block the model left
 * unclosed is closed at the end of the last chunk. A block that fits in one message is never cut:
 * the chunk ends before it instead.
 *
 * <p>Nothing is lost: without the inserted fence lines, the chunks and the attachment concatenate
 * to the input, up to the whitespace trimmed at the cut points. No chunk is blank. After {@code
 * maxChunks} chunks the rest becomes the attachment (sent as {@code reply.md}), reopened with its
 * fence if it starts inside a code block. A blank text gives no chunks and no attachment: {@code
 * split(" ")} returns {@code SplitResult([], null)}, and the caller decides what to say.
 *
 * <p>Lengths are UTF-16 units ({@link String#length()}), which never undercounts Discord's limit.
 * The text is scanned in O(n), without regular expressions.
 */
public final class MessageSplitter {
  /** The smallest limit that leaves room for any surrogate pair and the fence repair rules. */
  public static final int MIN_CHARS = 8;

  private final int maxChars;
  private final int maxChunks;

  /**
   * @param maxChars the per-message limit, at least {@link #MIN_CHARS}
   * @param maxChunks how many messages before the rest becomes the attachment, at least 1
   */
  public MessageSplitter(int maxChars, int maxChunks) {
    validate(maxChars, maxChunks);
    this.maxChars = maxChars;
    this.maxChunks = maxChunks;
  }

  static void validate(int maxChars, int maxChunks) {
    if (maxChars < MIN_CHARS || maxChunks < 1) {
      throw new IllegalArgumentException(
          "maxChars must be >= "
              + MIN_CHARS
              + " and maxChunks >= 1, got "
              + maxChars
              + ", "
              + maxChunks);
    }
  }

  /** Splits {@code text}; a blank text yields no chunks and no attachment. */
  public SplitResult split(String text) {
    return split(text, null);
  }

  /** A streaming splitter with the same limits, for one reply. */
  public StreamingSplitter streaming() {
    return new StreamingSplitter(maxChars, maxChunks);
  }

  /** As {@link #split(String)}, recording where each chunk came from when pieces is not null. */
  SplitResult split(String text, List<Piece> pieces) {
    Objects.requireNonNull(text, "text");
    SplitEngine engine = new SplitEngine(maxChars, maxChunks, text, pieces);
    engine.update(text.length(), true);
    List<String> chunks = new ArrayList<>(Math.min(maxChunks, text.length() / maxChars + 2));
    engine.drain(chunks);
    return new SplitResult(chunks, engine.attachment());
  }
}
