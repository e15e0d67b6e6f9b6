package dev.llmbot.soak;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.llmbot.bus.History;
import dev.llmbot.bus.LlmRequest;
import dev.llmbot.bus.LlmResult;
import dev.llmbot.bus.Partitioner;
import dev.llmbot.bus.Persona;
import dev.llmbot.bus.Turn;
import dev.llmbot.chat.PromptAssembler;
import dev.llmbot.command.CommandCatalog;
import dev.llmbot.config.BotConfig;
import dev.llmbot.conversation.ConversationKeys;
import dev.llmbot.conversation.ConversationMemory;
import dev.llmbot.conversation.ServerContext;
import dev.llmbot.conversation.ServerContexts;
import dev.llmbot.llm.CanonicalRequest;
import dev.llmbot.llm.ResponseCache;
import dev.llmbot.ratelimit.Decision;
import dev.llmbot.ratelimit.RateLimitService;
import dev.llmbot.ratelimit.RateLimiter;
import dev.llmbot.roast.RoastScorer;
import dev.llmbot.testing.LiveHeap;
import dev.llmbot.testing.TestConfigs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The soak and leak check of issue 10: a compressed day in virtual time, driven through the real
 * stateful components — conversation memory (two partitions, swept like the verticle does), server
 * contexts, the rate limiter with its flusher, the response cache on a virtual Caffeine ticker, and
 * the roast engine — by a stream of synthetic users (about a million distinct over the day in the
 * full form). Every {@code sampleEvery} of virtual time it checks each state size against its
 * bound; it reads the retained heap (after full GCs) before the components exist, after the
 * warm-up, and at the end.
 *
 * <p>Each user arrives once, at a uniformly random moment, in one of a fixed set of guilds (or a
 * DM), and sends 1–5 messages 5–120 s apart. A message goes through the stages in the pipeline's
 * order: rate limit, roast decision, history, server block, cache (a hit gives the global slot
 * back), record. One guild message in twenty stores a moment and one in forty a gag, and every half
 * hour each guild is summarised (moments older than an hour fold into a fact).
 *
 * <p>Full form: {@code java -Xmx512m -XX:+UseSerialGC -cp … dev.llmbot.soak.Soak} (options {@code
 * --users 1000000 --warmup PT4H --sample PT10M --seed 1}); see docs/PERFORMANCE.md. The short form
 * runs in the test suite ({@link SoakIT}, run by failsafe in a JVM of its own so its heap check
 * sees only the soak).
 */
public final class Soak {
  /** Guilds in the synthetic world (a fixed set: server contexts do not expire, by design). */
  static final int GUILDS = 200;

  /** Start of the virtual day. */
  static final Instant DAY_START = Instant.parse("2026-03-02T00:00:00Z");

  private static final String[] WORDS =
      ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november"
              + " oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu"
              + " build deploy cache thread loop future promise queue shard guild emoji meme"
              + " pizza coffee tea cat dog rust java python kotlin discord gemini roast bot")
          .split(" ");

  /**
   * What to run.
   *
   * @param users distinct users over the day
   * @param day the virtual span
   * @param warmup virtual time before the warm heap reading
   * @param sampleEvery virtual time between two checks of every bound
   * @param seed the random seed
   * @param env config overrides ({@code BOT_…}), e.g. scaled-down caps for the short form
   */
  public record Options(
      long users,
      Duration day,
      Duration warmup,
      Duration sampleEvery,
      long seed,
      Map<String, String> env) {

    public static Options full() {
      return new Options(
          1_000_000,
          Duration.ofHours(24),
          Duration.ofHours(4),
          Duration.ofMinutes(10),
          1,
          Map.of());
    }
  }

  /** One check of every state size, at a virtual time. */
  public record Sample(
      Duration at,
      long conversations,
      long conversationBound,
      long conversationChars,
      long buckets,
      long bucketBound,
      long requestIds,
      long requestIdBound,
      long cacheEntries,
      long roastUsers,
      long roastServers,
      long guilds,
      long maxGuildItems,
      long maxGuildChars) {}

  /**
   * The figures of one run.
   *
   * @param violations every bound broken, one line each (empty when all held)
   */
  public record Report(
      long users,
      long messages,
      long granted,
      long deniedUser,
      long cacheHits,
      long flushes,
      List<Sample> samples,
      Sample peak,
      List<String> violations,
      List<String> moods,
      long baselineHeap,
      long warmHeap,
      long endHeap,
      Duration wall) {

    /** End heap over warm heap, both as read (whole JVM). */
    public double rawRatio() {
      return (double) endHeap / warmHeap;
    }

    /** The soak's own retained heap (minus what the JVM held before it), end over warm-up. */
    public double ownRatio() {
      return (double) Math.max(1, endHeap - baselineHeap) / Math.max(1, warmHeap - baselineHeap);
    }

    public String text() {
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              Locale.ROOT,
              "users %d, messages %d (granted %d, user-limited %d), cache hits %d, state flushes %d%n",
              users,
              messages,
              granted,
              deniedUser,
              cacheHits,
              flushes));
      sb.append(
          String.format(
              Locale.ROOT,
              "samples %d, bound violations %d, moods seen %s%n",
              samples.size(),
              violations.size(),
              moods));
      sb.append(String.format(Locale.ROOT, "peak sizes: %s%n", peak));
      sb.append(
          String.format(
              Locale.ROOT,
              "retained heap: before %.1f MiB, after warm-up %.1f MiB, end %.1f MiB;"
                  + " end/warm-up %.3f (soak's own state %.3f)%n",
              baselineHeap / 1048576.0,
              warmHeap / 1048576.0,
              endHeap / 1048576.0,
              rawRatio(),
              ownRatio()));
      sb.append(String.format(Locale.ROOT, "wall time %.1f s%n", wall.toMillis() / 1000.0));
      violations.stream().limit(20).forEach(v -> sb.append("VIOLATION ").append(v).append('\n'));
      return sb.toString();
    }
  }

  /** Virtual time: the clock and the ticker of every component read it. */
  static final class VirtualTime {
    long millis;

    long nanos() {
      return TimeUnit.MILLISECONDS.toNanos(millis - DAY_START.toEpochMilli());
    }
  }

  /** A {@link Clock} over {@link VirtualTime}; {@link #withZone} shares the time. */
  static final class VirtualClock extends Clock {
    private final VirtualTime time;
    private final ZoneId zone;

    VirtualClock(VirtualTime time, ZoneId zone) {
      this.time = time;
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
      return new VirtualClock(time, z);
    }

    @Override
    public long millis() {
      return time.millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(time.millis);
    }
  }

  /** One pending message of one user. */
  private record Event(long at, long seq, long user, long guild, long channel, int n, int left) {}

  private Soak() {}

  public static void main(String[] args) throws Exception {
    Options d = Options.full();
    Map<String, String> v = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      v.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Options o =
        new Options(
            Long.parseLong(v.getOrDefault("users", Long.toString(d.users()))),
            v.containsKey("day") ? Duration.parse(v.get("day")) : d.day(),
            v.containsKey("warmup") ? Duration.parse(v.get("warmup")) : d.warmup(),
            v.containsKey("sample") ? Duration.parse(v.get("sample")) : d.sampleEvery(),
            Long.parseLong(v.getOrDefault("seed", Long.toString(d.seed()))),
            env(v.getOrDefault("env", "")));
    Report r = run(o);
    System.out.print(r.text());
    System.out.flush();
    boolean ok = r.violations().isEmpty() && r.rawRatio() <= 1.10;
    System.exit(ok ? 0 : 1);
  }

  /** {@code K=V,K=V} config overrides. */
  static Map<String, String> env(String spec) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String kv : spec.split(",")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        env.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
      }
    }
    return env;
  }

  /** With -Dsoak.histo, prints the top of a live-object class histogram (to find a leak). */
  static void histogram(String when) {
    if (System.getProperty("soak.histo") == null) {
      return;
    }
    System.out.println("--- histogram " + when);
    LiveHeap.histogram().stream().limit(25).forEach(System.out::println);
  }

  /** Runs the virtual day and returns its figures (bounds are checked, not asserted). */
  public static Report run(Options o) {
    long wallStart = System.nanoTime();
    long baseline = LiveHeap.bytes();
    World w = new World(o);
    long daySeconds = o.day().toSeconds();
    long warmupSecond = o.warmup().toSeconds();
    long sampleSeconds = Math.max(1, o.sampleEvery().toSeconds());
    long warmHeap = -1;
    for (long s = 0; s < daySeconds; s++) {
      w.second(s);
      if ((s + 1) % sampleSeconds == 0) {
        w.sample(s + 1);
      }
      if (s + 1 == warmupSecond) {
        warmHeap = LiveHeap.bytes();
        histogram("after warm-up");
      }
    }
    long endHeap = LiveHeap.bytes();
    histogram("at the end");
    // Keep the world reachable through the end reading: its state is what is measured.
    w.touch();
    return new Report(
        w.usersArrived,
        w.messages,
        w.granted,
        w.deniedUser,
        w.cacheHits,
        w.flushes,
        List.copyOf(w.samples),
        w.peak(),
        List.copyOf(w.violations),
        List.copyOf(w.moods),
        baseline,
        warmHeap < 0 ? endHeap : warmHeap,
        endHeap,
        Duration.ofNanos(System.nanoTime() - wallStart));
  }

  /** The components and the synthetic users. */
  private static final class World {
    final Options o;
    final BotConfig config;
    final VirtualTime time = new VirtualTime();
    final Clock clock;
    final Ticker ticker;
    final SplittableRandom random;
    final int partitions;
    final ConversationMemory[] memories;
    final ServerContexts contexts;
    final RateLimitService rate;
    final ResponseCache cache;
    final CanonicalRequest canonical;
    final PromptAssembler prompts;
    final RoastScorer roast;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final PriorityQueue<Event> queue =
        new PriorityQueue<>(Comparator.comparingLong(Event::at).thenComparingLong(Event::seq));
    // Messages per virtual second, the last RING seconds: upper bounds on distinct keys in a
    // window.
    static final int RING = 4096;
    final long[] perSecond = new long[RING];
    final double arrivalsPerSecond;
    double arrivalDebt;
    long seq;
    long usersArrived;
    long messages;
    long granted;
    long deniedUser;
    long cacheHits;
    long flushes;
    final List<Sample> samples = new ArrayList<>();
    final List<String> violations = new ArrayList<>();
    final TreeSet<String> moods = new TreeSet<>();
    final long conversationWindowSeconds;
    final long bucketWindowSeconds;
    final long requestWindowSeconds;
    static final long TICK_SECONDS = 5;

    World(Options o) {
      this.o = o;
      Map<String, String> env = new LinkedHashMap<>();
      // The global quota is raised so that requests are granted and the buckets, request ids and
      // cache see real traffic; the per-user buckets keep their defaults.
      env.put("BOT_RATELIMIT_GLOBAL_RPM", "1000000");
      env.put("BOT_RATELIMIT_GLOBAL_RPD", "100000000");
      // Server contexts never expire (by design): they grow to their caps and stay there. To
      // reach that steady state within the warm-up, moments are folded into facts after an hour
      // (every half hour) and the facts are capped at 4 per guild.
      env.put("BOT_CONTEXT_SUMMARIZE_AFTER_HOURS", "1");
      env.put("BOT_CONTEXT_MAX_FACTS", "4");
      env.putAll(o.env());
      this.config =
          TestConfigs.with(Path.of(System.getProperty("java.io.tmpdir"), "soak-unused"), env);
      this.time.millis = DAY_START.toEpochMilli();
      this.clock = new VirtualClock(time, ZoneOffset.UTC);
      this.ticker = time::nanos;
      this.random = new SplittableRandom(o.seed());
      this.partitions = config.instances().conversation();
      this.memories = new ConversationMemory[partitions];
      for (int i = 0; i < partitions; i++) {
        memories[i] = new ConversationMemory(config.conversation());
      }
      this.contexts = new ServerContexts(config.context());
      this.rate =
          new RateLimitService(
              RateLimiter.from(config.ratelimit()),
              clock,
              TimeUnit.SECONDS.toNanos(config.state().flushIntervalSeconds()),
              ticker::read,
              snapshot -> flushes++,
              Runnable::run,
              Runnable::run,
              registry);
      this.cache = new ResponseCache(config.cache(), ticker, registry);
      this.canonical = CanonicalRequest.from(config.gemini());
      this.prompts = new PromptAssembler(config.roast(), CommandCatalog.promptList());
      this.roast =
          new RoastScorer(config.roast(), clock, new SplittableRandom(o.seed() + 1), ticker);
      this.arrivalsPerSecond = (double) o.users() / o.day().toSeconds();
      var conv = config.conversation();
      this.conversationWindowSeconds = conv.idleMinutes() * 60L + conv.sweepSeconds() + 1;
      var rl = config.ratelimit();
      this.bucketWindowSeconds =
          (long) Math.ceil(rl.userBurst() * 60.0 / rl.userRefillPerMinute()) + TICK_SECONDS + 1;
      this.requestWindowSeconds =
          TimeUnit.MILLISECONDS.toSeconds(RateLimiter.REQUEST_MEMORY_MILLIS) + TICK_SECONDS + 1;
      if (conversationWindowSeconds >= RING || requestWindowSeconds >= RING) {
        throw new IllegalArgumentException("windows longer than the ring");
      }
    }

    /** One virtual second: arrivals, due messages, then the timers of the verticles. */
    void second(long s) {
      long secondStart = DAY_START.toEpochMilli() + s * 1000;
      perSecond[(int) (s % RING)] = 0;
      arrivalDebt += arrivalsPerSecond;
      while (arrivalDebt >= 1) {
        arrivalDebt -= 1;
        arrive(secondStart);
      }
      while (!queue.isEmpty() && queue.peek().at() < secondStart + 1000) {
        Event e = queue.poll();
        time.millis = Math.max(time.millis, e.at());
        message(e, s);
      }
      time.millis = secondStart + 1000;
      long elapsed = s + 1;
      if (elapsed % TICK_SECONDS == 0) {
        rate.tick();
      }
      if (elapsed % config.conversation().sweepSeconds() == 0) {
        for (ConversationMemory m : memories) {
          m.sweep(time.millis);
        }
      }
      if (elapsed % 3600 == 0) {
        moods.add(moodTag());
      }
      if (elapsed % 1800 == 0) {
        for (long g = 1; g <= GUILDS; g++) {
          contexts.summarize(g, time.millis);
        }
      }
    }

    private void arrive(long secondStart) {
      long user = 1_000_000_000L + usersArrived++;
      long guild = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(GUILDS);
      long channel = guild == 0 ? user : guild * 100 + random.nextInt(5);
      int count = 1 + random.nextInt(5);
      queue.add(
          new Event(secondStart + random.nextInt(1000), seq++, user, guild, channel, 0, count));
    }

    private void message(Event e, long s) {
      messages++;
      perSecond[(int) (s % RING)]++;
      long now = time.millis;
      String requestId = e.user() + "-" + e.n();
      String text = text(e);
      Decision d = rate.acquire(requestId, e.user());
      if (d.granted()) {
        granted++;
        Persona persona = decide(e, text);
        String key =
            ConversationKeys.of(config.conversation().scope(), e.guild(), e.channel(), e.user());
        ConversationMemory memory = memories[Partitioner.partition(key, partitions)];
        History history = memory.history(key, now);
        String block = e.guild() == 0 ? "" : contexts.promptBlock(e.guild(), e.user(), now);
        List<Turn> contents = new ArrayList<>(history.turns().size() + 3);
        if (!history.summary().isEmpty()) {
          contents.add(
              Turn.user("(Summary of our earlier conversation: " + history.summary() + ")"));
          contents.add(Turn.model("Understood."));
        }
        contents.addAll(history.turns());
        contents.add(Turn.user(text));
        String system =
            prompts.systemInstruction(
                persona, block, "", ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        LlmRequest request =
            new LlmRequest(requestId, persona, system, contents, true, "user" + e.user());
        String answer = "Answer " + e.n() + " for " + e.user() + ": " + text;
        ResponseCache.Lookup lookup =
            cache
                .get(
                    canonical.key(request),
                    () ->
                        CompletableFuture.completedFuture(
                            new LlmResult(answer, false, false, true)))
                .join();
        if (lookup.hit()) {
          cacheHits++;
          rate.release(requestId);
        }
        memory.record(key, text, lookup.result().text(), now);
        if (e.guild() != 0) {
          int dice = random.nextInt(40);
          if (dice < 2) {
            contexts.remember(e.guild(), e.user(), "user" + e.user(), "remembers " + text, now);
          } else if (dice == 2) {
            contexts.addGag(e.guild(), "the running gag about " + words(4), now);
          }
        }
      } else if (d.kind() == Decision.Kind.USER) {
        deniedUser++;
      }
      if (e.left() > 1) {
        queue.add(
            new Event(
                now + 5_000 + random.nextInt(115_000),
                seq++,
                e.user(),
                e.guild(),
                e.channel(),
                e.n() + 1,
                e.left() - 1));
      }
    }

    private String text(Event e) {
      // Mostly distinct; one first message in twenty is a plain greeting, so the cache can hit.
      if (e.n() == 0 && random.nextInt(20) == 0) {
        return "hi";
      }
      return "question " + e.n() + " from " + e.user() + ": " + words(6 + random.nextInt(10));
    }

    private String words(int n) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          sb.append(' ');
        }
        sb.append(WORDS[random.nextInt(WORDS.length)]);
      }
      return sb.toString();
    }

    // ---------------------------------------------------------------- roast

    private Persona decide(Event e, String text) {
      return roast.decide(e.guild(), e.user(), text).persona();
    }

    private String moodTag() {
      return roast.mood().tag();
    }

    /** Roast users and servers held (after pending evictions ran), and their caps. */
    private long[] roastSizes() {
      roast.cleanUp();
      return new long[] {
        roast.userStates(),
        roast.serverStates(),
        config.roast().maxUsers(),
        config.roast().maxServers()
      };
    }

    // ---------------------------------------------------------------- checks

    private long messagesInLast(long seconds, long endSecond) {
      long sum = 0;
      for (long s = Math.max(0, endSecond - seconds); s < endSecond; s++) {
        sum += perSecond[(int) (s % RING)];
      }
      return sum;
    }

    void sample(long elapsedSeconds) {
      long conversations = 0;
      long chars = 0;
      for (ConversationMemory m : memories) {
        var st = m.stats();
        conversations += st.active();
        chars += st.chars();
      }
      long conversationBound = messagesInLast(conversationWindowSeconds, elapsedSeconds);
      long buckets = rate.limiter().buckets().size();
      long bucketBound = messagesInLast(bucketWindowSeconds, elapsedSeconds);
      long requestIds = rate.limiter().rememberedRequests();
      long requestIdBound = messagesInLast(requestWindowSeconds, elapsedSeconds);
      long cacheEntries = cache.size();
      long[] roast = roastSizes();
      long maxItems = 0;
      long maxChars = 0;
      for (List<ServerContext.SavedItem> items : contexts.snapshot().values()) {
        maxItems = Math.max(maxItems, items.size());
        maxChars = Math.max(maxChars, items.stream().mapToLong(i -> i.text().length()).sum());
      }
      Sample sample =
          new Sample(
              Duration.ofSeconds(elapsedSeconds),
              conversations,
              conversationBound,
              chars,
              buckets,
              bucketBound,
              requestIds,
              requestIdBound,
              cacheEntries,
              roast[0],
              roast[1],
              contexts.guildCount(),
              maxItems,
              maxChars);
      samples.add(sample);
      var cc = config.context();
      check(sample, "conversations", conversations, conversationBound);
      check(
          sample,
          "conversation chars",
          chars,
          conversations * (long) config.conversation().maxChars());
      check(sample, "rate-limit buckets", buckets, bucketBound);
      check(sample, "rate-limit request ids", requestIds, requestIdBound);
      check(sample, "cache entries", cacheEntries, config.cache().maxEntries());
      check(sample, "roast user states", roast[0], roast[2]);
      check(sample, "roast server states", roast[1], roast[3]);
      check(sample, "guilds with a context", contexts.guildCount(), GUILDS);
      check(
          sample,
          "items in one guild",
          maxItems,
          (long) cc.maxMoments() + cc.maxGags() + cc.maxFacts());
      check(sample, "chars in one guild", maxChars, cc.maxTotalChars());
    }

    private void check(Sample at, String what, long value, long bound) {
      if (value > bound) {
        violations.add(what + " " + value + " > bound " + bound + " at " + at.at());
      }
    }

    Sample peak() {
      Sample p = null;
      for (Sample s : samples) {
        p =
            p == null
                ? s
                : new Sample(
                    Duration.ZERO,
                    Math.max(p.conversations(), s.conversations()),
                    Math.max(p.conversationBound(), s.conversationBound()),
                    Math.max(p.conversationChars(), s.conversationChars()),
                    Math.max(p.buckets(), s.buckets()),
                    Math.max(p.bucketBound(), s.bucketBound()),
                    Math.max(p.requestIds(), s.requestIds()),
                    Math.max(p.requestIdBound(), s.requestIdBound()),
                    Math.max(p.cacheEntries(), s.cacheEntries()),
                    Math.max(p.roastUsers(), s.roastUsers()),
                    Math.max(p.roastServers(), s.roastServers()),
                    Math.max(p.guilds(), s.guilds()),
                    Math.max(p.maxGuildItems(), s.maxGuildItems()),
                    Math.max(p.maxGuildChars(), s.maxGuildChars()));
      }
      return p;
    }

    /** Reads the state once more, so it is certainly live at the end heap reading. */
    void touch() {
      if (memories.length == 0 || queue.size() < 0 || cache.size() < 0) {
        throw new IllegalStateException();
      }
    }
  }
}
