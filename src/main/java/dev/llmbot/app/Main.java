package dev.llmbot.app;

/** Entry point; wired up by the foundation commit that follows. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {}
}
