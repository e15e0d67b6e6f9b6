package dev.llmbot.roast;

/**
 * The pure modifier formulas of SPEC §4. Stateless; safe on any thread. The engine ({@link
 * RoastScorer}) decides when each is evaluated and what is memoised.
 */
public final class Modifiers {
  private Modifiers() {}

  /** Debt grows by this per helped guild message. */
  public static final double DEBT_STEP = 0.05;

  /**
   * The streak modifier for streak {@code c} with the fresh uniform draw {@code u} in [0, 1): 0
   * when c = 0, else k·c + u·v·c with (k, v) = (0.10, 0.05) for c ≤ 2, (0.25, 0.10) for c ≤ 5,
   * (0.35, 0.15) above.
   */
  public static double streak(int c, double u) {
    if (c <= 0) {
      return 0;
    }
    double k;
    double v;
    if (c <= 2) {
      k = 0.10;
      v = 0.05;
    } else if (c <= 5) {
      k = 0.25;
      v = 0.10;
    } else {
      k = 0.35;
      v = 0.15;
    }
    return k * c + u * v * c;
  }

  /**
   * The time-of-day modifier for a local hour 0–23. Bands are inclusive hour values: 23–03 (23:00
   * to 03:59) +0.3; 05–08 −0.1; 19–22 +0.2; 13–17 +0.1; otherwise 0.
   */
  public static double timeOfDay(int hour) {
    if (hour >= 23 || hour <= 3) {
      return 0.3;
    }
    if (hour >= 5 && hour <= 8) {
      return -0.1;
    }
    if (hour >= 19) {
      return 0.2;
    }
    if (hour >= 13 && hour <= 17) {
      return 0.1;
    }
    return 0;
  }

  /** The debt modifier for debt {@code d}: min(0.3d, 0.7) when d &gt; 1, else 0.1d. */
  public static double debt(double d) {
    return d > 1 ? Math.min(0.3 * d, 0.7) : 0.1 * d;
  }

  /**
   * The server modifier for {@code h} hours since the server's last roast (infinite if none) and
   * {@code r} roasts in the last hour: 0.2 if h &lt; 1 and r &gt; 2; min(0.02h, 0.3) if h &gt; 6;
   * else 0.
   */
  public static double server(double h, int r) {
    if (h < 1 && r > 2) {
      return 0.2;
    }
    if (h > 6) {
      return Math.min(0.02 * h, 0.3);
    }
    return 0;
  }
}
