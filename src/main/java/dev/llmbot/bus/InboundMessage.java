package dev.llmbot.bus;

import java.util.Objects;

/**
 * One triggering message handed to the chat pipeline by an adapter (Discord or console).
 *
 * @param id a unique id for this message (Discord message or interaction id, or a console
 *     sequence); it is the request id for logs, dedupe of retries and quota charging
 * @param source which adapter received it
 * @param trigger why the bot answers it
 * @param guildId the guild id, or 0 for a DM or the console
 * @param channelId the channel or thread id
 * @param author who wrote it
 * @param content the prompt text, with the bot mention already stripped
 * @param forcedPersona a persona the caller requires (e.g. /ascii is always helpful), or null to
 *     let the roast decision choose
 * @param receivedNanos {@link System#nanoTime()} when the adapter received it, for latency
 */
public record InboundMessage(
    String id,
    Source source,
    TriggerKind trigger,
    long guildId,
    long channelId,
    Author author,
    String content,
    Persona forcedPersona,
    long receivedNanos) {

  public InboundMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(content, "content");
  }

  /** Whether the message was sent in a guild (not a DM or the console). */
  public boolean inGuild() {
    return guildId != 0;
  }
}
