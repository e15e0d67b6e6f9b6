package dev.llmbot.conversation;

/**
 * The outcome of a context or profile operation, as the user should read it.
 *
 * @param changed whether anything was stored or removed
 * @param message a one-line answer for the user
 */
public record OpResult(boolean changed, String message) {
  static OpResult done(String message) {
    return new OpResult(true, message);
  }

  static OpResult refused(String message) {
    return new OpResult(false, message);
  }
}
