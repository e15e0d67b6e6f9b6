package dev.llmbot.roast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModifiersTest {
  private static final org.assertj.core.data.Offset<Double> EPS = within(1e-12);

  @ParameterizedTest(name = "c={0}, U={1} -> {2}")
  @CsvSource({
    "0, 0.0, 0.0",
    "0, 0.9, 0.0",
    "1, 0.0, 0.10",
    "2, 0.0, 0.20",
    "2, 0.5, 0.25", // 0.10*2 + 0.5*0.05*2
    "3, 0.0, 0.75", // band switches to k=0.25 at c=3
    "3, 0.5, 0.90", // + 0.5*0.10*3
    "5, 0.0, 1.25",
    "5, 0.5, 1.50",
    "6, 0.0, 2.10", // band switches to k=0.35 at c=6
    "6, 0.5, 2.55" // + 0.5*0.15*6
  })
  void streakUsesTheBandOfC(int c, double u, double expected) {
    assertThat(Modifiers.streak(c, u)).isCloseTo(expected, EPS);
  }

  @ParameterizedTest(name = "hour {0} -> {1}")
  @CsvSource({
    "22, 0.2", "23, 0.3", "0, 0.3", "3, 0.3", "4, 0.0", "5, -0.1", "8, -0.1", "9, 0.0", "12, 0.0",
    "13, 0.1", "17, 0.1", "18, 0.0", "19, 0.2"
  })
  void timeOfDayBandsIncludeBothEdgeHours(int hour, double expected) {
    assertThat(Modifiers.timeOfDay(hour)).isCloseTo(expected, EPS);
  }

  @ParameterizedTest(name = "d={0} -> {1}")
  @CsvSource({
    "0.0, 0.0",
    "0.5, 0.05",
    "1.0, 0.1", // d = 1 is not above 1: still 0.1d
    "1.05, 0.315", // above 1: 0.3d
    "2.0, 0.6",
    "3.0, 0.7" // capped
  })
  void debtIsLinearUpToOneThenSteeperAndCapped(double d, double expected) {
    assertThat(Modifiers.debt(d)).isCloseTo(expected, EPS);
  }

  @ParameterizedTest(name = "h={0}, r={1} -> {2}")
  @CsvSource({
    "0.5, 3, 0.2", // busy: three roasts in the last hour
    "0.99, 3, 0.2",
    "0.5, 2, 0.0", // r must be above 2
    "1.0, 3, 0.0", // h must be below 1
    "3.0, 0, 0.0",
    "6.0, 0, 0.0", // h must be above 6
    "6.5, 0, 0.13",
    "10.0, 0, 0.2",
    "15.0, 0, 0.3",
    "40.0, 0, 0.3", // capped
    "Infinity, 0, 0.3" // never roasted
  })
  void serverModifierRewardsQuietServersAndBusyHours(double h, int r, double expected) {
    assertThat(Modifiers.server(h, r)).isCloseTo(expected, EPS);
  }
}
