package dev.llmbot.app;

import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.Author;
import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.Reply;
import dev.llmbot.bus.Source;
import dev.llmbot.config.BotConfig;
import dev.llmbot.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Commands scale by configuration: the whole bot (offline responder) answers a batch of {@value
 * #BATCH} concurrent slash commands over the bus, with {@code instances.command} and {@code
 * instances.conversation} at 1 (the baseline: one worker verticle runs commands one at a time) and
 * at 2 (two workers, two state partitions). The score is commands per second; the report pairs the
 * two methods, so the speed-up column is the scaling ratio. {@code -p command=…} picks another
 * command without options. src/test's {@code dev.llmbot.scale.ScalingRatioMain} measures the same
 * in alternating rounds (steadier on a shared machine), with /summarize and /deduplicate over full
 * server contexts and a plain-threads control.
 *
 * <pre>
 * mvn -B -q -Pjmh -DskipTests package
 * java -jar target/jmh/benchmarks.jar ScalingBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScalingBenchmark {
  static final int BATCH = 256;

  /** A running bot and the batch of commands to send it. */
  @State(Scope.Benchmark)
  public abstract static class Bot {
    /** The command each request runs. */
    @Param({"help"})
    public String command;

    BotApp app;
    EventBus bus;
    List<CommandRequest> requests;
    final DeliveryOptions options = new DeliveryOptions().setSendTimeout(60_000);

    void boot(int commandInstances) throws Exception {
      Map<String, String> env = new HashMap<>();
      env.put("OPS_PORT", "0");
      env.put("BOT_DATA_DIR", Files.createTempDirectory("scaling-bench").toString());
      env.put("BOT_INSTANCES_COMMAND", Integer.toString(commandInstances));
      // The state owners a command calls are doubled with the workers.
      env.put("BOT_INSTANCES_CONVERSATION", Integer.toString(commandInstances));
      env.put("BOT_INSTANCES_CHAT", "2");
      env.put("BOT_RATELIMIT_GLOBAL_RPM", "1000000");
      env.put("BOT_RATELIMIT_GLOBAL_RPD", "100000000");
      env.put("BOT_RATELIMIT_USER_BURST", "1000");
      env.put("BOT_RATELIMIT_USER_REFILL_PER_MINUTE", "10000");
      BotConfig config = ConfigLoader.load((Path) null, env);
      app = new BotApp(config, Clock.systemUTC(), "bench", null, null);
      app.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      bus = app.vertx().eventBus();
      requests = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        requests.add(
            new CommandRequest(
                "bench-" + i,
                Source.DISCORD,
                command,
                Map.of(),
                1_000 + i % 8,
                2_000,
                new Author(10_000 + i, "bench" + i, true),
                System.nanoTime()));
      }
    }

    /** Sends the whole batch at once and waits for every reply. */
    int runBatch() throws Exception {
      List<Future<?>> replies = new ArrayList<>(BATCH);
      for (CommandRequest r : requests) {
        replies.add(bus.<Reply>request(Addresses.COMMAND_RUN, r, options));
      }
      Future.all(replies).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      return replies.size();
    }

    @TearDown
    public void shutdown() throws Exception {
      app.shutdown().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  /** The bot with one command worker instance. */
  public static class OneCommandInstance extends Bot {
    @Setup
    public void setup() throws Exception {
      boot(1);
    }
  }

  /** The bot with two command worker instances. */
  public static class TwoCommandInstances extends Bot {
    @Setup
    public void setup() throws Exception {
      boot(2);
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int baselineOneCommandInstance(OneCommandInstance bot) throws Exception {
    return bot.runBatch();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int twoCommandInstances(TwoCommandInstances bot) throws Exception {
    return bot.runBatch();
  }
}
