package dev.llmbot.core;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether the bot still takes new messages, and how many are in flight. Adapters check {@link
 * #open()} before handing a message to the bus; the chat and command verticles count requests in
 * and out so shutdown can wait for replies in flight. Thread-safe (atomics only).
 */
public final class Intake {
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final AtomicInteger inFlight = new AtomicInteger();

  public boolean open() {
    return open.get();
  }

  /** Stops intake; returns false if it was already stopped. */
  public boolean close() {
    return open.getAndSet(false);
  }

  public void begin() {
    inFlight.incrementAndGet();
  }

  public void end() {
    inFlight.decrementAndGet();
  }

  public int inFlight() {
    return inFlight.get();
  }
}
