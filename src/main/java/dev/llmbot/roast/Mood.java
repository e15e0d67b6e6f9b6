package dev.llmbot.roast;

import java.util.Locale;

/**
 * The bot's mood (SPEC §4). Immutable.
 *
 * <p>Each mood's modifier is linear in c, the user's streak of helped questions: {@code offset +
 * slope·c}. Two moods differ: {@link #CHAOTIC} adds a fresh U[−0.3, 0.3) per message, and {@link
 * #REVERSE_PSYCHOLOGY} is a step (−0.4 when c &gt; 3, else +0.2). The coefficients are constants of
 * the mood, so the engine looks them up once per mood period and evaluates one multiply-add per
 * message.
 */
public enum Mood {
  SLEEPY(-0.2, 0.05),
  CAFFEINATED(0.1, 0.1),
  CHAOTIC(0, 0),
  REVERSE_PSYCHOLOGY(0.2, 0),
  BLOODTHIRSTY(0.2, 0.15);

  /** Reverse psychology's modifier once c is above {@link #REVERSE_STEP_AFTER}. */
  static final double REVERSE_HIGH_STREAK = -0.4;

  /** Reverse psychology switches to its negative modifier when c is above this. */
  static final int REVERSE_STEP_AFTER = 3;

  /** Half-width of the chaotic mood's uniform modifier U[−0.3, 0.3). */
  static final double CHAOTIC_HALF_WIDTH = 0.3;

  private static final Mood[] VALUES = values();

  private final double offset;
  private final double slope;
  private final String tag;

  Mood(double offset, double slope) {
    this.offset = offset;
    this.slope = slope;
    this.tag = name().toLowerCase(Locale.ROOT);
  }

  /** The lower-case name used in /status, logs and the metrics tag (e.g. {@code sleepy}). */
  public String tag() {
    return tag;
  }

  /** The mood with ordinal {@code i}; used when drawing a mood uniformly. */
  static Mood byIndex(int i) {
    return VALUES[i];
  }

  /** How many moods there are. */
  static int count() {
    return VALUES.length;
  }

  /**
   * The modifier for streak {@code c}; {@code u} is a fresh uniform [0, 1) draw, used only by
   * {@link #CHAOTIC}.
   */
  double modifier(int c, double u) {
    switch (this) {
      case CHAOTIC:
        return (2 * u - 1) * CHAOTIC_HALF_WIDTH;
      case REVERSE_PSYCHOLOGY:
        return c > REVERSE_STEP_AFTER ? REVERSE_HIGH_STREAK : offset;
      default:
        return offset + slope * c;
    }
  }

  /** Whether {@link #modifier} uses its random draw. */
  boolean needsDraw() {
    return this == CHAOTIC;
  }
}
