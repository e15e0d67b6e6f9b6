package dev.llmbot.roast;

import static dev.llmbot.roast.RoastFixtures.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmbot.bus.Persona;
import dev.llmbot.bus.RoastDecision;
import dev.llmbot.bus.RoastStatus;
import dev.llmbot.config.RoastConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RoastScorerTest {
  private static final Offset<Double> EPS = within(1e-9);
  private static final long GUILD = 7;
  private static final long USER = 1001;

  private final FakeTime time = FakeTime.at("2026-01-05T10:00:00Z"); // hour 10 UTC: time mod 0
  private final ScriptedRandom random = new ScriptedRandom();

  private RoastScorer scorer(RoastConfig config) {
    return new RoastScorer(config, time, random, time);
  }

  /** Base 0.3, no drift, no chaos unless asked. */
  private RoastScorer plain() {
    return scorer(config(0.3, false, 0));
  }

  private static void help(RoastScorer s, long guild, long user, int times) {
    for (int i = 0; i < times; i++) {
      assertThat(s.decide(guild, user, "hi").persona()).isEqualTo(Persona.HELPFUL);
    }
  }

  @Test
  void startsCaffeinatedWithChaosOff() {
    assertThat(plain().status()).isEqualTo(new RoastStatus("caffeinated", false));
  }

  @Test
  void probabilityInDirectMessagesIsBasePlusStreakComplexityTimeAndMood() {
    RoastScorer s = plain();
    // base 0.3 + complexity 0.02 ("hi") + time 0 (10:00) + caffeinated 0.1; no debt, no server
    RoastDecision first = s.decide(0, USER, "hi");
    assertThat(first.probability()).isCloseTo(0.42, EPS);
    assertThat(first.persona()).isEqualTo(Persona.HELPFUL);
    assertThat(s.streak(0, USER)).isEqualTo(1);
    assertThat(s.debt(0, USER)).isZero(); // debt grows in guilds only
    // c = 1: streak 0.1 + 0.999*0.05, caffeinated 0.1 + 0.1
    RoastDecision second = s.decide(0, USER, "hi");
    assertThat(second.probability()).isCloseTo(0.3 + 0.1 + 0.999 * 0.05 + 0.02 + 0.2, EPS);
  }

  @Test
  void guildMessagesAddDebtOnceAndTheServerModifier() {
    RoastScorer s = scorer(config(0.1, false, 0));
    // never-roasted server: h = ∞, server modifier 0.3
    assertThat(s.decide(GUILD, USER, "hi").probability()).isCloseTo(0.52, EPS);
    assertThat(s.debt(GUILD, USER)).isCloseTo(0.05, EPS);
    // base 0.1 + streak(1) + 0.02 + caffeinated(1) 0.2 + debt 0.1·0.05 + server 0.3
    double expected = 0.1 + (0.1 + 0.999 * 0.05) + 0.02 + 0.2 + 0.005 + 0.3;
    assertThat(s.decide(GUILD, USER, "hi").probability()).isCloseTo(expected, EPS);
  }

  @Test
  void debtCrossesOneAfterTwentyOneHelpsAndResetsOnRoast() {
    RoastScorer s = plain();
    help(s, GUILD, USER, 20);
    assertThat(s.debt(GUILD, USER)).isCloseTo(1.0, EPS);
    assertThat(Modifiers.debt(s.debt(GUILD, USER))).isCloseTo(0.1, EPS);
    help(s, GUILD, USER, 1);
    assertThat(s.debt(GUILD, USER)).isCloseTo(1.05, EPS);
    assertThat(Modifiers.debt(s.debt(GUILD, USER))).isCloseTo(0.315, EPS);

    // c = 21: rule 2 misses (0.5), then streak jitter, then the final U = 0 roasts
    random.then(0.5, 0.5, 0.0);
    assertThat(s.decide(GUILD, USER, "hi").persona()).isEqualTo(Persona.ROAST);
    assertThat(s.streak(GUILD, USER)).isZero();
    assertThat(s.debt(GUILD, USER)).isZero();
  }

  @Test
  void streakAndDebtAreKeptPerUserPerGuild() {
    RoastScorer s = plain();
    help(s, GUILD, USER, 3);
    help(s, GUILD + 1, USER, 1);
    help(s, 0, USER, 2);
    assertThat(s.streak(GUILD, USER)).isEqualTo(3);
    assertThat(s.streak(GUILD + 1, USER)).isEqualTo(1);
    assertThat(s.streak(0, USER)).isEqualTo(2);
    assertThat(s.debt(0, USER)).isZero();
  }

  @Test
  void serverModifierIsPointTwoAfterThreeRoastsWithinTheHour() {
    RoastScorer s = plain();
    random.then(0.0); // c = 0, chaos off: the only draw is the final U
    s.decide(GUILD, 1, "hi");
    assertThat(s.serverModifier(GUILD)).isZero(); // h < 1, r = 1
    time.advance(Duration.ofMinutes(10));
    random.then(0.0);
    s.decide(GUILD, 2, "hi");
    assertThat(s.serverModifier(GUILD)).isZero(); // r = 2 is not above 2
    time.advance(Duration.ofMinutes(10));
    random.then(0.0);
    s.decide(GUILD, 3, "hi");
    // the roast invalidates the 5-minute cache at once
    assertThat(s.serverModifier(GUILD)).isCloseTo(0.2, EPS);

    // the first roast leaves the hour: r = 2
    time.advance(Duration.ofMinutes(41));
    assertThat(s.serverModifier(GUILD)).isZero();
  }

  @Test
  void serverModifierGrowsAfterSixQuietHoursAndIsCachedForFiveMinutes() {
    RoastScorer s = plain();
    random.then(0.0);
    assertThat(s.decide(GUILD, 1, "hi").persona()).isEqualTo(Persona.ROAST);
    time.advance(Duration.ofHours(6));
    assertThat(s.serverModifier(GUILD)).isZero(); // h = 6 is not above 6
    time.advance(Duration.ofMinutes(30));
    assertThat(s.serverModifier(GUILD)).isCloseTo(0.13, EPS); // h = 6.5
    time.advance(Duration.ofMinutes(4));
    assertThat(s.serverModifier(GUILD)).isCloseTo(0.13, EPS); // cached
    time.advance(Duration.ofMinutes(1));
    assertThat(s.serverModifier(GUILD)).isCloseTo(0.02 * (6.5 + 5 / 60.0), EPS);
    time.advance(Duration.ofHours(20));
    assertThat(s.serverModifier(GUILD)).isCloseTo(0.3, EPS);
  }

  @Test
  void timeOfDayUsesTheGuildsConfiguredZone() {
    time.setMillis(Instant.parse("2026-01-05T17:45:00Z").toEpochMilli());
    RoastConfig cfg =
        RoastFixtures.withZones(config(0.0, false, 0), Map.of(2L, ZoneId.of("Asia/Kolkata")));
    RoastScorer s = scorer(cfg);
    // UTC 17:45 → +0.1; Kolkata 23:15 → +0.3. Both: 0.02 + caffeinated 0.1 + server 0.3
    assertThat(s.decide(1, USER, "hi").probability()).isCloseTo(0.52, EPS);
    assertThat(s.decide(2, USER, "hi").probability()).isCloseTo(0.72, EPS);
    // DMs use the default zone
    assertThat(s.decide(0, USER, "hi").probability()).isCloseTo(0.22, EPS);
  }

  @Test
  void baseDriftsEachClockHourWithinItsBand() {
    RoastScorer s = scorer(config(0.5, true, 0));
    RoastSchedule schedule = s.schedule();
    long start = time.millis();
    double min = 1;
    double max = 0;
    for (int h = 0; h < 2000; h++) {
      long at = start + h * RoastSchedule.HOUR_MS;
      double b = schedule.base(at);
      assertThat(b).isBetween(0.2, 0.7);
      assertThat(schedule.base(at + RoastSchedule.HOUR_MS - 1)).isEqualTo(b); // same hour
      min = Math.min(min, b);
      max = Math.max(max, b);
    }
    assertThat(min).isLessThan(0.22);
    assertThat(max).isGreaterThan(0.68);
    RoastScorer fixed = scorer(config(0.5, false, 0));
    assertThat(fixed.schedule().base(start + 5 * RoastSchedule.HOUR_MS)).isEqualTo(0.5);
  }

  @Test
  void baseDriftIsClampedToZeroAndMax() {
    RoastScorer low = scorer(config(0.1, true, 0));
    RoastScorer high = scorer(config(0.9, true, 0));
    for (int h = 0; h < 500; h++) {
      long at = time.millis() + h * RoastSchedule.HOUR_MS;
      assertThat(low.schedule().base(at)).isBetween(0.0, 0.3);
      assertThat(high.schedule().base(at)).isBetween(0.6, 0.9);
    }
  }

  @Test
  void moodLastsThirtyToOneTwentyMinutesThenANewMoodIsDrawn() {
    RoastScorer s = plain();
    time.advance(Duration.ofMinutes(30).minusMillis(1));
    assertThat(s.status().mood()).isEqualTo("caffeinated");

    Map<Mood, Integer> seen = new EnumMap<>(Mood.class);
    long periodStart = time.millis() - Duration.ofMinutes(30).minusMillis(1).toMillis();
    for (int i = 0; i < 1000; i++) {
      s.mood();
      long end = s.schedule().moodEnd();
      assertThat(end - periodStart).isBetween(30 * 60_000L, 120 * 60_000L - 1);
      time.setMillis(end - 1);
      s.mood();
      assertThat(s.schedule().moodEnd()).isEqualTo(end); // still the same period
      time.setMillis(end);
      Mood after = s.mood();
      assertThat(s.status().mood()).isEqualTo(after.tag());
      seen.merge(after, 1, Integer::sum);
      periodStart = end;
    }
    // uniform over five moods: about 200 each
    assertThat(seen).hasSize(5);
    assertThat(seen.values()).allSatisfy(n -> assertThat(n).isBetween(140, 260));
  }

  @Test
  void moodNeverRewindsWhenTheClockGoesBack() {
    RoastScorer s = plain();
    time.advance(Duration.ofHours(10));
    Mood now = s.mood();
    long end = s.schedule().moodEnd();
    time.advance(Duration.ofHours(-9));
    assertThat(s.mood()).isEqualTo(now);
    assertThat(s.schedule().moodEnd()).isEqualTo(end);
  }

  @Test
  void chaosSwitchesOnForItsDrawnDurationAndMultiplierThenExpires() {
    RoastScorer s = scorer(config(0.3, false, 0.05));
    random.then(0.05); // not below 0.05: stays off
    s.decide(0, USER, "hi");
    assertThat(s.status().chaos()).isFalse();

    // switch on (0.01 < 0.05), duration 5 + 0.5·25 = 17.5 min, multiplier 0.5 + 0.25·2 = 1.0
    random.then(0.01, 0.5, 0.25);
    long start = time.millis();
    s.decide(0, USER, "hi");
    assertThat(s.status()).isEqualTo(new RoastStatus("caffeinated", true));
    assertThat(s.chaosEnd() - start).isEqualTo(17 * 60_000L + 30_000L);
    assertThat(s.chaosMultiplier()).isCloseTo(1.0, EPS);

    time.advance(Duration.ofMinutes(17));
    assertThat(s.status().chaos()).isTrue();
    time.advance(Duration.ofSeconds(30));
    assertThat(s.status().chaos()).isFalse();
    // the next message may switch it on again (here it does not)
    s.decide(0, USER, "hi");
    assertThat(s.chaosActive()).isFalse();
  }

  @Test
  void chaosDurationAndMultiplierStayInTheirRanges() {
    SplittableRandom seeded = new SplittableRandom(5);
    RoastScorer s = new RoastScorer(config(0.3, false, 1.0), time, seeded, time);
    for (int i = 0; i < 2000; i++) {
      long before = time.millis();
      s.decide(0, i, "hi"); // chance 1: every message after an expiry switches chaos on
      assertThat(s.chaosEnd() - before).isBetween(5 * 60_000L, 30 * 60_000L - 1);
      assertThat(s.chaosMultiplier()).isGreaterThanOrEqualTo(0.5).isLessThan(2.5);
      time.setMillis(s.chaosEnd());
    }
  }

  @Test
  void chaosIsAppliedAsAMultiplierBeforeClamping() {
    RoastScorer s = scorer(config(0.3, false, 1.0));
    // on, 17.5 min, multiplier 0.5 + 0.5·2 = 1.5; rule 1 misses (0.3); final U
    random.then(0.0, 0.5, 0.5, 0.3, 0.999);
    RoastDecision d = s.decide(0, USER, "hi");
    assertThat(s.lastRule()).isEqualTo(RoastScorer.RULE_SCORE);
    assertThat(d.probability()).isCloseTo(0.42 * 1.5, EPS);
  }

  @Test
  void chaosRuleComesFirstAndOverridesTheForcedRoast() {
    RoastScorer s = scorer(config(0.3, false, 1.0));
    help(s, 0, USER, 6); // chaos switched on by the first message; the fixed clock keeps it on
    assertThat(s.chaosActive()).isTrue();
    assertThat(s.streak(0, USER)).isEqualTo(6);

    random.then(0.29, 0.7); // rule 1 applies; U' = 0.7 is not below 0.7: help
    RoastDecision d = s.decide(0, USER, "hi");
    assertThat(s.lastRule()).isEqualTo(RoastScorer.RULE_CHAOS);
    assertThat(d).isEqualTo(new RoastDecision(Persona.HELPFUL, 0.7));
    assertThat(s.streak(0, USER)).isEqualTo(7);

    random.then(0.29, 0.69);
    assertThat(s.decide(0, USER, "hi").persona()).isEqualTo(Persona.ROAST);
    assertThat(s.lastRule()).isEqualTo(RoastScorer.RULE_CHAOS);
    assertThat(s.streak(0, USER)).isZero();
  }

  @Test
  void chaosRuleThatMissesFallsThroughToTheForcedRoast() {
    RoastScorer s = scorer(config(0.3, false, 1.0));
    help(s, 0, USER, 6);
    random.then(0.3, 0.19); // rule 1 misses, rule 2 hits
    assertThat(s.decide(0, USER, "hi")).isEqualTo(new RoastDecision(Persona.ROAST, 1.0));
    assertThat(s.lastRule()).isEqualTo(RoastScorer.RULE_FORCED);
  }

  @Test
  void forcedRoastNeedsSixHelpedQuestions() {
    RoastScorer s = plain();
    help(s, GUILD, USER, 5);
    // c = 5: rule 2 is not drawn; the first draw is the streak jitter, the second the final U
    random.then(0.19, 0.999);
    assertThat(s.decide(GUILD, USER, "hi").persona()).isEqualTo(Persona.HELPFUL);
    assertThat(s.lastRule()).isEqualTo(RoastScorer.RULE_SCORE);
    assertThat(random.exhausted()).isTrue();

    random.then(0.2); // c = 6 but U = 0.2 is not below 0.2
    s.decide(GUILD, USER, "hi");
    assertThat(s.lastRule()).isEqualTo(RoastScorer.RULE_SCORE);

    random.then(0.19);
    assertThat(s.decide(GUILD, USER, "hi")).isEqualTo(new RoastDecision(Persona.ROAST, 1.0));
    assertThat(s.lastRule()).isEqualTo(RoastScorer.RULE_FORCED);
    assertThat(s.streak(GUILD, USER)).isZero();
    assertThat(s.debt(GUILD, USER)).isZero();
  }

  @Test
  void reversePsychologyHelpsAfterMoreThanFiveQuestions() {
    RoastScorer s = plain();
    moveToMood(s, Mood.REVERSE_PSYCHOLOGY);
    help(s, GUILD, USER, 5);

    // c = 5: rule 3 is not drawn; 0.39 goes to the streak jitter and U = 0 roasts
    random.then(0.39, 0.0);
    assertThat(s.decide(GUILD, USER, "hi").persona()).isEqualTo(Persona.ROAST);
    assertThat(s.lastRule()).isEqualTo(RoastScorer.RULE_SCORE);

    help(s, GUILD, USER, 6);
    random.then(0.5, 0.39); // rule 2 misses, rule 3 hits: help whatever p would be
    assertThat(s.decide(GUILD, USER, "hi")).isEqualTo(new RoastDecision(Persona.HELPFUL, 0.0));
    assertThat(s.lastRule()).isEqualTo(RoastScorer.RULE_REVERSE);
    assertThat(s.streak(GUILD, USER)).isEqualTo(7);

    random.then(0.19); // the forced roast comes before reverse psychology
    s.decide(GUILD, USER, "hi");
    assertThat(s.lastRule()).isEqualTo(RoastScorer.RULE_FORCED);
  }

  @Test
  void reversePsychologyRuleOnlyAppliesInThatMood() {
    RoastScorer s = plain(); // caffeinated
    help(s, GUILD, USER, 6);
    random.then(0.5, 0.39, 0.999); // rule 2 misses; 0.39 is the streak jitter; help
    s.decide(GUILD, USER, "hi");
    assertThat(s.lastRule()).isEqualTo(RoastScorer.RULE_SCORE);
    assertThat(random.exhausted()).isTrue();
  }

  @Test
  void roastResetsStreakAndHelpAddsOne() {
    RoastScorer s = plain();
    help(s, GUILD, USER, 3);
    assertThat(s.streak(GUILD, USER)).isEqualTo(3);
    random.then(0.5, 0.0);
    assertThat(s.decide(GUILD, USER, "hi").persona()).isEqualTo(Persona.ROAST);
    assertThat(s.streak(GUILD, USER)).isZero();
    help(s, GUILD, USER, 1);
    assertThat(s.streak(GUILD, USER)).isEqualTo(1);
  }

  @Test
  void decisionsAreReproducibleWithAFixedSeedAndClock() {
    assertThat(run(2024)).isEqualTo(run(2024));
    assertThat(run(2024)).isNotEqualTo(run(2025));
  }

  @Test
  void instancesSharingAScheduleAgreeOnMoodAndBase() {
    Instant start = Instant.parse("2026-01-05T10:00:00Z");
    FakeTime t1 = new FakeTime(start);
    FakeTime t2 = new FakeTime(start);
    RoastConfig cfg = config(0.5, true, 0.05);
    RoastScorer a = new RoastScorer(cfg, t1, new SplittableRandom(1), t1, 99L, start);
    RoastScorer b = new RoastScorer(cfg, t2, new SplittableRandom(2), t2, 99L, start);
    SplittableRandom traffic = new SplittableRandom(3);
    for (int i = 0; i < 5000; i++) {
      Duration step = Duration.ofSeconds(traffic.nextInt(1, 600));
      t1.advance(step);
      t2.advance(step);
      // different messages reach each instance
      a.decide(traffic.nextLong(1, 50), traffic.nextLong(1, 500), "hi");
      b.decide(traffic.nextLong(50, 100), traffic.nextLong(500, 1000), "why??");
      assertThat(a.mood()).isEqualTo(b.mood());
      assertThat(a.schedule().base(t1.millis())).isEqualTo(b.schedule().base(t2.millis()));
    }
  }

  private List<String> run(long seed) {
    FakeTime t = FakeTime.at("2026-01-05T10:00:00Z");
    RoastScorer s = new RoastScorer(config(0.5, true, 0.05), t, new SplittableRandom(seed), t);
    SplittableRandom traffic = new SplittableRandom(77);
    String[] texts = {"hi", "how do I return a value?", "`const x` api bug??", "lol"};
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      t.advance(Duration.ofSeconds(traffic.nextInt(0, 300)));
      long guild = traffic.nextInt(4) == 0 ? 0 : traffic.nextLong(1, 20);
      RoastDecision d = s.decide(guild, traffic.nextLong(1, 200), texts[traffic.nextInt(4)]);
      out.add(d.persona() + ":" + d.probability() + ":" + s.status());
    }
    return out;
  }

  /** Moves the fake clock to the start of the first period with {@code mood}. */
  private void moveToMood(RoastScorer s, Mood mood) {
    for (int i = 0; i < 10_000 && s.mood() != mood; i++) {
      time.setMillis(s.schedule().moodEnd());
    }
    assertThat(s.mood()).isEqualTo(mood);
  }
}
