package dev.llmbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.bus.TriggerKind;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class TriggerRulesTest {
  private static final long SELF = 1_000L;
  private static final long ALICE = 2_000L;

  private static MessageFacts guild(String content, boolean mentionsBot, long repliedAuthor) {
    return new MessageFacts(ALICE, false, false, false, true, mentionsBot, repliedAuthor, content);
  }

  @Test
  void aMentionOfTheBotUserInAGuildTriggers() {
    assertThat(TriggerRules.trigger(guild("<@1000> hi", true, 0), SELF))
        .contains(TriggerKind.MENTION);
  }

  @Test
  void aGuildMessageWithoutTheBotMentionDoesNotTrigger() {
    // @everyone, @here and role mentions never put the bot user among the mentioned users.
    assertThat(TriggerRules.trigger(guild("hey @everyone <@&5>", false, 0), SELF)).isEmpty();
  }

  @Test
  void aReplyToTheBotTriggersAsAReplyEvenWhenThePingListsTheBot() {
    assertThat(TriggerRules.trigger(guild("more", true, SELF), SELF)).contains(TriggerKind.REPLY);
    assertThat(TriggerRules.trigger(guild("more", false, SELF), SELF)).contains(TriggerKind.REPLY);
  }

  @Test
  void aReplyToSomeoneElseNeedsTheMention() {
    assertThat(TriggerRules.trigger(guild("more", false, 3_000L), SELF)).isEmpty();
    assertThat(TriggerRules.trigger(guild("<@1000> more", true, 3_000L), SELF))
        .contains(TriggerKind.MENTION);
  }

  @Test
  void anyDirectMessageTriggers() {
    MessageFacts dm = new MessageFacts(ALICE, false, false, false, false, false, 0, "hi");
    assertThat(TriggerRules.trigger(dm, SELF)).contains(TriggerKind.DM);
  }

  @Test
  void botsWebhooksSystemMessagesAndItselfNeverTrigger() {
    assertThat(
            TriggerRules.trigger(
                new MessageFacts(3_000L, true, false, false, true, true, 0, "<@1000>"), SELF))
        .isEmpty();
    assertThat(
            TriggerRules.trigger(
                new MessageFacts(3_000L, false, true, false, true, true, 0, "<@1000>"), SELF))
        .isEmpty();
    assertThat(
            TriggerRules.trigger(
                new MessageFacts(ALICE, false, false, true, true, true, 0, "<@1000>"), SELF))
        .isEmpty();
    assertThat(
            TriggerRules.trigger(
                new MessageFacts(SELF, false, false, false, false, true, SELF, "x"), SELF))
        .isEmpty();
    assertThat(
            TriggerRules.trigger(
                new MessageFacts(3_000L, true, false, false, false, false, 0, "dm from a bot"),
                SELF))
        .isEmpty();
  }

  @Test
  void stripMentionRemovesBothMentionFormsAndTidiesSpaces() {
    assertThat(TriggerRules.stripMention("<@1000> what is up", SELF)).isEqualTo("what is up");
    assertThat(TriggerRules.stripMention("hey <@!1000>   there", SELF)).isEqualTo("hey there");
    assertThat(TriggerRules.stripMention("ask <@1000>", SELF)).isEqualTo("ask");
    assertThat(TriggerRules.stripMention("<@1000>", SELF)).isEmpty();
    assertThat(TriggerRules.stripMention("  <@1000>  \n ", SELF)).isEmpty();
  }

  @Test
  void stripMentionKeepsOtherUsersAndRolesAndSimilarIds() {
    assertThat(TriggerRules.stripMention("<@1000> ask <@2000> and <@&1000>", SELF))
        .isEqualTo("ask <@2000> and <@&1000>");
    assertThat(TriggerRules.stripMention("<@10000> hi", SELF)).isEqualTo("<@10000> hi");
  }

  @Property
  void strippingLosesNoTextButTheMention(@ForAll @StringLength(max = 60) String text) {
    String stripped = TriggerRules.stripMention("<@1000> " + text, SELF);
    assertThat(stripped).isEqualTo(TriggerRules.stripMention(text, SELF).strip());
    assertThat(stripped).doesNotContain("<@1000>");
  }

  @Test
  void anEmptyGuildMessageNotAddressedToTheBotLooksLikeTheContentIntentIsOff() {
    assertThat(TriggerRules.looksContentless(guild("", false, 0), SELF, false)).isTrue();
    assertThat(TriggerRules.looksContentless(guild("", false, 0), SELF, true)).isFalse();
    assertThat(TriggerRules.looksContentless(guild("text", false, 0), SELF, false)).isFalse();
    assertThat(TriggerRules.looksContentless(guild("", true, 0), SELF, false)).isFalse();
    MessageFacts dm = new MessageFacts(ALICE, false, false, false, false, false, 0, "");
    assertThat(TriggerRules.looksContentless(dm, SELF, false)).isFalse();
  }
}
