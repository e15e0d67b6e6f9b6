package dev.llmbot.roast;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A wall clock and a nanosecond ticker that move together, only when a test advances them. */
final class FakeTime extends Clock implements Ticker {
  private long millis;
  private long nanos;

  FakeTime(Instant start) {
    this.millis = start.toEpochMilli();
  }

  static FakeTime at(String isoInstant) {
    return new FakeTime(Instant.parse(isoInstant));
  }

  void advance(Duration d) {
    millis += d.toMillis();
    nanos += d.toNanos();
  }

  void setMillis(long epochMillis) {
    nanos += (epochMillis - millis) * 1_000_000L;
    millis = epochMillis;
  }

  @Override
  public long read() {
    return nanos;
  }

  @Override
  public long millis() {
    return millis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
