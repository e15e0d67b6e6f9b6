/**
 * Slash commands (SPEC §2): the {@link dev.llmbot.command.CommandCatalog} of specs and handlers,
 * run by {@link dev.llmbot.command.CommandVerticle} instances deployed as worker verticles on
 * {@code command.run}. Handlers are stateless and talk to state owners over the bus.
 */
package dev.llmbot.command;
