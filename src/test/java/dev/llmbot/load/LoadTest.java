package dev.llmbot.load;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.llmbot.app.BotApp;
import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.Author;
import dev.llmbot.bus.InboundMessage;
import dev.llmbot.bus.Outcome;
import dev.llmbot.bus.Reply;
import dev.llmbot.bus.Source;
import dev.llmbot.bus.TriggerKind;
import dev.llmbot.config.BotConfig;
import dev.llmbot.testing.FakeGeminiServer;
import dev.llmbot.testing.LiveHeap;
import dev.llmbot.testing.TestConfigs;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.HdrHistogram.Histogram;

/**
 * The 100-user load test of issue 10: starts the real application in-process ({@link BotApp}, no
 * console, no Discord) against a {@link FakeGeminiServer} whose answers take U[100, 400] ms, and
 * injects {@link InboundMessage}s on {@link Addresses#CHAT_REQUEST} from a driver verticle, exactly
 * as the Discord adapter does (a bus request from one event loop, {@code receivedNanos} stamped at
 * the boundary). Each user sends a distinct message every U[2, 6] s, so the response cache never
 * hits.
 *
 * <p>The bot's own overhead of one message is its end-to-end time (bus request to {@link Reply})
 * minus the delay the fake applied to that message's Gemini call, matched by a marker in the
 * prompt. Reported: overhead p50/p95/p99/max (HdrHistogram), throughput, lost replies (anything
 * that is not an ANSWERED reply), the live heap ({@link LiveHeap}) at start and end, peak RSS
 * (VmHWM), and GC pauses (from GC notifications, excluding the full GCs of the heap readings).
 *
 * <p>Run it in its own JVM with the shipped flags (see docs/PERFORMANCE.md):
 *
 * <pre>
 * java &lt;flags&gt; -cp target/classes:target/test-classes:$(cat target/test-classpath.txt) \
 *     dev.llmbot.load.LoadTest --duration PT2M
 * </pre>
 *
 * Options (also as system properties {@code load.<name>}): {@code --duration} (ISO-8601, default
 * PT2M), {@code --warmup} (default PT10S, load that is answered and checked but not in the
 * histogram), {@code --users} (100), {@code --gap-min-ms} (2000), {@code --gap-max-ms} (6000),
 * {@code --llm-min-ms} (100), {@code --llm-max-ms} (400), {@code --seed} (1).
 */
public final class LoadTest {
  /** A marker around the message id in the prompt, so the fake's delay can be matched. */
  static final String MARK = "[[LT-";

  /** The environment overrides the run uses: quotas raised so nothing is refused. */
  static final Map<String, String> QUOTA_OVERRIDES =
      Map.of(
          "BOT_RATELIMIT_GLOBAL_RPM", "1000000",
          "BOT_RATELIMIT_GLOBAL_RPD", "100000000",
          "BOT_RATELIMIT_USER_BURST", "1000",
          "BOT_RATELIMIT_USER_REFILL_PER_MINUTE", "10000",
          "BOT_GEMINI_MAX_CONNECTIONS", "200");

  /** What to run. */
  public record Options(
      Duration duration,
      Duration warmup,
      int users,
      long gapMinMillis,
      long gapMaxMillis,
      long llmMinMillis,
      long llmMaxMillis,
      long seed) {

    public static Options defaults() {
      return new Options(
          Duration.ofMinutes(2), Duration.ofSeconds(10), 100, 2000, 6000, 100, 400, 1);
    }

    static Options parse(String[] args) {
      Map<String, String> v = new LinkedHashMap<>();
      for (String name :
          List.of(
              "duration",
              "warmup",
              "users",
              "gap-min-ms",
              "gap-max-ms",
              "llm-min-ms",
              "llm-max-ms",
              "seed")) {
        String p = System.getProperty("load." + name);
        if (p != null) {
          v.put(name, p);
        }
      }
      for (int i = 0; i < args.length; i++) {
        if (!args[i].startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException("usage: --name value ...; got " + args[i]);
        }
        v.put(args[i].substring(2), args[++i]);
      }
      Options d = defaults();
      return new Options(
          v.containsKey("duration") ? Duration.parse(v.get("duration")) : d.duration(),
          v.containsKey("warmup") ? Duration.parse(v.get("warmup")) : d.warmup(),
          Integer.parseInt(v.getOrDefault("users", Integer.toString(d.users()))),
          Long.parseLong(v.getOrDefault("gap-min-ms", Long.toString(d.gapMinMillis()))),
          Long.parseLong(v.getOrDefault("gap-max-ms", Long.toString(d.gapMaxMillis()))),
          Long.parseLong(v.getOrDefault("llm-min-ms", Long.toString(d.llmMinMillis()))),
          Long.parseLong(v.getOrDefault("llm-max-ms", Long.toString(d.llmMaxMillis()))),
          Long.parseLong(v.getOrDefault("seed", Long.toString(d.seed()))));
    }
  }

  /**
   * The figures of one run.
   *
   * @param sent messages injected (warm-up included)
   * @param answered replies with outcome ANSWERED
   * @param lost messages without an ANSWERED reply (other outcomes, bus failures, no reply)
   * @param outcomes replies by outcome
   * @param measured messages in the overhead histogram (after warm-up)
   * @param overheadMicros bot overhead percentiles in microseconds (end to end minus the delay the
   *     fake drew): p50, p95, p99, max
   * @param overheadVsActualMicros the same, minus the time the fake really took from the request's
   *     arrival to the end of its wait instead (leaves out the fake's own timer lateness on a busy
   *     machine)
   * @param beforeLlmMicros from the message entering the bus to its Gemini request arriving at the
   *     fake (rate limit, roast decision, history and context lookups, prompt, cache key, HTTP
   *     send), same order
   * @param afterLlmMicros from the end of the fake's wait to the reply (response written and
   *     parsed, memory, splitter, back to the adapter), same order
   * @param endToEndMicros end-to-end percentiles (overhead plus the fake's delay), same order
   * @param throughputPerSecond replies per second over the measured span
   * @param heapStartBytes live heap once the app started
   * @param heapEndBytes live heap once the load drained
   * @param peakRssBytes VmHWM of this process, or -1 where /proc is missing
   * @param gcPauses GC pauses during the load (the heap readings' full GCs excluded)
   * @param gcPauseTotalMillis their total
   * @param gcPauseMaxMillis the longest
   * @param cpuMillisPerMessage CPU time of the whole process (bot, fake and driver) during the
   *     load, per message: a figure that the machine's other load does not inflate
   * @param loadAverage /proc/loadavg at the start and the end of the load (the machine is shared)
   */
  public record Report(
      long sent,
      long answered,
      long lost,
      Map<Outcome, Long> outcomes,
      long measured,
      long[] overheadMicros,
      long[] overheadVsActualMicros,
      long[] beforeLlmMicros,
      long[] afterLlmMicros,
      long[] endToEndMicros,
      double throughputPerSecond,
      long heapStartBytes,
      long heapEndBytes,
      long peakRssBytes,
      long gcPauses,
      long gcPauseTotalMillis,
      long gcPauseMaxMillis,
      Duration measuredSpan,
      double cpuMillisPerMessage,
      String loadAverage,
      String jvmFlags) {

    /** A human-readable summary, one figure a line. */
    public String text() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "messages sent          %d%n", sent));
      sb.append(String.format(Locale.ROOT, "answered               %d%n", answered));
      sb.append(String.format(Locale.ROOT, "lost replies           %d  %s%n", lost, outcomes));
      sb.append(
          String.format(
              Locale.ROOT,
              "overhead (ms)          p50 %.3f  p95 %.3f  p99 %.3f  max %.3f  (n=%d)%n",
              overheadMicros[0] / 1000.0,
              overheadMicros[1] / 1000.0,
              overheadMicros[2] / 1000.0,
              overheadMicros[3] / 1000.0,
              measured));
      sb.append(phase("overhead vs actual (ms)", overheadVsActualMicros));
      sb.append(phase("before the LLM (ms)   ", beforeLlmMicros));
      sb.append(phase("after the LLM (ms)    ", afterLlmMicros));
      sb.append(
          String.format(
              Locale.ROOT,
              "end to end (ms)        p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n",
              endToEndMicros[0] / 1000.0,
              endToEndMicros[1] / 1000.0,
              endToEndMicros[2] / 1000.0,
              endToEndMicros[3] / 1000.0));
      sb.append(
          String.format(
              Locale.ROOT,
              "throughput             %.1f replies/s over %ds%n",
              throughputPerSecond,
              measuredSpan.toSeconds()));
      sb.append(
          String.format(
              Locale.ROOT,
              "live heap              start %.1f MiB  end %.1f MiB%n",
              heapStartBytes / 1048576.0,
              heapEndBytes / 1048576.0));
      sb.append(
          String.format(
              Locale.ROOT, "peak RSS (VmHWM)       %.1f MiB%n", peakRssBytes / 1048576.0));
      sb.append(
          String.format(
              Locale.ROOT,
              "GC pauses              %d, total %d ms, max %d ms%n",
              gcPauses,
              gcPauseTotalMillis,
              gcPauseMaxMillis));
      sb.append(
          String.format(
              Locale.ROOT, "process CPU            %.3f ms per message%n", cpuMillisPerMessage));
      sb.append("load average           ").append(loadAverage).append(System.lineSeparator());
      sb.append("JVM flags              ").append(jvmFlags).append(System.lineSeparator());
      return sb.toString();
    }
  }

  private static String phase(String label, long[] micros) {
    return String.format(
        Locale.ROOT,
        "%s p50 %.3f  p95 %.3f  p99 %.3f  max %.3f%n",
        label,
        micros[0] / 1000.0,
        micros[1] / 1000.0,
        micros[2] / 1000.0,
        micros[3] / 1000.0);
  }

  private LoadTest() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Report report = run(options);
    System.out.print(report.text());
    System.out.flush();
    System.exit(report.lost() == 0 ? 0 : 1);
  }

  /** Runs the whole test and returns its figures; everything it started is stopped. */
  public static Report run(Options o) throws Exception {
    Path dataDir = Files.createTempDirectory("llmbot-load");
    Vertx fakeVertx =
        Vertx.vertx(
            new io.vertx.core.VertxOptions()
                .setEventLoopPoolSize(Integer.getInteger("exp.fakeloops", 4)));
    BotApp app = null;
    try {
      Map<String, long[]> delays = new ConcurrentHashMap<>();
      FakeGeminiServer fake = await(FakeGeminiServer.start(fakeVertx));
      fake.recording(false)
          .onDelay(
              (body, millis, arrived, fired) ->
                  delays.put(markedId(body), new long[] {millis, arrived, fired}))
          .otherwise(
              FakeGeminiServer.delayed(
                  o.llmMinMillis(),
                  o.llmMaxMillis(),
                  FakeGeminiServer.ok("A short answer from the fake model.")));
      Map<String, String> env = new LinkedHashMap<>(QUOTA_OVERRIDES);
      env.put("GEMINI_API_KEY", "load-test-dummy-key");
      env.put("GEMINI_BASE_URL", fake.baseUrl());
      BotConfig config = TestConfigs.with(dataDir, env);
      app = new BotApp(config, Clock.systemUTC(), "load-test", null, null);
      await(app.start());

      long heapStart = LiveHeap.bytes();
      String loadBefore = loadAverage();
      long cpuBefore = processCpuNanos();
      GcWatch gc = GcWatch.start();
      Driver driver = new Driver(o, delays);
      await(app.vertx().deployVerticle(driver));
      Driver.Result r = driver.done.future().toCompletionStage().toCompletableFuture().get();
      gc.stop();
      long cpu = processCpuNanos() - cpuBefore;
      String loadAfter = loadAverage();
      long heapEnd = LiveHeap.bytes();
      long rss = peakRss();
      await(app.shutdown());
      app = null;
      long answered = r.outcomes.getOrDefault(Outcome.ANSWERED, 0L);
      return new Report(
          r.sent,
          answered,
          r.sent - answered,
          r.outcomes,
          r.overhead.getTotalCount(),
          percentiles(r.overhead),
          percentiles(r.overheadActual),
          percentiles(r.beforeLlm),
          percentiles(r.afterLlm),
          percentiles(r.endToEnd),
          r.measuredReplies / (r.measuredNanos / 1e9),
          heapStart,
          heapEnd,
          rss,
          gc.count.get(),
          gc.total.get(),
          gc.max.get(),
          Duration.ofNanos(r.measuredNanos),
          cpu / 1e6 / Math.max(1, r.sent),
          "start " + loadBefore + ", end " + loadAfter,
          String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    } finally {
      if (app != null) {
        await(app.shutdown());
      }
      await(fakeVertx.close());
      deleteTree(dataDir);
    }
  }

  /** The message id between the last marker in a request body and its closing brackets. */
  static String markedId(String body) {
    int at = body.lastIndexOf(MARK);
    if (at < 0) {
      return "";
    }
    int start = at + MARK.length();
    int end = body.indexOf("]]", start);
    return end < 0 ? "" : body.substring(start, end);
  }

  private static long[] percentiles(Histogram h) {
    return new long[] {
      h.getValueAtPercentile(50),
      h.getValueAtPercentile(95),
      h.getValueAtPercentile(99),
      h.getMaxValue()
    };
  }

  /**
   * The simulated users, on one event loop like the Discord adapter: a timer per user, a bus
   * request per message, the figures recorded on that loop (so the histograms need no locking).
   */
  private static final class Driver extends VerticleBase {
    record Result(
        long sent,
        Map<Outcome, Long> outcomes,
        Histogram overhead,
        Histogram overheadActual,
        Histogram beforeLlm,
        Histogram afterLlm,
        Histogram endToEnd,
        long measuredReplies,
        long measuredNanos) {}

    private final Options o;
    private final Map<String, long[]> delays;
    private final SplittableRandom random;
    private final Histogram overhead = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    private final Histogram endToEnd = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    private final Histogram overheadActual = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    private final Histogram beforeLlm = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    private final Histogram afterLlm = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    private final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    final Promise<Result> done = Promise.promise();
    private long startNanos;
    private long measureFrom;
    private long stopAt;
    private long sent;
    private long inFlight;
    private long measuredReplies;
    private long lastReplyNanos;
    private boolean stopping;

    Driver(Options o, Map<String, long[]> delays) {
      this.o = o;
      this.delays = delays;
      this.random = new SplittableRandom(o.seed());
    }

    @Override
    public Future<?> start() {
      startNanos = System.nanoTime();
      measureFrom = startNanos + o.warmup().toNanos();
      stopAt = measureFrom + o.duration().toNanos();
      for (int u = 0; u < o.users(); u++) {
        int user = u;
        // Spread the first messages over one gap so the users do not start in lockstep.
        vertx.setTimer(1 + random.nextLong(o.gapMaxMillis()), id -> send(user, 0));
      }
      return Future.succeededFuture();
    }

    private void send(int user, int n) {
      long now = System.nanoTime();
      if (now >= stopAt) {
        finishOne();
        return;
      }
      String id = "load-" + user + "-" + n;
      InboundMessage m =
          new InboundMessage(
              id,
              Source.DISCORD,
              TriggerKind.MENTION,
              1 + user % 5,
              100 + user % 10,
              new Author(10_000 + user, "user" + user, false),
              "Question "
                  + n
                  + " from user "
                  + user
                  + " about topic "
                  + random.nextInt(1_000_000)
                  + ": how do I make this faster? "
                  + MARK
                  + id
                  + "]]",
              null,
              now);
      sent++;
      inFlight++;
      vertx
          .eventBus()
          .<Reply>request(Addresses.CHAT_REQUEST, m, new DeliveryOptions().setSendTimeout(120_000))
          .onComplete(
              ar -> {
                long end = System.nanoTime();
                inFlight--;
                Outcome outcome = ar.succeeded() ? ar.result().body().outcome() : null;
                if (outcome != null) {
                  outcomes.merge(outcome, 1L, Long::sum);
                } else {
                  outcomes.merge(Outcome.INTERNAL_ERROR, 1L, Long::sum);
                }
                long[] delay = delays.remove(id);
                if (outcome == Outcome.ANSWERED
                    && m.receivedNanos() >= measureFrom
                    && delay != null) {
                  long e2e = end - m.receivedNanos();
                  long over = Math.max(0, e2e - TimeUnit.MILLISECONDS.toNanos(delay[0]));
                  overhead.recordValue(TimeUnit.NANOSECONDS.toMicros(over));
                  long overActual = Math.max(0, e2e - (delay[2] - delay[1]));
                  overheadActual.recordValue(TimeUnit.NANOSECONDS.toMicros(overActual));
                  beforeLlm.recordValue(
                      TimeUnit.NANOSECONDS.toMicros(Math.max(0, delay[1] - m.receivedNanos())));
                  afterLlm.recordValue(TimeUnit.NANOSECONDS.toMicros(Math.max(0, end - delay[2])));
                  endToEnd.recordValue(TimeUnit.NANOSECONDS.toMicros(e2e));
                  measuredReplies++;
                  lastReplyNanos = end;
                }
                if (stopping && inFlight == 0) {
                  complete();
                }
              });
      long gap = o.gapMinMillis() + random.nextLong(o.gapMaxMillis() - o.gapMinMillis() + 1);
      vertx.setTimer(gap, id2 -> send(user, n + 1));
    }

    private int finished;

    private void finishOne() {
      finished++;
      if (finished == o.users()) {
        stopping = true;
        if (inFlight == 0) {
          complete();
        }
      }
    }

    private void complete() {
      long span = Math.max(1, Math.max(lastReplyNanos, stopAt) - measureFrom);
      done.tryComplete(
          new Result(
              sent,
              Map.copyOf(outcomes),
              overhead,
              overheadActual,
              beforeLlm,
              afterLlm,
              endToEnd,
              measuredReplies,
              span));
    }
  }

  /**
   * Sums GC pauses reported while it runs, leaving out the full GCs of the heap readings (a late
   * notification of one could otherwise arrive after the watch started).
   */
  private static final class GcWatch {
    final AtomicLong count = new AtomicLong();
    final AtomicLong total = new AtomicLong();
    final AtomicLong max = new AtomicLong();
    private volatile boolean on = true;
    private final List<Map.Entry<NotificationEmitter, NotificationListener>> registered =
        new java.util.ArrayList<>();

    static GcWatch start() {
      GcWatch w = new GcWatch();
      for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (bean instanceof NotificationEmitter emitter) {
          NotificationListener l =
              (n, hb) -> {
                if (!w.on
                    || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                        n.getType())) {
                  return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                // Concurrent cycles (G1, ZGC) run beside the application: not pauses.
                if ("System.gc()".equals(info.getGcCause())
                    || "Heap Inspection Initiated GC".equals(info.getGcCause())
                    || info.getGcName().contains("Concurrent")
                    || info.getGcName().contains("Cycles")) {
                  return;
                }
                long ms = info.getGcInfo().getDuration();
                w.count.incrementAndGet();
                w.total.addAndGet(ms);
                w.max.accumulateAndGet(ms, Math::max);
              };
          emitter.addNotificationListener(l, null, null);
          w.registered.add(Map.entry(emitter, l));
        }
      }
      return w;
    }

    void stop() {
      on = false;
      for (var e : registered) {
        try {
          e.getKey().removeNotificationListener(e.getValue());
        } catch (javax.management.ListenerNotFoundException ignored) {
          // already gone
        }
      }
    }
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  /** The first three fields of /proc/loadavg, or "?" without /proc. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /** VmHWM (peak resident set) of this process in bytes, or -1 without /proc. */
  static long peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          String[] parts = line.trim().split("\\s+");
          return Long.parseLong(parts[1]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(3, TimeUnit.MINUTES);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
