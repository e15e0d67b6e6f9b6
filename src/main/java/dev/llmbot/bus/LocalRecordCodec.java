package dev.llmbot.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/**
 * The one pass-by-reference codec for every bus message record. Records are immutable, so {@link
 * #transform} hands the same instance to the consumer. It refuses to cross the wire: this bot's bus
 * is local only.
 *
 * <p>{@link #install(EventBus)} registers it once and a codec selector that picks it for every
 * record type in this package, so a new message record needs no registration of its own.
 */
public final class LocalRecordCodec implements MessageCodec<Object, Object> {
  /** The codec name on the event bus. */
  public static final String NAME = "llmbot-local-record";

  private static final String BUS_PACKAGE = LocalRecordCodec.class.getPackageName();

  @Override
  public void encodeToWire(Buffer buffer, Object o) {
    throw new UnsupportedOperationException("bus records are local only: " + o.getClass());
  }

  @Override
  public Object decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException("bus records are local only");
  }

  @Override
  public Object transform(Object o) {
    return o;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }

  /** Whether {@code body} is a bus message record that this codec carries. */
  public static boolean carries(Object body) {
    if (body == null) {
      return false;
    }
    Class<?> type = body.getClass();
    return type.isRecord() && type.getPackageName().equals(BUS_PACKAGE);
  }

  /** Registers the codec and the selector that routes every bus record to it. */
  public static void install(EventBus bus) {
    bus.registerCodec(new LocalRecordCodec());
    bus.codecSelector(body -> carries(body) ? NAME : null);
  }
}
