package dev.llmbot.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.ratelimit.GlobalQuota.Result;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class GlobalQuotaTest {
  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  private static final long SEC = 1_000;

  private static long la(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(LA).toInstant().toEpochMilli();
  }

  @Test
  void theMinuteWindowSlidesOneChargeAtATime() {
    var q = new GlobalQuota(3, 1_000, LA);
    long t0 = la("2026-06-01T12:00:00");
    assertThat(q.tryCharge(t0)).isEqualTo(Result.OK);
    assertThat(q.tryCharge(t0 + 20 * SEC)).isEqualTo(Result.OK);
    assertThat(q.tryCharge(t0 + 40 * SEC)).isEqualTo(Result.OK);
    assertThat(q.tryCharge(t0 + 50 * SEC)).isEqualTo(Result.MINUTE_FULL);
    assertThat(q.minuteResetsAtMillis(t0 + 50 * SEC)).isEqualTo(t0 + 60 * SEC);
    // Just before the oldest charge is 60 s old the window is still full; at 60 s it frees one.
    assertThat(q.tryCharge(t0 + 60 * SEC - 1)).isEqualTo(Result.MINUTE_FULL);
    assertThat(q.minuteRemaining(t0 + 60 * SEC)).isEqualTo(1);
    assertThat(q.tryCharge(t0 + 60 * SEC)).isEqualTo(Result.OK);
    assertThat(q.tryCharge(t0 + 61 * SEC)).isEqualTo(Result.MINUTE_FULL);
    assertThat(q.minuteResetsAtMillis(t0 + 61 * SEC)).isEqualTo(t0 + 80 * SEC);
  }

  @Test
  void noSixtySecondSpanEverHoldsMoreThanTheLimit() {
    // A fixed window would allow 2 × limit across its boundary; the sliding log never does.
    var q = new GlobalQuota(9, 100_000, LA);
    long t0 = la("2026-06-01T12:00:59");
    java.util.List<Long> granted = new java.util.ArrayList<>();
    for (long t = t0; t < t0 + 10 * 60 * SEC; t += 700) {
      if (q.tryCharge(t) == Result.OK) {
        granted.add(t);
      }
    }
    for (int i = 0; i + 9 < granted.size(); i++) {
      assertThat(granted.get(i + 9) - granted.get(i)).isGreaterThanOrEqualTo(60 * SEC);
    }
    assertThat(granted).hasSizeGreaterThan(80);
  }

  @Test
  void statusReadsRollTheWindowsWithoutACharge() {
    var q = new GlobalQuota(2, 10, LA);
    long t0 = la("2026-06-01T23:59:30");
    q.tryCharge(t0);
    q.tryCharge(t0);
    assertThat(q.minuteRemaining(t0)).isZero();
    assertThat(q.dayRemaining(t0)).isEqualTo(8);
    // Only reads from here on: both windows must have rolled.
    assertThat(q.minuteRemaining(t0 + 60 * SEC)).isEqualTo(2);
    assertThat(q.dayRemaining(t0 + 31 * SEC)).isEqualTo(10);
    assertThat(q.dayResetsAtMillis(t0 + 31 * SEC)).isEqualTo(la("2026-06-03T00:00:00"));
  }

  @Test
  void theDayIsUsedUpUntilMidnightInTheDayZone() {
    var q = new GlobalQuota(100, 3, LA);
    long t0 = la("2026-06-01T09:00:00");
    for (int i = 0; i < 3; i++) {
      assertThat(q.tryCharge(t0 + i * 61 * SEC)).isEqualTo(Result.OK);
    }
    assertThat(q.tryCharge(t0 + 5 * 60 * SEC)).isEqualTo(Result.DAY_FULL);
    assertThat(q.dayResetsAtMillis(t0)).isEqualTo(la("2026-06-02T00:00:00"));
    assertThat(q.tryCharge(la("2026-06-01T23:59:59.999"))).isEqualTo(Result.DAY_FULL);
    assertThat(q.tryCharge(la("2026-06-02T00:00:00"))).isEqualTo(Result.OK);
    assertThat(q.dayRemaining(la("2026-06-02T00:00:01"))).isEqualTo(2);
  }

  @Test
  void theDayReportsDayFullBeforeMinuteFull() {
    var q = new GlobalQuota(1, 1, LA);
    long t0 = la("2026-06-01T09:00:00");
    q.tryCharge(t0);
    assertThat(q.tryCharge(t0 + 1)).isEqualTo(Result.DAY_FULL);
  }

  /** Spring forward: 2026-03-08 has 23 hours in Los Angeles (02:00 PST → 03:00 PDT). */
  @Test
  void theSpringForwardDayResetsAtLocalMidnightAfter23Hours() {
    var q = new GlobalQuota(100, 2, LA);
    long start = la("2026-03-08T00:00:00");
    long end = la("2026-03-09T00:00:00");
    assertThat(Duration.ofMillis(end - start)).isEqualTo(Duration.ofHours(23));
    assertThat(q.tryCharge(start)).isEqualTo(Result.OK);
    assertThat(q.dayResetsAtMillis(start)).isEqualTo(end);
    // Across the gap: 01:59 PST, then 03:00 PDT, the same day.
    assertThat(q.tryCharge(la("2026-03-08T03:30:00"))).isEqualTo(Result.OK);
    assertThat(q.tryCharge(la("2026-03-08T23:59:59"))).isEqualTo(Result.DAY_FULL);
    // A naive "start + 24 h" would still refuse here, one hour after the real midnight.
    assertThat(q.tryCharge(end)).isEqualTo(Result.OK);
    assertThat(q.dayResetsAtMillis(end)).isEqualTo(la("2026-03-10T00:00:00"));
    assertThat(la("2026-03-10T00:00:00") - end).isEqualTo(Duration.ofHours(24).toMillis());
  }

  /** Fall back: 2026-11-01 has 25 hours in Los Angeles (02:00 PDT → 01:00 PST). */
  @Test
  void theFallBackDayResetsAtLocalMidnightAfter25Hours() {
    var q = new GlobalQuota(100, 2, LA);
    long start = la("2026-11-01T00:00:00");
    long end = la("2026-11-02T00:00:00");
    assertThat(Duration.ofMillis(end - start)).isEqualTo(Duration.ofHours(25));
    assertThat(q.tryCharge(start)).isEqualTo(Result.OK);
    assertThat(q.tryCharge(start + Duration.ofHours(2).toMillis())).isEqualTo(Result.OK);
    // 24 h after the start is still 23:00 local on the same day: a naive reset would be early.
    long naive = start + Duration.ofHours(24).toMillis();
    assertThat(q.tryCharge(naive)).isEqualTo(Result.DAY_FULL);
    assertThat(q.dayResetsAtMillis(naive)).isEqualTo(end);
    assertThat(q.tryCharge(end - 1)).isEqualTo(Result.DAY_FULL);
    assertThat(q.tryCharge(end)).isEqualTo(Result.OK);
  }

  @Test
  void aMidnightInsideADstGapResetsWhenTheDayBegins() {
    // Chile starts DST at 24:00 on 2026-09-05: 2026-09-06 begins at 01:00 local.
    ZoneId santiago = ZoneId.of("America/Santiago");
    var q = new GlobalQuota(100, 1, santiago);
    long before =
        LocalDateTime.parse("2026-09-05T23:30:00").atZone(santiago).toInstant().toEpochMilli();
    long dayStart = LocalDate.parse("2026-09-06").atStartOfDay(santiago).toInstant().toEpochMilli();
    assertThat(q.tryCharge(before)).isEqualTo(Result.OK);
    assertThat(q.dayResetsAtMillis(before)).isEqualTo(dayStart);
    assertThat(dayStart - before).isEqualTo(30 * 60 * SEC);
    assertThat(q.tryCharge(dayStart - 1)).isEqualTo(Result.DAY_FULL);
    assertThat(q.tryCharge(dayStart)).isEqualTo(Result.OK);
  }

  @Test
  void releaseGivesBackTheSlotInBothWindows() {
    var q = new GlobalQuota(2, 5, LA);
    long t0 = la("2026-06-01T09:00:00");
    q.tryCharge(t0);
    q.tryCharge(t0 + SEC);
    assertThat(q.release(t0 + SEC, t0 + 2 * SEC)).isTrue();
    assertThat(q.minuteRemaining(t0 + 2 * SEC)).isEqualTo(1);
    assertThat(q.dayRemaining(t0 + 2 * SEC)).isEqualTo(4);
  }

  @Test
  void aReleaseAfterTheMinuteLeftOnlyGivesBackTheDay() {
    var q = new GlobalQuota(2, 5, LA);
    long t0 = la("2026-06-01T09:00:00");
    q.tryCharge(t0);
    assertThat(q.release(t0, t0 + 90 * SEC)).isTrue();
    assertThat(q.minuteRemaining(t0 + 90 * SEC)).isEqualTo(2);
    assertThat(q.dayRemaining(t0 + 90 * SEC)).isEqualTo(5);
  }

  @Test
  void aReleaseOfYesterdaysChargeLeavesTodayAlone() {
    var q = new GlobalQuota(5, 5, LA);
    long t0 = la("2026-06-01T23:59:50");
    q.tryCharge(t0);
    long after = la("2026-06-02T00:00:05");
    q.tryCharge(after);
    assertThat(q.release(t0, after + 1)).isTrue(); // only the minute log changes
    assertThat(q.dayRemaining(after + 1)).isEqualTo(4);
    assertThat(q.minuteRemaining(after + 1)).isEqualTo(4);
  }

  @Test
  void aClockSteppedBackDoesNotReopenTheWindow() {
    var q = new GlobalQuota(1, 5, LA);
    long t0 = la("2026-06-01T09:00:00");
    q.tryCharge(t0);
    assertThat(q.tryCharge(t0 - 30 * SEC)).isEqualTo(Result.MINUTE_FULL);
    assertThat(q.tryCharge(t0 + 60 * SEC)).isEqualTo(Result.OK);
  }

  @Test
  void restoreKeepsTodaysCountAndTheLiveMinuteLog() {
    var q = new GlobalQuota(3, 10, LA);
    long now = la("2026-06-01T09:00:00");
    long[] log = {now - 90 * SEC, now - 30 * SEC, now - 10 * SEC};
    q.restore(log, 7, la("2026-06-02T00:00:00"), now);
    assertThat(q.minuteRemaining(now)).isEqualTo(1);
    assertThat(q.dayRemaining(now)).isEqualTo(3);
  }

  @Test
  void restoreDropsYesterdaysCount() {
    var q = new GlobalQuota(3, 10, LA);
    long now = la("2026-06-02T00:00:01");
    q.restore(new long[0], 7, la("2026-06-02T00:00:00"), now);
    assertThat(q.dayRemaining(now)).isEqualTo(10);
  }

  @Test
  void restoreUnderALoweredLimitKeepsTheNewestCharges() {
    var q = new GlobalQuota(2, 10, LA);
    long now = la("2026-06-01T09:00:00");
    q.restore(new long[] {now - 40 * SEC, now - 30 * SEC, now - 20 * SEC}, 3, 0, now);
    assertThat(q.minuteRemaining(now)).isZero();
    assertThat(q.minuteResetsAtMillis(now)).isEqualTo(now + 30 * SEC);
  }

  @Test
  void restoreKeepsChargesSavedByAClockAheadOfThisOne() {
    var q = new GlobalQuota(2, 10, LA);
    long now = la("2026-06-01T09:00:00");
    q.restore(new long[] {now + 5 * SEC, now + 6 * SEC}, 2, la("2026-06-02T00:00:00"), now);
    assertThat(q.minuteRemaining(now)).isZero();
    assertThat(q.tryCharge(now + 30 * SEC)).isEqualTo(Result.MINUTE_FULL);
    assertThat(q.tryCharge(now + 65 * SEC)).isEqualTo(Result.OK);
  }
}
