package dev.llmbot.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class StatefulVerticleTest {
  @TempDir Path dir;

  /** Holds a counter, persisted with a flush interval far longer than the test. */
  static final class CounterVerticle extends StatefulVerticle {
    final AtomicJsonStore<Integer> store;
    int count;
    PeriodicFlusher<Integer> flusher;

    CounterVerticle(Path file) {
      store = new AtomicJsonStore<>(file, Integer.class, 1);
    }

    @Override
    public Future<?> start() {
      return vertx
          .executeBlocking(() -> store.load().orElse(0))
          .onSuccess(
              loaded -> {
                count = loaded;
                flusher = flusher("counter", Duration.ofHours(1), () -> count, store::write);
                vertx
                    .eventBus()
                    .<Integer>localConsumer(
                        "inc",
                        m -> {
                          count++;
                          flusher.markDirty();
                          m.reply(count);
                        });
              });
    }
  }

  @Test
  void undeployWritesTheFinalStateAndARedeployReadsIt(Vertx vertx, VertxTestContext ctx) {
    Path file = dir.resolve("counter.json");
    CounterVerticle first = new CounterVerticle(file);
    vertx
        .deployVerticle(first)
        .compose(id -> vertx.eventBus().request("inc", 0).map(id))
        .compose(id -> vertx.eventBus().request("inc", 0).map(id))
        .compose(vertx::undeploy)
        .compose(v -> vertx.deployVerticle(new CounterVerticle(file)))
        .compose(id -> vertx.eventBus().<Integer>request("inc", 0))
        .onComplete(
            ctx.succeeding(
                reply ->
                    ctx.verify(
                        () -> {
                          assertThat(reply.body()).isEqualTo(3);
                          ctx.completeNow();
                        })));
  }
}
