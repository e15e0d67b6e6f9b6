package dev.llmbot.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DenialTextsTest {
  @Test
  void secondsAreRoundedUpAndNeverZero() {
    assertThat(DenialTexts.seconds(0)).isEqualTo("1 second");
    assertThat(DenialTexts.seconds(1)).isEqualTo("1 second");
    assertThat(DenialTexts.seconds(1_000)).isEqualTo("1 second");
    assertThat(DenialTexts.seconds(1_001)).isEqualTo("2 seconds");
    assertThat(DenialTexts.userLimited(9_500))
        .isEqualTo("You're sending messages too fast. Try again in 10 seconds.");
  }

  @Test
  void hoursAndMinutesAreRoundedUp() {
    assertThat(DenialTexts.hoursMinutes(0)).isEqualTo("1 min");
    assertThat(DenialTexts.hoursMinutes(61_000)).isEqualTo("2 min");
    assertThat(DenialTexts.hoursMinutes(3_600_000)).isEqualTo("1 h 0 min");
    assertThat(DenialTexts.hoursMinutes(5 * 3_600_000 + 12 * 60_000)).isEqualTo("5 h 12 min");
  }
}
