package dev.llmbot.scale;

import dev.llmbot.app.BotApp;
import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.Author;
import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.Outcome;
import dev.llmbot.bus.Reply;
import dev.llmbot.bus.Source;
import dev.llmbot.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Command throughput of the whole bot at 1 and at 2 instances ({@code instances.command} and {@code
 * instances.conversation} together, so both the command workers and the state owners that do the
 * commands' work are doubled), measured in alternating rounds so that the load other processes put
 * on the machine falls on both alike. Prints each round and the median ratio.
 *
 * <p>Workloads: {@code summarize} (every run fills {@value #GUILDS} guilds' server contexts with 60
 * moments, moves the clock 25 h on, then times one /summarize per guild, all at once), {@code
 * deduplicate} (full contexts, /deduplicate again and again) or any other command name, sent
 * repeatedly. A command this build does not have is reported and skipped. {@code control} runs
 * plain CPU work on 1 and 2 threads instead: the ratio the machine allows at the moment.
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     dev.llmbot.scale.ScalingRatioMain [summarize|deduplicate|help] [rounds=8] [seconds=2]
 * </pre>
 *
 * The JMH form, for the benchmark suite, is jmh/dev/llmbot/app/ScalingBenchmark.
 */
public final class ScalingRatioMain {
  static final int BATCH = 256;
  static final int GUILDS = 512;

  private ScalingRatioMain() {}

  public static void main(String[] args) throws Exception {
    String command = args.length > 0 ? args[0] : "summarize";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    long nanos = TimeUnit.SECONDS.toNanos(args.length > 2 ? Long.parseLong(args[2]) : 2);
    if (command.equals("control")) {
      control(rounds, nanos);
      return;
    }
    MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
    BotApp one = boot(1, clock);
    BotApp two = boot(2, clock);
    try {
      Workload work =
          command.equals("summarize")
              ? new Summarize(clock, inputs())
              : new Repeat(command, nanos, command.equals("deduplicate") ? inputs() : null);
      if (!work.available(one)) {
        print("/" + command + " is not in this build (unknown command): nothing measured");
        return;
      }
      work.prepare(one);
      work.prepare(two);
      work.run(one); // warm-up, both
      work.run(two);
      double[] ones = new double[rounds];
      double[] twos = new double[rounds];
      double[] ratios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ones[r] = work.run(one);
        twos[r] = work.run(two);
        ratios[r] = twos[r] / ones[r];
        print(
            String.format(
                Locale.ROOT,
                "round %d: 1 instance %.0f/s, 2 instances %.0f/s, ratio %.2f",
                r + 1,
                ones[r],
                twos[r],
                ratios[r]));
      }
      print(
          String.format(
              Locale.ROOT,
              "/%s median: 1 instance %.0f commands/s, 2 instances %.0f commands/s, ratio %.2fx",
              command,
              median(ones),
              median(twos),
              median(ratios)));
    } finally {
      one.shutdown().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      two.shutdown().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  /**
   * The control: plain CPU work (hashing a 64 KiB buffer) on 1 and on 2 threads, in the same
   * alternating rounds. It shows how much parallelism the machine gives two threads right now, so a
   * bot ratio can be read against it (on a 2-core machine shared with other builds it is well under
   * 2).
   */
  static void control(int rounds, long nanos) throws Exception {
    double[] ratios = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      double one = spin(1, nanos);
      double two = spin(2, nanos);
      ratios[r] = two / one;
      print(
          String.format(
              Locale.ROOT,
              "control round %d: 1 thread %.0f/s, 2 threads %.0f/s, ratio %.2f",
              r + 1,
              one,
              two,
              ratios[r]));
    }
    print(String.format(Locale.ROOT, "control median ratio %.2fx", median(ratios)));
  }

  private static double spin(int threads, long nanos) throws Exception {
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + nanos;
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w =
          new Thread(
              () -> {
                byte[] buffer = new byte[65_536];
                long local = 0;
                int h = 1;
                while (System.nanoTime() < end) {
                  for (byte b : buffer) {
                    h = 31 * h + b;
                  }
                  buffer[(int) (local++ & 0xffff)] = (byte) h;
                }
                done.addAndGet(local);
              });
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) {
      w.join();
    }
    return done.get() * 1e9 / nanos;
  }

  /** What is measured: commands per second on one bot. */
  interface Workload {
    default boolean available(BotApp app) throws Exception {
      return true;
    }

    default void prepare(BotApp app) throws Exception {}

    double run(BotApp app) throws Exception;
  }

  /** The same command again and again for about {@code nanos}, over {@link #GUILDS} guilds. */
  record Repeat(String command, long nanos, List<String> lines) implements Workload {
    @Override
    public boolean available(BotApp app) throws Exception {
      return known(app, command);
    }

    @Override
    public void prepare(BotApp app) throws Exception {
      if (lines != null) {
        fill(app, lines);
      }
    }

    @Override
    public double run(BotApp app) throws Exception {
      List<CommandRequest> batch = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        batch.add(request(command, guild(i % GUILDS), Map.of(), i));
      }
      long start = System.nanoTime();
      long done = 0;
      while (System.nanoTime() - start < nanos) {
        send(app, batch);
        done += batch.size();
      }
      return done * 1e9 / (System.nanoTime() - start);
    }
  }

  /** Fill (untimed), age the moments by 25 h, then time one /summarize per guild. */
  record Summarize(MutableClock clock, List<String> lines) implements Workload {
    @Override
    public boolean available(BotApp app) throws Exception {
      return known(app, "summarize") && known(app, "remember");
    }

    @Override
    public double run(BotApp app) throws Exception {
      fill(app, lines);
      clock.advanceHours(25);
      List<CommandRequest> all = new ArrayList<>(GUILDS);
      for (int g = 0; g < GUILDS; g++) {
        all.add(request("summarize", guild(g), Map.of(), g));
      }
      long start = System.nanoTime();
      List<Reply> replies = send(app, all);
      double perSecond = all.size() * 1e9 / (System.nanoTime() - start);
      String first = replies.get(0).chunks().get(0);
      if (!first.startsWith("Folded")) {
        throw new IllegalStateException("/summarize did not fold: " + first);
      }
      return perSecond;
    }
  }

  static long guild(int g) {
    return 5_000_000L + g;
  }

  /** Whether the build has {@code command}: an unknown one is refused with "Unknown command". */
  static boolean known(BotApp app, String command) throws Exception {
    Reply r = send(app, List.of(request(command, guild(0), Map.of(), 0))).get(0);
    return !(r.outcome() == Outcome.REFUSED && r.chunks().get(0).startsWith("Unknown command"));
  }

  /** Fills every guild's server context with 60 moments and 30 gags of distinct chat lines. */
  static void fill(BotApp app, List<String> lines) throws Exception {
    List<CommandRequest> requests = new ArrayList<>();
    int n = 0;
    for (int g = 0; g < GUILDS; g++) {
      for (int k = 0; k < 60; k++) {
        Map<String, String> options =
            Map.of("user", Long.toString(20_000 + k), "moment", lines.get(n++ % lines.size()));
        requests.add(request("remember", guild(g), options, k));
      }
      for (int k = 0; k < 30; k++) {
        requests.add(request("addgag", guild(g), Map.of("gag", lines.get(n++ % lines.size())), k));
      }
    }
    for (int i = 0; i < requests.size(); i += 4096) {
      send(app, requests.subList(i, Math.min(requests.size(), i + 4096)));
    }
  }

  /** The chat lines of bench-inputs/d_messages_2000.txt. */
  static List<String> inputs() throws IOException {
    Path dir = Path.of(System.getProperty("bench.inputs", "../shared/bench-inputs"));
    return Files.readAllLines(dir.resolve("d_messages_2000.txt"));
  }

  static List<Reply> send(BotApp app, List<CommandRequest> requests) throws Exception {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(120_000);
    List<Future<Reply>> replies = new ArrayList<>(requests.size());
    for (CommandRequest r : requests) {
      replies.add(
          app.vertx()
              .eventBus()
              .<Reply>request(Addresses.COMMAND_RUN, r, options)
              .map(Message::body));
    }
    Future.all(replies).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    return replies.stream().map(Future::result).toList();
  }

  static CommandRequest request(String command, long guild, Map<String, String> options, int i) {
    return new CommandRequest(
        command + "-" + guild + "-" + i + "-" + System.nanoTime(),
        Source.DISCORD,
        command,
        options,
        guild,
        2_000,
        new Author(10_000 + i, "user" + i, true),
        System.nanoTime());
  }

  /** The bot with {@code n} command workers and {@code n} conversation/context partitions. */
  static BotApp boot(int n, Clock clock) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("OPS_PORT", "0");
    env.put("BOT_DATA_DIR", Files.createTempDirectory("scaling").toString());
    env.put("BOT_INSTANCES_COMMAND", Integer.toString(n));
    env.put("BOT_INSTANCES_CONVERSATION", Integer.toString(n));
    env.put("BOT_RATELIMIT_GLOBAL_RPM", "1000000");
    env.put("BOT_RATELIMIT_GLOBAL_RPD", "100000000");
    env.put("BOT_RATELIMIT_USER_BURST", "1000");
    env.put("BOT_RATELIMIT_USER_REFILL_PER_MINUTE", "10000");
    BotApp app = new BotApp(ConfigLoader.load((Path) null, env), clock, "scaling", null, null);
    app.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return app;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  @SuppressWarnings("SystemOut")
  private static void print(String line) {
    System.out.println(line);
  }

  /** Wall time moved on by hand, shared by both bots. */
  static final class MutableClock extends Clock {
    private final AtomicLong millis;

    MutableClock(Instant start) {
      this.millis = new AtomicLong(start.toEpochMilli());
    }

    void advanceHours(long hours) {
      millis.addAndGet(hours * 3_600_000L);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public long millis() {
      return millis.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }
  }
}
