package dev.llmbot.roast;

import dev.llmbot.bus.Persona;
import dev.llmbot.bus.RoastDecision;
import dev.llmbot.bus.RoastStatus;
import dev.llmbot.config.RoastConfig;
import java.util.random.RandomGenerator;

/**
 * Decides, once per message, whether the bot roasts or helps. Owned by one roast verticle's event
 * loop; not thread-safe.
 *
 * <p>Foundation version: a fixed probability (the configured base chance) from an injected random
 * source. The full engine of SPEC §4 replaces it.
 */
public final class RoastScorer {
  private final RoastConfig config;
  private final RandomGenerator random;

  public RoastScorer(RoastConfig config, RandomGenerator random) {
    this.config = config;
    this.random = random;
  }

  /** Decides for one message by {@code userId} in {@code guildId} (0 outside guilds). */
  public RoastDecision decide(long guildId, long userId, String text) {
    double p = Math.min(config.baseChance(), config.maxChance());
    return new RoastDecision(random.nextDouble() < p ? Persona.ROAST : Persona.HELPFUL, p);
  }

  /** The engine's state for /status. */
  public RoastStatus status() {
    return new RoastStatus("steady", false);
  }
}
