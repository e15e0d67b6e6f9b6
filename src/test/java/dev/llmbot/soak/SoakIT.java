package dev.llmbot.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The soak and leak check in its short form: the same virtual day as the full form ({@link
 * Soak#main}), with a tenth of the users and the caps that the traffic fills within the warm-up
 * (per-guild items, roast users) scaled to match, so it runs in seconds.
 *
 * <p>The bounds are asserted strictly at every sample. It runs in a failsafe JVM of its own
 * (execution {@code soak-it}), so the heap holds nothing but the soak; {@link Soak#liveHeapBytes}
 * reads the live set exactly (no GC dead wood). The criterion is asserted as it stands —
 * the retained heap at the end within 10 % of the one after the warm-up — and, as the sharper leak
 * detector, the same for the soak's own state (the readings minus the one taken before the
 * components existed).
 */
class SoakIT {
  @Test
  void aVirtualDayOfUsersKeepsEveryStateSizeUnderItsBoundAndTheHeapFlat() {
    Soak.Options o =
        new Soak.Options(
            100_000,
            Duration.ofHours(24),
            Duration.ofHours(4),
            Duration.ofMinutes(10),
            42,
            // Per-guild caps scaled down with the traffic, so guilds reach them within the warm-up.
            // The roast engine keeps at most a tenth of the users, as in the full form.
            Map.of(
                "BOT_CONTEXT_MAX_MOMENTS", "8",
                "BOT_CONTEXT_MAX_GAGS", "4",
                "BOT_ROAST_MAX_USERS", "10000"));

    Soak.Report r = Soak.run(o);
    LoggerFactory.getLogger(SoakIT.class).info("Soak short form:\n{}", r.text());

    assertThat(r.users()).as("distinct users").isGreaterThanOrEqualTo(99_000);
    assertThat(r.samples()).hasSize(144);
    assertThat(r.violations()).as(r.text()).isEmpty();
    assertThat(r.granted()).isPositive();
    assertThat(r.cacheHits()).as("some greetings hit the cache").isPositive();
    assertThat(r.peak().conversations()).as("conversations were held").isPositive();
    assertThat(r.peak().buckets()).as("buckets were held").isPositive();
    assertThat(r.peak().roastUsers()).as("the roast cap was reached").isEqualTo(10_000);
    assertThat(r.moods()).as("moods changed over the day").hasSizeGreaterThan(1);
    assertThat(r.samples().get(r.samples().size() - 1).conversations())
        .as("conversations still come and go at the end")
        .isPositive();
    assertThat(r.rawRatio())
        .as("retained heap, end over warm-up\n%s", r.text())
        .isLessThanOrEqualTo(1.10);
    assertThat(r.ownRatio())
        .as("the soak's own retained state, end over warm-up\n%s", r.text())
        .isLessThanOrEqualTo(1.10);
  }
}
