/** Splitting replies into Discord-sized messages without losing text (SPEC §9). Pure. */
package dev.llmbot.split;
