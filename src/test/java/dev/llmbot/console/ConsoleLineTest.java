package dev.llmbot.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.command.CommandSpec;
import dev.llmbot.command.OptionSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ConsoleLineTest {
  private static final CommandSpec REMEMBER =
      new CommandSpec(
          "remember",
          "x",
          List.of(OptionSpec.user("user", "u", true), OptionSpec.string("moment", "m", true)),
          false,
          true,
          false);
  private static final CommandSpec REMOVE =
      new CommandSpec(
          "removepersonality",
          "x",
          List.of(OptionSpec.string("description", "d", true), OptionSpec.user("user", "u", false)),
          false,
          false,
          true);
  private static final Function<String, Optional<CommandSpec>> SPECS =
      name ->
          Optional.ofNullable(Map.of("remember", REMEMBER, "removepersonality", REMOVE).get(name));
  private static final Function<String, Optional<Long>> USERS =
      t ->
          t.equals("me") ? Optional.of(1L) : t.equals("@bob") ? Optional.of(42L) : Optional.empty();

  @Test
  void plainTextIsAChatMessage() {
    ConsoleLine line = ConsoleLine.parse("  hello there ", SPECS, USERS);
    assertThat(line.isCommand()).isFalse();
    assertThat(line.text()).isEqualTo("hello there");
  }

  @Test
  void positionalUserThenTheRestOfTheLine() {
    ConsoleLine line = ConsoleLine.parse("/remember me likes tea", SPECS, USERS);
    assertThat(line.command()).isEqualTo("remember");
    assertThat(line.options()).containsEntry("user", "1").containsEntry("moment", "likes tea");
  }

  @Test
  void namedOptionsInAnyOrder() {
    ConsoleLine line =
        ConsoleLine.parse(
            "/removepersonality user: @bob description: likes tea a lot", SPECS, USERS);
    assertThat(line.options())
        .containsEntry("user", "42")
        .containsEntry("description", "likes tea a lot");
  }

  @Test
  void anOptionalUserMayBeLeftOut() {
    ConsoleLine line = ConsoleLine.parse("/removepersonality likes tea", SPECS, USERS);
    assertThat(line.options()).containsEntry("description", "likes tea").doesNotContainKey("user");
  }

  @Test
  void commandNamesAreCaseInsensitiveAndUnknownOnesKeepTheirName() {
    assertThat(ConsoleLine.parse("/STATUS", SPECS, USERS).command()).isEqualTo("status");
    assertThat(ConsoleLine.parse("/nope a b", SPECS, USERS).options()).isEmpty();
  }
}
