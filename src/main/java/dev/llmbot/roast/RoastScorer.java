package dev.llmbot.roast;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.llmbot.bus.Persona;
import dev.llmbot.bus.RoastDecision;
import dev.llmbot.bus.RoastStatus;
import dev.llmbot.config.RoastConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The roast-or-help engine of SPEC §4: decides, exactly once per message, whether the bot roasts or
 * helps. Owned by one roast verticle's event loop; not thread-safe (the Caffeine caches are, but
 * the states they hold are mutated without locks).
 *
 * <p><b>What it owns.</b> The hourly base drift and the mood cycle (a {@link RoastSchedule},
 * derived from a seed and a start instant), chaos mode, each user's streak c and roast debt, and
 * each server's roast log. Users and servers live in Caffeine caches bounded by {@code
 * roast.maxUsers} / {@code roast.maxServers} and idle-evicted after {@code roast.userIdleHours} /
 * {@code roast.serverIdleHours}, timed by the injected {@link Ticker}; a million distinct users
 * cost at most {@code maxUsers} entries.
 *
 * <p><b>Decision, first rule that applies.</b>
 *
 * <ol>
 *   <li>chaos active and U &lt; 0.3: roast iff U' &lt; 0.7;
 *   <li>c ≥ 6 and U &lt; 0.2: roast;
 *   <li>mood reverse_psychology, c &gt; 5 and U &lt; 0.4: help;
 *   <li>p = base + streak + complexity + time + mood + debt + server; ×multiplier in chaos; clamped
 *       to [0, max]; roast iff U &lt; p.
 * </ol>
 *
 * After deciding: roast sets c and debt to 0 and logs the roast for the server; help adds 1 to c
 * and, in guilds, 0.05 to the debt.
 *
 * <p><b>Interpretations where SPEC §4 is open</b> (also in docs/roast.md):
 *
 * <ul>
 *   <li>Every "U" is a fresh uniform [0, 1) draw from the injected random source at each use, per
 *       message: the rules' U and U', the streak's jitter and the chaotic mood's modifier. Draws
 *       happen only where a rule's other conditions hold, in a fixed order (chaos switch-on, rule
 *       1, 2, 3, streak jitter, chaotic mood, final U), so a fixed seed and clock reproduce every
 *       decision. Durations and the chaos multiplier are drawn once per period.
 *   <li>The message that switches chaos on is itself decided in chaos; chaos ends at the first
 *       message at or after its end time.
 *   <li>c and debt are kept per user per guild (key: guild id, user id); in DMs (guild id 0) per
 *       user, with no debt and no server modifier (there is no server).
 *   <li>A server with no roast on record has h = ∞, so its modifier is the 0.3 cap. Forgetting an
 *       idle server (at least 15 h idle) therefore changes nothing. r counts only up to 3 (the rule
 *       needs r &gt; 2), so the log keeps the last three roast times.
 *   <li>The server modifier is cached for 5 minutes, and recomputed at once after a roast in that
 *       server (a roast changes h and r by a step, not by drift).
 *   <li>Base drift is redrawn at each UTC clock hour; the time-of-day hour is the local hour in the
 *       guild's zone ({@code roast.guildZones}, else {@code roast.zone}); bands are inclusive hour
 *       values (23–03 means 23:00 to 03:59).
 *   <li>{@link RoastDecision#probability()} is the chance of roasting under the rule that decided:
 *       0.7 (rule 1), 1 (rule 2), 0 (rule 3) or the clamped p (rule 4).
 * </ul>
 *
 * <p><b>Several instances.</b> Base and mood depend only on the schedule seed, the schedule start
 * and the clock, so instances built with the same {@code scheduleSeed} and {@code scheduleStart}
 * agree on them. Everything keyed by guild (its users and its server log) must reach one instance:
 * route by {@link #routingKey}. Chaos mode is switched on per message, so each instance has its own
 * chaos state (each message still switches it on with the same chance).
 */
public final class RoastScorer {
  static final double CHAOS_RULE_CHANCE = 0.3;
  static final double CHAOS_ROAST_CHANCE = 0.7;
  static final int FORCED_STREAK = 6;
  static final double FORCED_CHANCE = 0.2;
  static final int REVERSE_STREAK = 5;
  static final double REVERSE_CHANCE = 0.4;
  static final long CHAOS_MIN_MS = 5 * 60_000L;
  static final long CHAOS_SPAN_MS = 25 * 60_000L;
  static final double CHAOS_MIN_MULTIPLIER = 0.5;
  static final double CHAOS_MULTIPLIER_SPAN = 2.0;
  static final long SERVER_CACHE_MS = 5 * 60_000L;
  static final long SERVER_TOUCH_MS = 60_000L;
  static final int MAX_DEBT_STEPS = 1_000;

  // Which rule decided the last message, as lastRule() reports it to tests.
  static final int RULE_CHAOS = 1;
  static final int RULE_FORCED = 2;
  static final int RULE_REVERSE = 3;
  static final int RULE_SCORE = 4;

  private static final RoastDecision CHAOS_ROAST = new RoastDecision(Persona.ROAST, 0.7);
  private static final RoastDecision CHAOS_HELP = new RoastDecision(Persona.HELPFUL, 0.7);
  private static final RoastDecision FORCED = new RoastDecision(Persona.ROAST, 1.0);
  private static final RoastDecision REVERSED = new RoastDecision(Persona.HELPFUL, 0.0);
  private static final Function<UserKey, UserState> NEW_USER = k -> new UserState();

  private final Clock clock;
  private final RandomGenerator random;
  private final double max;
  private final double chaosChance;
  private final RoastSchedule schedule;
  private final ClockFace defaultFace;
  private final Map<Long, ClockFace> guildFaces;
  private final Cache<UserKey, UserState> users;
  private final Cache<Long, ServerState> servers;
  private final Function<Long, ServerState> newServer;

  private boolean chaos;
  private long chaosEnd;
  private double chaosMultiplier = 1;
  private int lastRule;

  /**
   * An engine whose schedule seed is the first draw of {@code random} and whose schedule starts
   * now: right for a single instance.
   */
  public RoastScorer(RoastConfig config, Clock clock, RandomGenerator random, Ticker ticker) {
    this(config, clock, random, ticker, random.nextLong(), clock.instant());
  }

  /**
   * An engine whose base drift and mood cycle follow {@code scheduleSeed} from {@code
   * scheduleStart}; instances built with the same two values agree on base and mood.
   */
  public RoastScorer(
      RoastConfig config,
      Clock clock,
      RandomGenerator random,
      Ticker ticker,
      long scheduleSeed,
      Instant scheduleStart) {
    this.clock = clock;
    this.random = random;
    this.max = config.maxChance();
    this.chaosChance = config.chaosChance();
    this.schedule =
        new RoastSchedule(
            scheduleSeed,
            scheduleStart.toEpochMilli(),
            config.baseChance(),
            config.maxChance(),
            config.hourlyDrift());
    this.defaultFace = new ClockFace(config.zone());
    Map<ZoneId, ClockFace> byZone = new HashMap<>();
    byZone.put(config.zone(), defaultFace);
    Map<Long, ClockFace> faces = new HashMap<>();
    for (Map.Entry<Long, ZoneId> e : config.guildZones().entrySet()) {
      faces.put(e.getKey(), byZone.computeIfAbsent(e.getValue(), ClockFace::new));
    }
    this.guildFaces = Map.copyOf(faces);
    this.users =
        Caffeine.newBuilder()
            .maximumSize(config.maxUsers())
            .expireAfterAccess(Duration.ofHours(config.userIdleHours()))
            .ticker(ticker)
            .executor(Runnable::run)
            .build();
    this.servers =
        Caffeine.newBuilder()
            .maximumSize(config.maxServers())
            .expireAfterAccess(Duration.ofHours(config.serverIdleHours()))
            .evictionListener((Long guild, ServerState state, RemovalCause cause) -> evict(state))
            .ticker(ticker)
            .executor(Runnable::run)
            .build();
    this.newServer = g -> new ServerState(guildFaces.getOrDefault(g, defaultFace));
  }

  private static void evict(ServerState state) {
    if (state != null) {
      state.evicted = true;
    }
  }

  /**
   * The key that picks the instance owning a message's roast state when the roast verticle has
   * several instances: the guild id, or the user id in DMs.
   */
  public static long routingKey(long guildId, long userId) {
    return guildId != 0 ? guildId : userId;
  }

  /**
   * Decides for one message by {@code userId} in {@code guildId} (0 outside guilds), and updates
   * the user's streak and debt and the server's roast log. Call it exactly once per message.
   */
  public RoastDecision decide(long guildId, long userId, String text) {
    long now = clock.millis();
    Mood mood = schedule.mood(now);
    if (chaos && now >= chaosEnd) {
      chaos = false;
    }
    if (!chaos && chaosChance > 0 && random.nextDouble() < chaosChance) {
      chaos = true;
      chaosEnd = now + CHAOS_MIN_MS + (long) (random.nextDouble() * CHAOS_SPAN_MS);
      chaosMultiplier = CHAOS_MIN_MULTIPLIER + random.nextDouble() * CHAOS_MULTIPLIER_SPAN;
    }
    boolean inGuild = guildId != 0;
    UserState user = users.get(new UserKey(guildId, userId), NEW_USER);
    ServerState server = inGuild ? server(guildId, user, now) : null;
    int c = user.streak;

    RoastDecision decision = roll(c, mood, now, text, inGuild, user, server);
    if (decision.persona() == Persona.ROAST) {
      user.streak = 0;
      user.debtSteps = 0;
      if (inGuild) {
        server.roasted(now);
      }
    } else {
      if (user.streak < Integer.MAX_VALUE) {
        user.streak++;
      }
      if (inGuild && user.debtSteps < MAX_DEBT_STEPS) {
        user.debtSteps++;
      }
    }
    return decision;
  }

  /**
   * The server state of a guild message. The user's state remembers it, so most messages skip the
   * second cache lookup; the cache is still consulted when the remembered state was evicted and at
   * least every {@link #SERVER_TOUCH_MS}, which keeps an active server's idle timer fresh.
   */
  private ServerState server(long guildId, UserState user, long now) {
    ServerState server = user.server;
    if (server == null
        || server.evicted
        || now - server.touchedAt >= SERVER_TOUCH_MS
        || now < server.touchedAt) {
      server = servers.get(guildId, newServer);
      server.touchedAt = now;
      user.server = server;
    }
    return server;
  }

  /** Rules 1–3 in order; null when none applies (then rule 4 decides). */
  private RoastDecision earlyRule(int c, Mood mood) {
    if (chaos && random.nextDouble() < CHAOS_RULE_CHANCE) {
      lastRule = RULE_CHAOS;
      return random.nextDouble() < CHAOS_ROAST_CHANCE ? CHAOS_ROAST : CHAOS_HELP;
    }
    if (c >= FORCED_STREAK && random.nextDouble() < FORCED_CHANCE) {
      lastRule = RULE_FORCED;
      return FORCED;
    }
    if (mood == Mood.REVERSE_PSYCHOLOGY
        && c > REVERSE_STREAK
        && random.nextDouble() < REVERSE_CHANCE) {
      lastRule = RULE_REVERSE;
      return REVERSED;
    }
    lastRule = RULE_SCORE;
    return null;
  }

  /**
   * Rules 1–4 for one message, drawing from the random source in the documented order; modifiers
   * that rule 4 needs are only evaluated when rules 1–3 did not apply.
   */
  private RoastDecision roll(
      int c,
      Mood mood,
      long now,
      String text,
      boolean inGuild,
      UserState user,
      ServerState server) {
    RoastDecision early = earlyRule(c, mood);
    if (early != null) {
      return early;
    }
    double time = (inGuild ? server.face : defaultFace).modifier(now);
    double debt = inGuild ? Modifiers.debt(user.debtSteps * Modifiers.DEBT_STEP) : 0;
    double serverModifier = inGuild ? server.modifier(now) : 0;
    return score(
        c, mood, schedule.base(now), text == null ? "" : text, 0, time, debt, serverModifier);
  }

  /**
   * Rule 4 alone: p = base + streak + complexity + time + mood + debt + server, times the chaos
   * multiplier when chaos is on, clamped to [0, max]; roast iff U &lt; p.
   *
   * <p>With {@code text} non-null the complexity is that of the text, and the text is only scanned
   * if the result can depend on it: complexity lies in [min(len/100, 0.3), 0.5], and when even the
   * lower bound clamps p to max (or the upper bound clamps it to 0) the scan cannot change p.
   * Floating-point addition and multiplication are monotone, so this is exact. With {@code text}
   * null, {@code complexity} is used as given (tests hold every input fixed).
   */
  RoastDecision score(
      int c,
      Mood mood,
      double base,
      String text,
      double complexity,
      double time,
      double debt,
      double serverModifier) {
    double p = base;
    if (c > 0) {
      p += Modifiers.streak(c, random.nextDouble());
    }
    p += time;
    p += mood.modifier(c, mood.needsDraw() ? random.nextDouble() : 0);
    p += debt + serverModifier;
    double multiplier = chaos ? chaosMultiplier : 1;
    double cx = complexity;
    if (text != null) {
      double lower = Math.min(text.length() / 100.0, MessageFeatures.MAX_LENGTH_SCORE);
      if ((p + lower) * multiplier >= max
          || (p + MessageFeatures.MAX_COMPLEXITY) * multiplier <= 0) {
        cx = lower;
      } else {
        cx = MessageFeatures.of(text).complexity();
      }
    }
    p = (p + cx) * multiplier;
    p = Math.max(0, Math.min(p, max));
    return new RoastDecision(random.nextDouble() < p ? Persona.ROAST : Persona.HELPFUL, p);
  }

  /**
   * Rules 1–4 with every input fixed and no state update: for the statistical tests. Uses the
   * current chaos state.
   */
  RoastDecision decideFixed(
      int c,
      Mood mood,
      double base,
      double complexity,
      double time,
      double debt,
      double serverModifier) {
    RoastDecision early = earlyRule(c, mood);
    if (early != null) {
      return early;
    }
    return score(c, mood, base, null, complexity, time, debt, serverModifier);
  }

  /** The engine's state for /status: the current mood and whether chaos mode is on. */
  public RoastStatus status() {
    long now = clock.millis();
    return new RoastStatus(schedule.mood(now).tag(), chaos && now < chaosEnd);
  }

  /** The current mood (advancing the mood cycle to now). */
  public Mood mood() {
    return schedule.mood(clock.millis());
  }

  /**
   * Runs pending cache maintenance (evictions) now; the caches otherwise do it as they are used.
   */
  public void cleanUp() {
    users.cleanUp();
    servers.cleanUp();
  }

  /** How many users' roast states are held (approximate until {@link #cleanUp}). */
  public long userStates() {
    return users.estimatedSize();
  }

  /** How many servers' roast logs are held (approximate until {@link #cleanUp}). */
  public long serverStates() {
    return servers.estimatedSize();
  }

  int lastRule() {
    return lastRule;
  }

  boolean chaosActive() {
    return chaos && clock.millis() < chaosEnd;
  }

  double chaosMultiplier() {
    return chaosMultiplier;
  }

  long chaosEnd() {
    return chaosEnd;
  }

  RoastSchedule schedule() {
    return schedule;
  }

  /** The streak c of a user, or 0 if none is held. */
  int streak(long guildId, long userId) {
    UserState s = users.getIfPresent(new UserKey(guildId, userId));
    return s == null ? 0 : s.streak;
  }

  /** The roast debt d of a user, or 0 if none is held. */
  double debt(long guildId, long userId) {
    UserState s = users.getIfPresent(new UserKey(guildId, userId));
    return s == null ? 0 : s.debtSteps * Modifiers.DEBT_STEP;
  }

  /** The server modifier a guild would get now, or the cap if none is held. */
  double serverModifier(long guildId) {
    ServerState s = servers.getIfPresent(guildId);
    return s == null ? Modifiers.server(Double.POSITIVE_INFINITY, 0) : s.modifier(clock.millis());
  }

  private record UserKey(long guildId, long userId) {}

  /** One user's streak c and debt (as a count of 0.05 steps, so that d is exact). */
  private static final class UserState {
    int streak;
    int debtSteps;

    /** This user's guild's state, as last looked up; see {@link #server}. */
    ServerState server;
  }

  /** One server's roast log (its last three roasts) and its cached server modifier. */
  private static final class ServerState {
    private static final long NONE = Long.MIN_VALUE;
    final ClockFace face;

    /** Set when the cache evicts this state, so that users holding it look it up again. */
    boolean evicted;

    /** When the cache was last consulted for this state (clock millis). */
    long touchedAt;

    private long last = NONE;
    private long second = NONE;
    private long third = NONE;
    private boolean cached;
    private long cachedAt;
    private double modifier;

    ServerState(ClockFace face) {
      this.face = face;
    }

    double modifier(long now) {
      if (!cached || now - cachedAt >= SERVER_CACHE_MS || now < cachedAt) {
        modifier = Modifiers.server(hoursSinceLast(now), roastsInLastHour(now));
        cachedAt = now;
        cached = true;
      }
      return modifier;
    }

    void roasted(long now) {
      third = second;
      second = last;
      last = now;
      cached = false;
    }

    private double hoursSinceLast(long now) {
      return last == NONE
          ? Double.POSITIVE_INFINITY
          : Math.max(0, now - last) / (double) RoastSchedule.HOUR_MS;
    }

    private int roastsInLastHour(long now) {
      return within(last, now) + within(second, now) + within(third, now);
    }

    private static int within(long t, long now) {
      return t != NONE && now - t < RoastSchedule.HOUR_MS ? 1 : 0;
    }
  }
}
