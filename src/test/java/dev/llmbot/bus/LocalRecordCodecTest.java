package dev.llmbot.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class LocalRecordCodecTest {
  private static InboundMessage message() {
    return new InboundMessage(
        "m1",
        Source.CONSOLE,
        TriggerKind.CONSOLE,
        1,
        2,
        new Author(3, "ann", false),
        "hi",
        null,
        0);
  }

  @Test
  void transformHandsOverTheSameInstance() {
    InboundMessage m = message();
    assertThat(new LocalRecordCodec().transform(m)).isSameAs(m);
    assertThat(new LocalRecordCodec().systemCodecID()).isEqualTo((byte) -1);
  }

  @Test
  void carriesOnlyRecordsOfTheBusPackage() {
    assertThat(LocalRecordCodec.carries(message())).isTrue();
    assertThat(LocalRecordCodec.carries(new Ack(true))).isTrue();
    assertThat(LocalRecordCodec.carries("a string")).isFalse();
    assertThat(LocalRecordCodec.carries(null)).isFalse();
    assertThat(LocalRecordCodec.carries(List.of(1))).isFalse();
  }

  @Test
  void refusesTheWire() {
    assertThatThrownBy(() -> new LocalRecordCodec().encodeToWire(Buffer.buffer(), message()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aRecordCrossesTheLocalBusByReference(Vertx vertx, VertxTestContext ctx) {
    LocalRecordCodec.install(vertx.eventBus());
    InboundMessage sent = message();
    vertx
        .eventBus()
        .<InboundMessage>localConsumer("t", msg -> msg.reply(new Ack(msg.body() == sent)));
    vertx
        .eventBus()
        .<Ack>request("t", sent)
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.body().changed()).isTrue();
                          ctx.completeNow();
                        })));
  }

  @Test
  void aBotExceptionCrossesTheBusWithItsCodeAndText(Vertx vertx, VertxTestContext ctx) {
    LocalRecordCodec.install(vertx.eventBus());
    vertx
        .eventBus()
        .localConsumer(
            "f", msg -> BusErrors.fail(msg, new BotException(FailureCode.BLOCKED, "blocked: x")));
    vertx
        .eventBus()
        .request("f", new Ack(false))
        .onComplete(
            ctx.failing(
                err ->
                    ctx.verify(
                        () -> {
                          BotException bot = BusErrors.toBot(err);
                          assertThat(bot.code()).isEqualTo(FailureCode.BLOCKED);
                          assertThat(bot.userText()).isEqualTo("blocked: x");
                          ctx.completeNow();
                        })));
  }

  @Test
  void partitioningIsStableAndInRange() {
    assertThat(Partitioner.partition("cu:1:2:3", 4))
        .isEqualTo(Partitioner.partition("cu:1:2:3", 4));
    for (int i = 0; i < 1000; i++) {
      assertThat(Partitioner.partition("k" + i, 7)).isBetween(0, 6);
    }
    assertThat(Partitioner.partition("anything", 1)).isZero();
    // Pinned values: routing must not change between releases or JVMs.
    assertThat(Partitioner.partition("cu:1:2:3", 4)).isEqualTo(1);
    assertThat(Partitioner.partition("u:42", 8)).isEqualTo(6);
    assertThat(Partitioner.partition(123456789012345678L, 16)).isEqualTo(14);
  }
}
