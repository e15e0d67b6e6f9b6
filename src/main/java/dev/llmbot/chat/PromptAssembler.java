package dev.llmbot.chat;

import dev.llmbot.bus.Persona;
import dev.llmbot.config.RoastConfig;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Builds the system instruction of SPEC §3: persona, a short true list of the bot's commands, the
 * server context block, the user's profile, then the current date and time. Pure and thread-safe.
 */
public final class PromptAssembler {
  private static final DateTimeFormatter NOW =
      DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm zzz", Locale.ENGLISH);

  private final RoastConfig personas;
  private final String commandList;

  /**
   * @param personas where the persona texts come from
   * @param commandList one line per command, e.g. "/help: lists the commands"
   */
  public PromptAssembler(RoastConfig personas, String commandList) {
    this.personas = personas;
    this.commandList = commandList;
  }

  /**
   * The system instruction for one message.
   *
   * @param persona the chosen persona
   * @param serverContext the server context block (already within its budget), or empty
   * @param profile the user's profile as a short list, or empty
   * @param now the current time in the zone to show
   */
  public String systemInstruction(
      Persona persona, String serverContext, String profile, ZonedDateTime now) {
    StringBuilder sb = new StringBuilder(1024);
    sb.append(persona == Persona.ROAST ? personas.roastPersona() : personas.helpfulPersona());
    if (!commandList.isEmpty()) {
      sb.append("\n\nYour commands (mention them only if relevant):\n").append(commandList);
    }
    if (!serverContext.isEmpty()) {
      sb.append("\n\nWhat this server has told you:\n").append(serverContext);
    }
    if (!profile.isEmpty()) {
      sb.append("\n\nAbout the person you are talking to:\n").append(profile);
    }
    sb.append("\n\nCurrent date and time: ").append(NOW.format(now)).append('.');
    return sb.toString();
  }
}
