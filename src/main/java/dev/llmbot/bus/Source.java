package dev.llmbot.bus;

/** Where an inbound message came from. */
public enum Source {
  DISCORD,
  CONSOLE
}
