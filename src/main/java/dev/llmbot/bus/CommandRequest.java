package dev.llmbot.bus;

import java.util.Map;
import java.util.Objects;

/**
 * One slash command, from Discord or the console.
 *
 * @param requestId interaction id or console sequence
 * @param source which adapter received it
 * @param name the command name without the slash, lower case
 * @param options the command's options by name (user options hold the user id as text)
 * @param guildId the guild id, or 0 in a DM or the console
 * @param channelId the channel id
 * @param caller who ran it
 * @param receivedNanos {@link System#nanoTime()} at receipt
 */
public record CommandRequest(
    String requestId,
    Source source,
    String name,
    Map<String, String> options,
    long guildId,
    long channelId,
    Author caller,
    long receivedNanos) {

  public CommandRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(caller, "caller");
    options = Map.copyOf(options);
  }

  public boolean inGuild() {
    return guildId != 0;
  }

  /** The option's value, or null when absent. */
  public String option(String key) {
    return options.get(key);
  }
}
