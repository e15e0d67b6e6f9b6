package dev.llmbot.split;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The streaming form of {@link MessageSplitter}, for one reply: text is appended as it arrives and
 * each chunk is handed out as soon as it is final, i.e. as soon as no later text could change it.
 * On the same text it gives exactly the chunks and attachment of the batch form, however the text
 * was cut into appends (even between the two halves of a surrogate pair).
 *
 * <p>Not thread-safe: one owner (for example the event loop that receives the model's stream) calls
 * {@link #append} and then {@link #finish} once. The whole reply is buffered, since the attachment
 * may need all of it.
 */
public final class StreamingSplitter {
  private final StringBuilder buffer = new StringBuilder();
  private final List<String> ready = new ArrayList<>();
  private final SplitEngine engine;
  private boolean finished;

  /** Same limits and validation as {@link MessageSplitter#MessageSplitter(int, int)}. */
  public StreamingSplitter(int maxChars, int maxChunks) {
    this(maxChars, maxChunks, null);
  }

  StreamingSplitter(int maxChars, int maxChunks, List<Piece> pieces) {
    MessageSplitter.validate(maxChars, maxChunks);
    this.engine = new SplitEngine(maxChars, maxChunks, buffer, pieces);
  }

  /** Appends {@code part}; returns the chunks that became final, in order (often none). */
  public List<String> append(CharSequence part) {
    Objects.requireNonNull(part, "part");
    if (finished) {
      throw new IllegalStateException("append after finish");
    }
    if (part.length() == 0) {
      return List.of();
    }
    buffer.append(part);
    engine.update(buffer.length(), false);
    engine.drain(ready);
    if (ready.isEmpty()) {
      return List.of(); // most appends finish nothing: no allocation for them
    }
    List<String> out = List.copyOf(ready);
    ready.clear();
    return out;
  }

  /**
   * Ends the text: returns the chunks not yet returned by {@link #append} and the attachment (or
   * null). Called once.
   */
  public SplitResult finish() {
    if (finished) {
      throw new IllegalStateException("finish called twice");
    }
    finished = true;
    engine.update(buffer.length(), true);
    List<String> out = new ArrayList<>();
    engine.drain(out);
    return new SplitResult(out, engine.attachment());
  }
}
