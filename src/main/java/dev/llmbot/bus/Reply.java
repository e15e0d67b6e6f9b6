package dev.llmbot.bus;

import java.util.List;
import java.util.Objects;

/**
 * What an adapter sends back to the user for one message or command.
 *
 * @param requestId the {@link InboundMessage#id()} or command request id it answers
 * @param outcome what happened
 * @param chunks the messages to send, in order, each within Discord's limit; never empty
 * @param attachment the overflow text to attach as {@code reply.md} on the last message, or null
 * @param ephemeral whether only the caller should see it (slash commands)
 */
public record Reply(
    String requestId, Outcome outcome, List<String> chunks, String attachment, boolean ephemeral) {

  public Reply {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(outcome, "outcome");
    chunks = List.copyOf(chunks);
    if (chunks.isEmpty()) {
      throw new IllegalArgumentException("a reply has at least one chunk");
    }
  }

  /** A one-chunk reply, e.g. an error text. */
  public static Reply text(String requestId, Outcome outcome, String text, boolean ephemeral) {
    return new Reply(requestId, outcome, List.of(text), null, ephemeral);
  }

  public boolean hasAttachment() {
    return attachment != null;
  }
}
