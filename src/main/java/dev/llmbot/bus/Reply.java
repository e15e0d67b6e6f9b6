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
 * @param persona the persona that answered (decided once per message), or null for commands and
 *     errors raised before the decision
 */
public record Reply(
    String requestId,
    Outcome outcome,
    List<String> chunks,
    String attachment,
    boolean ephemeral,
    Persona persona) {

  public Reply {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(outcome, "outcome");
    chunks = List.copyOf(chunks);
    if (chunks.isEmpty()) {
      throw new IllegalArgumentException("a reply has at least one chunk");
    }
  }

  /** A reply without a persona: commands and errors. */
  public Reply(
      String requestId,
      Outcome outcome,
      List<String> chunks,
      String attachment,
      boolean ephemeral) {
    this(requestId, outcome, chunks, attachment, ephemeral, null);
  }

  /** A one-chunk reply, e.g. an error text. */
  public static Reply text(String requestId, Outcome outcome, String text, boolean ephemeral) {
    return new Reply(requestId, outcome, List.of(text), null, ephemeral);
  }

  public boolean hasAttachment() {
    return attachment != null;
  }
}
