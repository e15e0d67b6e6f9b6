package dev.llmbot.llm;

import dev.llmbot.bus.Persona;
import java.util.List;

/**
 * The deterministic, template-based responder used when no Gemini key is set (SPEC §8). The same
 * persona, name and words always give the same answer; each answer quotes the user's words so the
 * conversation still feels like one. Stateless and thread-safe.
 */
public final class OfflineResponder {
  private static final int QUOTE_WORDS = 8;

  private static final List<String> HELPFUL =
      List.of(
          "You asked about \"%s\", %s. I'm running offline (no Gemini key is set), so I can't look"
              + " that up, but break it into smaller steps and I'll keep you company while you do.",
          "Good question, %2$s: \"%1$s\". Offline mode means no model behind me right now; set"
              + " GEMINI_API_KEY and ask again for a real answer.",
          "Noted, %2$s: \"%1$s\". I'm the offline responder, so here's the honest answer: I don't"
              + " know yet. Try /help to see what I can do without a model.");

  private static final List<String> ROAST =
      List.of(
          "\"%s\"? Bold of you to ask that, %s, to a bot running offline with no brain attached.",
          "%2$s, I read \"%1$s\" twice and it didn't get better. Even offline I can tell.",
          "Ah yes, \"%s\". Truly the question of the century, %s. My offline templates are"
              + " impressed, and they're not easily impressed.");

  /** The offline answer for {@code userText} by {@code userName} in {@code persona}. */
  public String respond(Persona persona, String userName, String userText) {
    List<String> templates = persona == Persona.ROAST ? ROAST : HELPFUL;
    String quote = quote(userText);
    int pick = Math.floorMod(userText.hashCode() * 31 + userName.hashCode(), templates.size());
    return String.format(java.util.Locale.ROOT, templates.get(pick), quote, userName);
  }

  /** The first few words of the message, single-line, for quoting back. */
  static String quote(String text) {
    String[] words = text.strip().split("\\s+");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(QUOTE_WORDS, words.length); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(words[i]);
    }
    if (words.length > QUOTE_WORDS) {
      sb.append("…");
    }
    String q = sb.toString().replace('"', '\'');
    return q.isEmpty() ? "that" : q;
  }
}
