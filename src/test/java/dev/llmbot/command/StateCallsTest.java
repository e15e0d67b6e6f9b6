package dev.llmbot.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.bus.Author;
import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.Outcome;
import dev.llmbot.bus.ProfileCommand;
import dev.llmbot.bus.Reply;
import dev.llmbot.bus.Source;
import dev.llmbot.bus.UserTexts;
import dev.llmbot.command.StateCalls.Others;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The refusals a profile command gives before it reaches the profile owner (no bus needed). */
class StateCallsTest {
  private static final CommandSpec SPEC =
      new CommandSpec("clearpersonality", "test", List.of(), false, false, true);

  private static CommandRequest request(String user, boolean admin) {
    return new CommandRequest(
        "r1",
        Source.CONSOLE,
        "clearpersonality",
        user == null ? Map.of() : Map.of("user", user),
        1,
        2,
        new Author(42, "caller", admin),
        0);
  }

  private static Reply refusal(CommandRequest request, Others others) {
    // A null context: a refusal must be decided without asking the owner.
    return StateCalls.targetProfile(request, SPEC, null, others, ProfileCommand.Op.CLEAR, "")
        .result();
  }

  @Test
  void anOptionThatIsNotAUserIsRefused() {
    Reply r = refusal(request("bob", true), Others.ALLOWED);
    assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(r.chunks().get(0)).contains("must be a user");
  }

  @Test
  void anotherUsersProfileNeedsAdminWhenOnlyAdminsMayTouchIt() {
    Reply r = refusal(request("7", false), Others.ADMIN_ONLY);
    assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(r.chunks().get(0)).isEqualTo(UserTexts.ADMIN_ONLY);
  }
}
