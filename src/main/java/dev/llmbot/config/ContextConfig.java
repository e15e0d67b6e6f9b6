package dev.llmbot.config;

/**
 * Server context and personality profiles (SPEC §6.2, §6.3).
 *
 * @param maxMoments moments kept per guild
 * @param maxGags running gags kept per guild
 * @param maxFacts facts kept per guild
 * @param maxTotalChars the per-guild character cap
 * @param promptBudgetChars the server context block's budget in the prompt
 * @param duplicateOverlap word overlap at or above which an item is a near-duplicate
 * @param summarizeAfterHours moments older than this are folded by /summarize
 * @param factMaxChars the cap on a fact made by /summarize
 * @param maxDescriptions descriptions kept per profile
 * @param maxDescriptionChars the length cap of one description
 */
public record ContextConfig(
    int maxMoments,
    int maxGags,
    int maxFacts,
    int maxTotalChars,
    int promptBudgetChars,
    double duplicateOverlap,
    int summarizeAfterHours,
    int factMaxChars,
    int maxDescriptions,
    int maxDescriptionChars) {

  static ContextConfig from(ConfigNode n) {
    return new ContextConfig(
        n.integer("maxMoments", 1, 100_000),
        n.integer("maxGags", 1, 100_000),
        n.integer("maxFacts", 1, 100_000),
        n.integer("maxTotalChars", 1_000, 100_000_000),
        n.integer("promptBudgetChars", 0, 1_000_000),
        n.number("duplicateOverlap", 0.01, 1.0),
        n.integer("summarizeAfterHours", 0, 100_000),
        n.integer("factMaxChars", 20, 100_000),
        n.integer("maxDescriptions", 1, 1_000),
        n.integer("maxDescriptionChars", 1, 10_000));
  }
}
