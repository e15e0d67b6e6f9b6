package dev.llmbot.roast;

import static dev.llmbot.roast.RoastFixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Skipping the message scan when p is clamped whatever the complexity never changes a decision. */
class LazyComplexityTest {
  private static final String[] TEXTS = {
    "", "hi", "why??", "`x` api", "how do I return a value from a function?", "z".repeat(250)
  };

  @Property(tries = 3000)
  void scoringWithTheTextEqualsScoringWithItsComplexity(
      @ForAll @IntRange(min = 0, max = 9) int c,
      @ForAll Mood mood,
      @ForAll @DoubleRange(min = 0, max = 0.9) double base,
      @ForAll("times") double time,
      @ForAll @DoubleRange(min = 0, max = 0.7) double debt,
      @ForAll("servers") double server,
      @ForAll @IntRange(min = 0, max = 5) int text,
      @ForAll boolean chaos,
      @ForAll long seed) {
    RoastScorer lazy = scorer(chaos, seed);
    RoastScorer eager = scorer(chaos, seed);
    double complexity = MessageFeatures.of(TEXTS[text]).complexity();
    assertThat(lazy.score(c, mood, base, TEXTS[text], 0, time, debt, server))
        .isEqualTo(eager.score(c, mood, base, null, complexity, time, debt, server));
  }

  private static RoastScorer scorer(boolean chaos, long seed) {
    FakeTime t = FakeTime.at("2026-01-05T10:00:00Z");
    RoastScorer s =
        new RoastScorer(config(0.5, false, chaos ? 1 : 0), t, new SplittableRandom(seed), t);
    s.decide(0, 1, "hi"); // switches chaos on when asked; the fixed clock keeps it on
    return s;
  }

  @Provide
  Arbitrary<Double> times() {
    return Arbitraries.of(-0.1, 0.0, 0.1, 0.2, 0.3);
  }

  @Provide
  Arbitrary<Double> servers() {
    return Arbitraries.of(0.0, 0.13, 0.2, 0.3);
  }
}
