/**
 * The Discord adapter on Javacord 3.8 (SPEC §1–2): {@link dev.llmbot.discord.DiscordVerticle} logs
 * in on the configured shards, relays messages ({@code MessageRelay}) and slash commands ({@code
 * SlashRelay}) from Javacord's listener threads to its event loop at once, and sends replies with
 * allowed mentions that can ping only the author. {@link dev.llmbot.discord.TriggerRules} and
 * {@link dev.llmbot.discord.ShardPlan} are the pure rules. No proxy or trust option is set in code:
 * Javacord uses the JVM defaults. Tested end to end against {@code testing.FakeDiscord}.
 */
package dev.llmbot.discord;
