package dev.llmbot.console;

import dev.llmbot.command.CommandSpec;
import dev.llmbot.command.OptionSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Parses one console line: plain text is a chat message; a line starting with {@code /} is a
 * command. Options are given either by name ({@code /removepersonality description: likes tea user:
 * me}) or by position: a user option takes one token ({@code me}, {@code @name} or an id) and the
 * last string option takes the rest of the line ({@code /remember me likes tea}). Pure.
 *
 * @param command the command name, or null for a chat message
 * @param options the parsed options (user options as ids in text)
 * @param text the chat text, or the raw argument text of a command
 */
public record ConsoleLine(String command, Map<String, String> options, String text) {

  /** Whether the line is a slash command. */
  public boolean isCommand() {
    return command != null;
  }

  /**
   * Parses {@code line}.
   *
   * @param specs looks up a command's spec by name (empty for unknown commands)
   * @param userIds resolves a user token ("me", "@name", digits) to an id, or empty if it is not
   *     one
   */
  public static ConsoleLine parse(
      String line,
      Function<String, Optional<CommandSpec>> specs,
      Function<String, Optional<Long>> userIds) {
    String trimmed = line.strip();
    if (!trimmed.startsWith("/") || trimmed.length() == 1) {
      return new ConsoleLine(null, Map.of(), trimmed);
    }
    int space = trimmed.indexOf(' ');
    String name =
        (space < 0 ? trimmed.substring(1) : trimmed.substring(1, space)).toLowerCase(Locale.ROOT);
    String args = space < 0 ? "" : trimmed.substring(space + 1).strip();
    Optional<CommandSpec> spec = specs.apply(name);
    if (spec.isEmpty()) {
      return new ConsoleLine(name, Map.of(), args);
    }
    List<OptionSpec> options = spec.get().options();
    Map<String, String> named = named(args, options, userIds);
    return new ConsoleLine(name, named != null ? named : positional(args, options, userIds), args);
  }

  /** Options given as {@code name: value}; null if the arguments do not start with a name. */
  private static Map<String, String> named(
      String args, List<OptionSpec> options, Function<String, Optional<Long>> userIds) {
    Map<String, String> out = new HashMap<>();
    String rest = args;
    OptionSpec current = null;
    StringBuilder value = new StringBuilder();
    boolean any = false;
    for (String token : rest.split(" ")) {
      OptionSpec match = null;
      if (token.endsWith(":")) {
        String key = token.substring(0, token.length() - 1);
        for (OptionSpec o : options) {
          if (o.name().equalsIgnoreCase(key)) {
            match = o;
          }
        }
      }
      if (match != null) {
        if (current != null) {
          put(out, current, value.toString().strip(), userIds);
        }
        current = match;
        value.setLength(0);
        any = true;
      } else if (current == null) {
        return null;
      } else {
        value.append(token).append(' ');
      }
    }
    if (current != null) {
      put(out, current, value.toString().strip(), userIds);
    }
    return any ? out : null;
  }

  private static Map<String, String> positional(
      String args, List<OptionSpec> options, Function<String, Optional<Long>> userIds) {
    Map<String, String> out = new HashMap<>();
    String rest = args;
    for (int i = 0; i < options.size() && !rest.isEmpty(); i++) {
      OptionSpec o = options.get(i);
      boolean lastString = o.type() == OptionSpec.Type.STRING && remainingStrings(options, i) == 1;
      if (o.type() == OptionSpec.Type.USER) {
        int sp = rest.indexOf(' ');
        String token = sp < 0 ? rest : rest.substring(0, sp);
        Optional<Long> id = userIds.apply(token);
        if (id.isPresent()) {
          out.put(o.name(), Long.toString(id.get()));
          rest = sp < 0 ? "" : rest.substring(sp + 1).strip();
        }
      } else if (lastString) {
        out.put(o.name(), rest);
        rest = "";
      } else {
        int sp = rest.indexOf(' ');
        out.put(o.name(), sp < 0 ? rest : rest.substring(0, sp));
        rest = sp < 0 ? "" : rest.substring(sp + 1).strip();
      }
    }
    return out;
  }

  private static int remainingStrings(List<OptionSpec> options, int from) {
    int n = 0;
    for (int i = from; i < options.size(); i++) {
      if (options.get(i).type() == OptionSpec.Type.STRING) {
        n++;
      }
    }
    return n;
  }

  private static void put(
      Map<String, String> out,
      OptionSpec o,
      String value,
      Function<String, Optional<Long>> userIds) {
    if (o.type() == OptionSpec.Type.USER) {
      userIds.apply(value).ifPresent(id -> out.put(o.name(), Long.toString(id)));
    } else {
      out.put(o.name(), value);
    }
  }
}
