package dev.llmbot.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Estimates response-time percentiles for /status from the histogram buckets of every {@link
 * BotMeters#RESPONSE} timer (all triggers and outcomes merged). Thread-safe; reads a snapshot.
 */
public final class LatencySummary {
  private LatencySummary() {}

  /** p50 and p95 in milliseconds, or NaN when nothing was recorded yet. */
  public static double[] p50p95Millis(MeterRegistry registry) {
    List<Timer> timers = new ArrayList<>(registry.find(BotMeters.RESPONSE).timers());
    long total = 0;
    double[] bounds = null;
    long[] counts = null;
    for (Timer t : timers) {
      CountAtBucket[] buckets = t.takeSnapshot().histogramCounts();
      if (bounds == null) {
        bounds = new double[buckets.length];
        counts = new long[buckets.length];
        for (int i = 0; i < buckets.length; i++) {
          bounds[i] = buckets[i].bucket(TimeUnit.MILLISECONDS);
        }
      }
      for (int i = 0; i < Math.min(buckets.length, counts.length); i++) {
        counts[i] += (long) buckets[i].count();
      }
      total += t.count();
    }
    if (total == 0 || bounds == null) {
      return new double[] {Double.NaN, Double.NaN};
    }
    return new double[] {
      quantile(bounds, counts, total, 0.5), quantile(bounds, counts, total, 0.95)
    };
  }

  private static double quantile(double[] bounds, long[] cumulative, long total, double q) {
    double target = q * total;
    for (int i = 0; i < bounds.length; i++) {
      if (cumulative[i] >= target) {
        return bounds[i];
      }
    }
    return bounds.length == 0 ? Double.NaN : bounds[bounds.length - 1];
  }
}
