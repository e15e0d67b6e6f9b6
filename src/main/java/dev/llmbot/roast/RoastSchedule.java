package dev.llmbot.roast;

/**
 * The engine's global state that depends only on time: the hourly base drift and the mood cycle
 * (SPEC §4). Owned by one {@link RoastScorer}; not thread-safe.
 *
 * <p>Both are derived deterministically from a seed and a start instant, with a counter-based
 * generator (SplitMix64 finaliser over seed, stream and index) instead of a stateful one. So two
 * schedules built from the same seed and start agree at every instant, whichever messages each one
 * saw: this is what lets several roast verticle instances share one mood and one base. Results are
 * memoised for the current hour and the current mood period, so the per-message cost is two
 * compares.
 *
 * <ul>
 *   <li><b>Base:</b> for epoch hour H (UTC clock hours), base + (−0.3 + 0.5·u(H)), clamped to [0,
 *       max], where u(H) is uniform in [0, 1). With drift off it is the configured base.
 *   <li><b>Mood:</b> period 0 starts at {@code start} with caffeinated; period i lasts 30 min +
 *       u·90 min (uniform in [30, 120) min, millisecond resolution); period i &gt; 0 has a mood
 *       drawn uniformly from all five (the same mood may come again).
 *   <li>If the clock goes back, the current mood period is kept (moods never rewind).
 * </ul>
 */
final class RoastSchedule {
  static final long HOUR_MS = 3_600_000L;
  static final long MIN_MOOD_MS = 30 * 60_000L;
  static final long MOOD_SPAN_MS = 90 * 60_000L;
  static final double DRIFT_LOW = -0.3;
  static final double DRIFT_WIDTH = 0.5;

  private static final long STREAM_BASE = 0x6A09E667F3BCC909L;
  private static final long STREAM_MOOD_LENGTH = 0xBB67AE8584CAA73BL;
  private static final long STREAM_MOOD_PICK = 0x3C6EF372FE94F82BL;

  private final long seed;
  private final double base;
  private final double max;
  private final boolean drift;

  private long hour = Long.MIN_VALUE;
  private double hourBase;

  private long moodIndex;
  private long moodStart;
  private long moodEnd;
  private Mood mood;

  RoastSchedule(long seed, long startMillis, double base, double max, boolean drift) {
    this.seed = seed;
    this.base = base;
    this.max = max;
    this.drift = drift;
    this.moodIndex = 0;
    this.moodStart = startMillis;
    this.moodEnd = startMillis + moodLength(0);
    this.mood = Mood.CAFFEINATED;
  }

  /** The base chance at {@code now} (epoch millis), memoised for the clock hour. */
  double base(long now) {
    long h = Math.floorDiv(now, HOUR_MS);
    if (h != hour) {
      hour = h;
      hourBase =
          drift ? clamp(base + DRIFT_LOW + DRIFT_WIDTH * uniform(STREAM_BASE, h), max) : base;
    }
    return hourBase;
  }

  /** The mood at {@code now}, advancing through any periods that ended. */
  Mood mood(long now) {
    while (now >= moodEnd) {
      moodIndex++;
      moodStart = moodEnd;
      moodEnd = moodStart + moodLength(moodIndex);
      mood = Mood.byIndex((int) (uniform(STREAM_MOOD_PICK, moodIndex) * Mood.count()));
    }
    return mood;
  }

  /** When the current mood period ends (epoch millis); valid after {@link #mood}. */
  long moodEnd() {
    return moodEnd;
  }

  private long moodLength(long index) {
    return MIN_MOOD_MS + (long) (uniform(STREAM_MOOD_LENGTH, index) * MOOD_SPAN_MS);
  }

  private static double clamp(double p, double max) {
    return Math.max(0, Math.min(p, max));
  }

  /** A uniform double in [0, 1) that depends only on the seed, the stream and the index. */
  private double uniform(long stream, long index) {
    long z = seed ^ stream;
    z += (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-53;
  }
}
