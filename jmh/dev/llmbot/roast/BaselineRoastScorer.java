package dev.llmbot.roast;

import dev.llmbot.bus.Persona;
import dev.llmbot.bus.RoastDecision;
import dev.llmbot.config.RoastConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The naive form of SPEC §4, kept for the benchmark only: every modifier is recomputed for every
 * message, as a straightforward port of the reference bot would do. Message features by five regex
 * scans, the local hour through a ZonedDateTime per message, the server modifier by filtering its
 * roast list, string keys, unbounded maps. Same rules, same numbers.
 */
final class BaselineRoastScorer {
  private static final Pattern BACKTICK = Pattern.compile("`");
  private static final Pattern CODE =
      Pattern.compile(
          "\\b(function|class|import|const|let|var|if|else|for|while|def|return)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern TECH =
      Pattern.compile(
          "\\b(api|database|server|client|bug|error|exception|deploy|build)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern QUESTION = Pattern.compile("\\?");
  private static final String[] MOODS = {
    "sleepy", "caffeinated", "chaotic", "reverse_psychology", "bloodthirsty"
  };

  private final RoastConfig config;
  private final Clock clock;
  private final RandomGenerator random;
  private final Map<String, int[]> streaks = new HashMap<>();
  private final Map<String, double[]> debts = new HashMap<>();
  private final Map<Long, List<Long>> serverRoasts = new HashMap<>();
  private final Map<Long, Long> lastRoast = new HashMap<>();

  private long baseHour = Long.MIN_VALUE;
  private double base;
  private String mood = "caffeinated";
  private Instant moodUntil;
  private boolean chaos;
  private Instant chaosUntil = Instant.EPOCH;
  private double chaosMultiplier = 1;

  BaselineRoastScorer(RoastConfig config, Clock clock, RandomGenerator random) {
    this.config = config;
    this.clock = clock;
    this.random = random;
    this.moodUntil = clock.instant().plusSeconds(60L * (30 + random.nextInt(90)));
  }

  RoastDecision decide(long guildId, long userId, String text) {
    Instant now = clock.instant();
    updateBase(now);
    updateMood(now);
    updateChaos(now);
    String key = guildId + ":" + userId;
    int c = streaks.computeIfAbsent(key, k -> new int[1])[0];

    double streak = streakModifier(c);
    double complexity = complexity(text);
    double time = timeModifier(ZonedDateTime.ofInstant(now, config.zoneFor(guildId)).getHour());
    double moodModifier = moodModifier(c);
    double debt = guildId != 0 ? debtModifier(debts.getOrDefault(key, new double[1])[0]) : 0;
    double server = guildId != 0 ? serverModifier(guildId, now) : 0;

    boolean roast;
    double p;
    if (chaos && random.nextDouble() < 0.3) {
      p = 0.7;
      roast = random.nextDouble() < 0.7;
    } else if (c >= 6 && random.nextDouble() < 0.2) {
      p = 1;
      roast = true;
    } else if (mood.equals("reverse_psychology") && c > 5 && random.nextDouble() < 0.4) {
      p = 0;
      roast = false;
    } else {
      p = base + streak + complexity + time + moodModifier + debt + server;
      if (chaos) {
        p *= chaosMultiplier;
      }
      p = Math.max(0, Math.min(p, config.maxChance()));
      roast = random.nextDouble() < p;
    }

    if (roast) {
      streaks.put(key, new int[1]);
      debts.put(key, new double[1]);
      if (guildId != 0) {
        List<Long> log = serverRoasts.computeIfAbsent(guildId, g -> new ArrayList<>());
        log.add(now.toEpochMilli());
        if (log.size() > 10) { // a benchmark's roast rate would otherwise grow the list
          log.remove(0);
        }
        lastRoast.put(guildId, now.toEpochMilli());
      }
    } else {
      streaks.get(key)[0]++;
      if (guildId != 0) {
        debts.computeIfAbsent(key, k -> new double[1])[0] += 0.05;
      }
    }
    return new RoastDecision(roast ? Persona.ROAST : Persona.HELPFUL, p);
  }

  private void updateBase(Instant now) {
    long hour = now.getEpochSecond() / 3600;
    if (hour != baseHour) {
      baseHour = hour;
      double b = config.baseChance();
      base =
          config.hourlyDrift()
              ? Math.max(0, Math.min(b - 0.3 + random.nextDouble() * 0.5, config.maxChance()))
              : b;
    }
  }

  private void updateMood(Instant now) {
    if (!now.isBefore(moodUntil)) {
      mood = MOODS[random.nextInt(MOODS.length)];
      moodUntil = now.plusSeconds(60L * 30 + (long) (random.nextDouble() * 90 * 60));
    }
  }

  private void updateChaos(Instant now) {
    if (chaos && !now.isBefore(chaosUntil)) {
      chaos = false;
    }
    if (!chaos && random.nextDouble() < config.chaosChance()) {
      chaos = true;
      chaosUntil = now.plusSeconds(5 * 60 + (long) (random.nextDouble() * 25 * 60));
      chaosMultiplier = 0.5 + random.nextDouble() * 2;
    }
  }

  private double streakModifier(int c) {
    if (c == 0) {
      return 0;
    }
    double k = c <= 2 ? 0.10 : c <= 5 ? 0.25 : 0.35;
    double v = c <= 2 ? 0.05 : c <= 5 ? 0.10 : 0.15;
    return k * c + random.nextDouble() * v * c;
  }

  static double complexity(String text) {
    double sum = Math.min(text.length() / 100.0, 0.3);
    if (BACKTICK.matcher(text).find()) {
      sum += 0.2;
    }
    if (CODE.matcher(text).find()) {
      sum += 0.15;
    }
    if (TECH.matcher(text).find()) {
      sum += 0.1;
    }
    int questions = 0;
    Matcher m = QUESTION.matcher(text);
    while (m.find()) {
      questions++;
    }
    if (questions == 1) {
      sum += 0.05;
    } else if (questions >= 2) {
      sum += 0.15;
    }
    return Math.min(sum, 0.5);
  }

  private static double timeModifier(int hour) {
    if (hour >= 23 || hour <= 3) {
      return 0.3;
    }
    if (hour >= 5 && hour <= 8) {
      return -0.1;
    }
    if (hour >= 19 && hour <= 22) {
      return 0.2;
    }
    if (hour >= 13 && hour <= 17) {
      return 0.1;
    }
    return 0;
  }

  private double moodModifier(int c) {
    switch (mood) {
      case "sleepy":
        return -0.2 + 0.05 * c;
      case "caffeinated":
        return 0.1 + 0.1 * c;
      case "chaotic":
        return random.nextDouble() * 0.6 - 0.3;
      case "reverse_psychology":
        return c > 3 ? -0.4 : 0.2;
      default:
        return 0.2 + 0.15 * c;
    }
  }

  private static double debtModifier(double d) {
    return d > 1 ? Math.min(0.3 * d, 0.7) : 0.1 * d;
  }

  private double serverModifier(long guildId, Instant now) {
    long nowMs = now.toEpochMilli();
    List<Long> roasts = serverRoasts.getOrDefault(guildId, new ArrayList<>());
    roasts.removeIf(t -> nowMs - t >= 3_600_000L);
    Long last = lastRoast.get(guildId);
    double h = last == null ? Double.POSITIVE_INFINITY : (nowMs - last) / 3_600_000.0;
    long r = roasts.stream().filter(t -> nowMs - t < 3_600_000L).count();
    if (h < 1 && r > 2) {
      return 0.2;
    }
    if (h > 6) {
      return Math.min(0.02 * h, 0.3);
    }
    return 0;
  }
}
