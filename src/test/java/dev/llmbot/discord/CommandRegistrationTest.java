package dev.llmbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.command.CommandCatalog;
import dev.llmbot.command.CommandSpec;
import dev.llmbot.command.OptionSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Discord refuses the whole bulk overwrite if one command breaks its rules; check them here. */
class CommandRegistrationTest {
  private static final String NAME = "^[-_\\p{Ll}\\p{N}]{1,32}$";

  @Test
  void everyCatalogCommandFollowsDiscordsNamingAndLengthRules() {
    List<CommandSpec> specs = CommandCatalog.specs();
    assertThat(specs).isNotEmpty();
    assertThat(specs.size()).isLessThanOrEqualTo(100);
    for (CommandSpec spec : specs) {
      assertThat(spec.name()).as("name").matches(NAME);
      assertThat(spec.description().length()).as(spec.name()).isBetween(1, 100);
      assertThat(spec.options().size()).as(spec.name()).isLessThanOrEqualTo(25);
      boolean optionalSeen = false;
      for (OptionSpec o : spec.options()) {
        assertThat(o.name()).as(spec.name() + " option").matches(NAME);
        assertThat(o.description().length()).as(o.name()).isBetween(1, 100);
        assertThat(o.required() && optionalSeen)
            .as("/%s: required options come before optional ones", spec.name())
            .isFalse();
        optionalSeen |= !o.required();
      }
    }
    assertThat(specs.stream().map(CommandSpec::name).distinct().count()).isEqualTo(specs.size());
  }

  @Test
  void oneBuilderPerCommand() {
    assertThat(CommandRegistration.builders(CommandCatalog.specs()))
        .hasSize(CommandCatalog.specs().size());
  }
}
