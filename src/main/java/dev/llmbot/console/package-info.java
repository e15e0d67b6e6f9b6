/**
 * Console mode (no Discord token): a reader thread turns stdin lines into chat messages or commands
 * on the bus and prints each reply to stdout. The only code allowed to write to stdout.
 */
package dev.llmbot.console;
