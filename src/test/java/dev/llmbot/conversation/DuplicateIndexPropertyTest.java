package dev.llmbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.config.ContextConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The indexed duplicate check refuses exactly what a brute-force scan of the definition would. */
class DuplicateIndexPropertyTest {

  @Provide
  Arbitrary<List<String>> texts() {
    // A small vocabulary so that overlaps are common; long, short and "common" words mixed.
    Arbitrary<String> word =
        Arbitraries.of(
            "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "the", "a",
            "with", "that", "Kilo", "LIMA", "mike!", "nov", "oscar", "papa", "x", "7");
    return word.list()
        .ofMinSize(0)
        .ofMaxSize(9)
        .map(l -> String.join(" ", l) + ".")
        .list()
        .ofMaxSize(60);
  }

  @Property(tries = 300)
  void refusalMatchesTheDefinition(@ForAll("texts") List<String> texts) {
    ServerContext c =
        new ServerContext(
            new ContextConfig(10_000, 10_000, 10_000, 10_000_000, 4_000, 0.8, 24, 300, 20, 200));
    List<String> stored = new ArrayList<>();
    for (String t : texts) {
      boolean expectDuplicate = t.strip().isEmpty() ? false : isDuplicate(t, stored);
      OpResult r = c.add(ServerContext.Kind.GAG, 0, "", t, 0);
      if (t.strip().isEmpty()) {
        assertThat(r.changed()).isFalse();
        continue;
      }
      assertThat(!r.changed()).as("duplicate of %s: %s", stored, t).isEqualTo(expectDuplicate);
      if (r.changed()) {
        stored.add(t);
      }
    }
  }

  private static boolean isDuplicate(String text, List<String> stored) {
    String norm = normalize(text);
    Set<String> words = words(norm);
    for (String s : stored) {
      String other = normalize(s);
      if (other.equals(norm) && !(norm.isEmpty() && !s.strip().equals(text.strip()))) {
        return true;
      }
      Set<String> o = words(other);
      if (words.isEmpty() || o.isEmpty()) {
        continue;
      }
      Set<String> shared = new HashSet<>(words);
      shared.retainAll(o);
      if (shared.size() >= 0.8 * Math.max(words.size(), o.size()) - 1e-9) {
        return true;
      }
    }
    return false;
  }

  private static String normalize(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  private static Set<String> words(String norm) {
    Set<String> out = new HashSet<>(Arrays.asList(norm.split(" ")));
    out.remove("");
    return out;
  }
}
