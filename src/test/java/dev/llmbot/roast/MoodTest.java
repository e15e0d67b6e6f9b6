package dev.llmbot.roast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoodTest {
  @ParameterizedTest(name = "{0}, c={1} -> {2}")
  @CsvSource({
    "SLEEPY, 0, -0.2",
    "SLEEPY, 4, 0.0",
    "SLEEPY, 6, 0.1",
    "CAFFEINATED, 0, 0.1",
    "CAFFEINATED, 3, 0.4",
    "REVERSE_PSYCHOLOGY, 0, 0.2",
    "REVERSE_PSYCHOLOGY, 3, 0.2",
    "REVERSE_PSYCHOLOGY, 4, -0.4",
    "REVERSE_PSYCHOLOGY, 9, -0.4",
    "BLOODTHIRSTY, 0, 0.2",
    "BLOODTHIRSTY, 2, 0.5"
  })
  void moodModifierFollowsTheStreak(Mood mood, int c, double expected) {
    assertThat(mood.needsDraw()).isFalse();
    assertThat(mood.modifier(c, 0.77)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void chaoticMoodIsUniformOnMinusPointThreeToPointThree() {
    assertThat(Mood.CHAOTIC.needsDraw()).isTrue();
    assertThat(Mood.CHAOTIC.modifier(5, 0.0)).isCloseTo(-0.3, within(1e-12));
    assertThat(Mood.CHAOTIC.modifier(0, 0.5)).isCloseTo(0.0, within(1e-12));
    assertThat(Mood.CHAOTIC.modifier(0, Math.nextDown(1.0))).isLessThan(0.3);
  }

  @Test
  void tagsAreLowerCaseNames() {
    assertThat(Mood.REVERSE_PSYCHOLOGY.tag()).isEqualTo("reverse_psychology");
    assertThat(Mood.CAFFEINATED.tag()).isEqualTo("caffeinated");
  }
}
