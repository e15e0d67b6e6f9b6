package dev.llmbot.split;

import java.util.List;

/**
 * A reply split for Discord.
 *
 * @param chunks the messages to send, in order; none empty or whitespace-only; empty only when the
 *     text was blank
 * @param attachment the overflow beyond the chunk limit, sent as {@code reply.md}, or null
 */
public record SplitResult(List<String> chunks, String attachment) {
  public SplitResult {
    chunks = List.copyOf(chunks);
  }
}
