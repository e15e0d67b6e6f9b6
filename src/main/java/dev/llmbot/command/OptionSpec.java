package dev.llmbot.command;

/**
 * One option of a slash command.
 *
 * @param name the option name
 * @param description one line for Discord's UI
 * @param type the option's type
 * @param required whether it must be given
 */
public record OptionSpec(String name, String description, Type type, boolean required) {
  /** Option types this bot uses. */
  public enum Type {
    STRING,
    USER
  }

  public static OptionSpec string(String name, String description, boolean required) {
    return new OptionSpec(name, description, Type.STRING, required);
  }

  public static OptionSpec user(String name, String description, boolean required) {
    return new OptionSpec(name, description, Type.USER, required);
  }
}
