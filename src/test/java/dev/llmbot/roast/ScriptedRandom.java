package dev.llmbot.roast;

import java.util.ArrayDeque;
import java.util.random.RandomGenerator;

/**
 * A random source that returns scripted doubles in order, then a fixed default; {@code nextLong}
 * (the schedule seed) is constant. With the default 0.999 every rule's U misses and every final U
 * is above any p ≤ 0.9, so unscripted messages are helped.
 */
final class ScriptedRandom implements RandomGenerator {
  private final ArrayDeque<Double> script = new ArrayDeque<>();
  private double fallback = 0.999;
  private int draws;

  ScriptedRandom then(double... values) {
    for (double v : values) {
      script.add(v);
    }
    return this;
  }

  ScriptedRandom otherwise(double value) {
    fallback = value;
    return this;
  }

  int draws() {
    return draws;
  }

  boolean exhausted() {
    return script.isEmpty();
  }

  @Override
  public double nextDouble() {
    draws++;
    Double v = script.poll();
    return v == null ? fallback : v;
  }

  @Override
  public long nextLong() {
    return 42L;
  }
}
