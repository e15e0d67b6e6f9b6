package dev.llmbot.roast;

import static dev.llmbot.roast.RoastFixtures.bounded;
import static dev.llmbot.roast.RoastFixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RoastBoundsTest {
  private final FakeTime time = FakeTime.at("2026-01-05T10:00:00Z");

  @Test
  void aMillionDistinctUsersStayWithinTheConfiguredBounds() {
    RoastScorer s =
        new RoastScorer(
            bounded(config(0.5, true, 0.05), 10_000, 1_000), time, new SplittableRandom(1), time);
    for (int i = 1; i <= 1_000_000; i++) {
      s.decide(1 + i % 5_000, i, "hi");
      if (i % 1000 == 0) {
        time.advance(Duration.ofSeconds(1));
      }
    }
    s.cleanUp();
    assertThat(s.userStates()).isPositive().isLessThanOrEqualTo(10_000);
    assertThat(s.serverStates()).isPositive().isLessThanOrEqualTo(1_000);
  }

  @Test
  void idleStateIsEvictedAfterItsIdleTime() {
    RoastScorer s = new RoastScorer(config(0.3, false, 0), time, new ScriptedRandom(), time);
    s.decide(5, 1, "hi");
    s.decide(5, 1, "hi");
    s.decide(0, 2, "hi");
    assertThat(s.streak(5, 1)).isEqualTo(2);
    time.advance(Duration.ofHours(23)); // user and server idle time: 24 h by default
    s.cleanUp();
    assertThat(s.userStates()).isEqualTo(2);
    assertThat(s.serverStates()).isEqualTo(1);
    time.advance(Duration.ofHours(1));
    s.cleanUp();
    assertThat(s.userStates()).isZero();
    assertThat(s.serverStates()).isZero();
    assertThat(s.streak(5, 1)).isZero(); // a forgotten user starts again at c = 0
  }

  @Test
  void anActiveServerKeepsItsRoastLogPastItsIdleTime() {
    ScriptedRandom random = new ScriptedRandom();
    RoastScorer s = new RoastScorer(config(0.3, false, 0), time, random, time);
    for (int i = 0; i < 50; i++) { // one message every 30 min for 25 h, all helped
      s.decide(5, 1, "hi");
      time.advance(Duration.ofMinutes(30));
    }
    random.then(0.5, 0.5, 0.0); // c ≥ 6: rule 2 misses, streak jitter, then U = 0 roasts
    s.decide(5, 1, "hi");
    time.advance(Duration.ofMinutes(30));
    s.cleanUp();
    assertThat(s.serverStates()).isEqualTo(1);
    assertThat(s.serverModifier(5)).isZero(); // h = 0.5 after the roast: the log was kept
  }

  @Test
  void aUserWhoseServerWasEvictedLooksItUpAgain() {
    ScriptedRandom random = new ScriptedRandom();
    RoastScorer s = new RoastScorer(bounded(config(0.3, false, 0), 100, 1), time, random, time);
    random.then(0.0);
    s.decide(1, 10, "hi"); // roast in guild 1
    assertThat(s.serverModifier(1)).isZero();
    s.decide(2, 20, "hi"); // guild 2 pushes guild 1 out (at most one server)
    s.cleanUp();
    assertThat(s.serverStates()).isEqualTo(1);
    assertThat(s.serverModifier(1)).as("guild 1 evicted").isEqualTo(0.3);
    random.then(0.0);
    s.decide(1, 10, "hi"); // roasts again: into a fresh state held by the cache, not the old one
    s.cleanUp();
    assertThat(s.serverStates()).isEqualTo(1);
    assertThat(s.serverModifier(1)).isZero(); // the cache holds guild 1's new log (h = 0)
  }
}
