package dev.llmbot.discord;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.javacord.api.exception.DiscordException;

/** Turns Javacord failures into short log text: no message content, no token. Pure. */
final class DiscordFailures {
  private DiscordFailures() {}

  /** The root failure behind completion wrappers. */
  static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while ((cur instanceof CompletionException || cur instanceof ExecutionException)
        && cur.getCause() != null) {
      cur = cur.getCause();
    }
    return cur;
  }

  /** e.g. {@code "MissingPermissionsException (HTTP 403): Missing Permissions"}. */
  static String describe(Throwable t) {
    Throwable root = unwrap(t);
    StringBuilder sb = new StringBuilder(root.getClass().getSimpleName());
    if (root instanceof DiscordException d) {
      d.getResponse().ifPresent(r -> sb.append(" (HTTP ").append(r.getCode()).append(')'));
    }
    if (root.getMessage() != null) {
      sb.append(": ").append(root.getMessage());
    }
    return sb.toString();
  }
}
