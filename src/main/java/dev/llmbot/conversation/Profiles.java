package dev.llmbot.conversation;

import dev.llmbot.config.ContextConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Personality profiles (SPEC §6.3): per user, a short list of descriptions (at most {@code
 * context.maxDescriptions}, each 1 to {@code context.maxDescriptionChars} chars, no exact
 * duplicates after trimming), shown to the model as a short list.
 *
 * <p>Threads: not thread-safe; owned by one context verticle's event loop.
 */
public final class Profiles {
  private final ContextConfig config;
  private final Map<Long, List<String>> profiles = new HashMap<>();

  public Profiles(ContextConfig config) {
    this.config = config;
  }

  /** Adds a description to {@code userId}'s profile; {@code whose} names it in the answer. */
  public OpResult add(long userId, String whose, String description) {
    String d = description == null ? "" : description.strip();
    if (d.isEmpty() || d.length() > config.maxDescriptionChars()) {
      return OpResult.refused(
          "A description must be 1 to "
              + config.maxDescriptionChars()
              + " characters long (this one has "
              + d.length()
              + ").");
    }
    List<String> p = profiles.computeIfAbsent(userId, u -> new ArrayList<>(4));
    if (p.contains(d)) {
      return OpResult.refused(capitalize(whose) + " profile already has that description.");
    }
    if (p.size() >= config.maxDescriptions()) {
      return OpResult.refused(
          capitalize(whose)
              + " profile is full ("
              + config.maxDescriptions()
              + " descriptions); remove one first.");
    }
    p.add(d);
    return OpResult.done(
        "Added to " + whose + " profile (" + p.size() + "/" + config.maxDescriptions() + ").");
  }

  /** Removes one description, matched exactly after trimming. */
  public OpResult remove(long userId, String whose, String description) {
    String d = description == null ? "" : description.strip();
    List<String> p = profiles.get(userId);
    if (p == null || !p.remove(d)) {
      return OpResult.refused(
          capitalize(whose)
              + " profile has no description \""
              + d
              + "\". Use /getpersonality to see the exact texts.");
    }
    if (p.isEmpty()) {
      profiles.remove(userId);
    }
    return OpResult.done("Removed it from " + whose + " profile.");
  }

  /** Wipes a profile. */
  public OpResult clear(long userId, String whose) {
    List<String> p = profiles.remove(userId);
    if (p == null) {
      return OpResult.refused(capitalize(whose) + " profile is already empty.");
    }
    return OpResult.done("Cleared " + whose + " profile (" + p.size() + " descriptions removed).");
  }

  /** The descriptions of a profile, oldest first. */
  public List<String> descriptions(long userId) {
    List<String> p = profiles.get(userId);
    return p == null ? List.of() : List.copyOf(p);
  }

  /** /getpersonality: the profile as a numbered list, or a note that it is empty. */
  public String show(long userId, String whose) {
    List<String> p = profiles.get(userId);
    if (p == null) {
      return capitalize(whose) + " profile is empty.";
    }
    StringBuilder sb = new StringBuilder(capitalize(whose)).append(" profile:");
    for (int i = 0; i < p.size(); i++) {
      sb.append('\n').append(i + 1).append(". ").append(p.get(i));
    }
    return sb.toString();
  }

  /**
   * The profile block for the prompt: a short list, one description per line, or empty. The caller
   * adds its own heading.
   */
  public String promptBlock(long userId) {
    List<String> p = profiles.get(userId);
    if (p == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (String d : p) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append("- ").append(d);
    }
    return sb.toString();
  }

  /** Users with a profile. */
  public int size() {
    return profiles.size();
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** An immutable copy for persistence. */
  public Map<Long, List<String>> snapshot() {
    Map<Long, List<String>> out = new LinkedHashMap<>();
    profiles.forEach((u, p) -> out.put(u, List.copyOf(p)));
    return out;
  }

  /** Adds saved profiles that {@code owns} accepts and that are not yet held. */
  public int restore(Map<Long, List<String>> saved, LongPredicate owns) {
    int n = 0;
    for (Map.Entry<Long, List<String>> e : saved.entrySet()) {
      if (e.getKey() == null
          || e.getValue() == null
          || !owns.test(e.getKey())
          || profiles.containsKey(e.getKey())) {
        continue;
      }
      List<String> p = new ArrayList<>();
      for (String d : e.getValue()) {
        if (d != null && !d.isBlank() && !p.contains(d) && p.size() < config.maxDescriptions()) {
          p.add(d);
        }
      }
      if (!p.isEmpty()) {
        profiles.put(e.getKey(), p);
        n++;
      }
    }
    return n;
  }
}
