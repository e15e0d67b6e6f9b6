package dev.llmbot.roast;

import static dev.llmbot.roast.RoastFixtures.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmbot.bus.Persona;
import dev.llmbot.bus.RoastDecision;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The statistical shape of the decision: over 100,000 seeded decisions at fixed inputs, the roast
 * rate is within ±1 percentage point of the analytic probability (about six standard errors).
 */
class RoastStatisticsTest {
  private static final int N = 100_000;
  private static final double TOLERANCE = 0.01;

  private final FakeTime time = FakeTime.at("2026-01-05T10:00:00Z"); // 10:00 UTC: time mod 0

  private RoastScorer scorer(double chaosChance, long seed) {
    return new RoastScorer(config(0.3, false, chaosChance), time, new SplittableRandom(seed), time);
  }

  private static double roastRate(Supplier<RoastDecision> decision) {
    int roasts = 0;
    for (int i = 0; i < N; i++) {
      if (decision.get().persona() == Persona.ROAST) {
        roasts++;
      }
    }
    return roasts / (double) N;
  }

  @Test
  void streakJitterAveragesToItsMidpoint() {
    RoastScorer s = scorer(0, 11);
    // c = 2, sleepy: p = 0.2 + (0.2 + 0.1U) + 0.05 - 0.1 + (-0.2 + 0.1) + 0.01 = 0.26 + 0.1U
    double rate = roastRate(() -> s.decideFixed(2, Mood.SLEEPY, 0.2, 0.05, -0.1, 0.01, 0));
    assertThat(rate).isCloseTo(0.31, within(TOLERANCE));
  }

  @Test
  void clampingAtMaxLowersTheRate() {
    RoastScorer s = scorer(0, 12);
    // c = 1, caffeinated: p = 0.575 + 0.1 + 0.05U + 0.2 ∈ [0.875, 0.925), clamped at 0.9
    double rate = roastRate(() -> s.decideFixed(1, Mood.CAFFEINATED, 0.575, 0, 0, 0, 0));
    assertThat(rate).isCloseTo(0.5 * 0.8875 + 0.5 * 0.9, within(TOLERANCE));
  }

  @Test
  void chaoticMoodClampedAtZero() {
    RoastScorer s = scorer(0, 13);
    // p = 0.1 + U[-0.3, 0.3) ∈ [-0.2, 0.4): E[max(0, p)] = 0.4² / 2 / 0.6
    double rate = roastRate(() -> s.decideFixed(0, Mood.CHAOTIC, 0.1, 0, 0, 0, 0));
    assertThat(rate).isCloseTo(0.08 / 0.6, within(TOLERANCE));
  }

  @Test
  void forcedRoastThenReversePsychologyThenTheClampedScore() {
    RoastScorer s = scorer(0, 14);
    // rule 2: 0.2 roast; rule 3: 0.8 · 0.4 help; rule 4: 0.8 · 0.6 · 0.9 (p clamped)
    double rate = roastRate(() -> s.decideFixed(7, Mood.REVERSE_PSYCHOLOGY, 0.5, 0, 0, 0, 0));
    assertThat(rate).isCloseTo(0.2 + 0.8 * 0.6 * 0.9, within(TOLERANCE));
  }

  @Test
  void chaosRuleThenTheMultipliedScore() {
    RoastScorer s = scorer(1.0, 15);
    s.decide(0, 1, "hi"); // switches chaos on; the fixed clock keeps it on
    assertThat(s.chaosActive()).isTrue();
    double m = s.chaosMultiplier();
    // rule 1: 0.3 · 0.7; rule 4: 0.7 · clamp((0.3 + 0.02 + 0.1) · m)
    double p = Math.max(0, Math.min(0.42 * m, 0.9));
    double rate = roastRate(() -> s.decideFixed(0, Mood.CAFFEINATED, 0.3, 0.02, 0, 0, 0));
    assertThat(rate).isCloseTo(0.3 * 0.7 + 0.7 * p, within(TOLERANCE));
  }

  @Test
  void endToEndDecisionsForFreshDirectMessageUsersMatchTheirProbability() {
    RoastScorer s = scorer(0, 16);
    String text = "how do I return?"; // 0.16 + keyword 0.15 + one '?' 0.05
    // base 0.3 + 0.36 + time 0 + caffeinated 0.1 (c = 0, no debt and no server in DMs)
    long[] user = {0};
    double rate =
        roastRate(
            () -> {
              RoastDecision d = s.decide(0, ++user[0], text);
              assertThat(d.probability()).isCloseTo(0.76, within(1e-9));
              return d;
            });
    assertThat(rate).isCloseTo(0.76, within(TOLERANCE));
  }
}
