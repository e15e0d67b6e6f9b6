package dev.llmbot.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random sequences of acquires, retries, releases and time steps against a plain model of SPEC §5:
 * every decision and every status figure must match, so no charge or refund is ever lost or
 * doubled.
 */
class RateLimiterPropertyTest {
  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  private static final long T0 =
      LocalDateTime.parse("2026-06-01T09:00:00").atZone(LA).toInstant().toEpochMilli();
  private static final int PER_MINUTE = 4;
  private static final int PER_DAY = 12;
  private static final int BURST = 3;
  private static final double REFILL_PER_MILLI = 6 / 60_000.0;

  /** The model: charges as a list, buckets as fractional tokens. */
  private static final class Model {
    final List<long[]> charges = new ArrayList<>(); // {time, released 0/1}
    final Map<String, Integer> requestCharge = new HashMap<>(); // id -> index in charges
    final Map<Long, double[]> buckets = new HashMap<>(); // user -> {tokens, last}

    long minuteUsed(long now) {
      return charges.stream().filter(c -> c[1] == 0 && c[0] > now - 60_000).count();
    }

    long dayUsed() {
      return charges.stream().filter(c -> c[1] == 0).count(); // one day only
    }

    double tokens(long user, long now) {
      double[] b = buckets.computeIfAbsent(user, u -> new double[] {BURST, now});
      b[0] = Math.min(BURST, b[0] + (now - b[1]) * REFILL_PER_MILLI);
      b[1] = now;
      return b[0];
    }

    Decision.Kind global(long now) {
      if (dayUsed() >= PER_DAY) {
        return Decision.Kind.DAY;
      }
      return minuteUsed(now) >= PER_MINUTE ? Decision.Kind.MINUTE : Decision.Kind.GRANTED;
    }

    Decision.Kind acquire(String id, long user, long now) {
      Integer known = requestCharge.get(id);
      if (known != null) {
        if (charges.get(known)[1] == 0) {
          return Decision.Kind.GRANTED;
        }
        Decision.Kind g = global(now);
        if (g == Decision.Kind.GRANTED) {
          charges.add(new long[] {now, 0});
          requestCharge.put(id, charges.size() - 1);
        }
        return g;
      }
      if (tokens(user, now) < 1 - 1e-9) {
        return Decision.Kind.USER;
      }
      Decision.Kind g = global(now);
      if (g == Decision.Kind.GRANTED) {
        buckets.get(user)[0] -= 1;
        charges.add(new long[] {now, 0});
        requestCharge.put(id, charges.size() - 1);
      }
      return g;
    }

    void release(String id) {
      Integer known = requestCharge.get(id);
      if (known != null) {
        charges.get(known)[1] = 1;
      }
    }
  }

  @Property(tries = 300)
  void decisionsAndStatusMatchTheModel(
      @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 99) Integer> ops,
      @ForAll @Size(min = 200, max = 200) List<@IntRange(min = 0, max = 2_900) Integer> steps) {
    var limiter =
        new RateLimiter(new UserBuckets(BURST, 6), new GlobalQuota(PER_MINUTE, PER_DAY, LA));
    var model = new Model();
    long now = T0;
    List<String> seen = new ArrayList<>();
    for (int k = 0; k < ops.size(); k++) {
      int op = ops.get(k);
      now += steps.get(k); // under 600 s in all: every id stays remembered
      if (op < 60 || seen.isEmpty()) {
        String id = "m" + k;
        long user = op % 3;
        seen.add(id);
        assertThat(limiter.acquire(id, user, now).kind())
            .as("acquire %s by %d at +%d ms", id, user, now - T0)
            .isEqualTo(model.acquire(id, user, now));
      } else if (op < 80) {
        String id = seen.get(op % seen.size());
        assertThat(limiter.acquire(id, 0, now).kind())
            .as("retry %s", id)
            .isEqualTo(model.acquire(id, 0, now));
      } else {
        String id = seen.get(op % seen.size());
        limiter.release(id, now);
        model.release(id);
      }
      var status = limiter.status(0, now);
      assertThat(status.minuteRemaining()).isEqualTo(PER_MINUTE - model.minuteUsed(now));
      assertThat(status.dayRemaining()).isEqualTo(PER_DAY - model.dayUsed());
    }
  }
}
