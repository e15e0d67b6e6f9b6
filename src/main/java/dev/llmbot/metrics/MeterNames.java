package dev.llmbot.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps component meter names onto the operator-facing names of docs/operations.md, which the
 * Grafana dashboard queries. Components name their meters after themselves (the LLM client's {@code
 * llm.api.calls}); operators get one {@code bot_} namespace with the agreed tags:
 *
 * <ul>
 *   <li>{@code llm.api.calls} → {@code bot_llm_requests_total{outcome}};
 *   <li>{@code llm.api.latency} → {@code bot_llm_latency_seconds};
 *   <li>{@code llm.api.retries} → {@code bot_llm_retries_total};
 *   <li>{@code llm.circuit.open} → {@code bot_llm_circuit_open};
 *   <li>{@code llm.tokens{type}} → {@code bot_llm_tokens_total{kind}}, {@code output} named {@code
 *       completion};
 *   <li>the response cache's Caffeine meters, {@code cache="llm.response"} → {@code
 *       cache="responses"}.
 * </ul>
 *
 * A meter already registered under the agreed name passes unchanged. Installed once on the registry
 * in BotApp before any meter exists. Stateless and thread-safe.
 */
public final class MeterNames implements MeterFilter {
  static final Map<String, String> RENAMES =
      Map.of(
          "llm.api.calls", "bot.llm.requests",
          "llm.api.latency", "bot.llm.latency",
          "llm.api.retries", "bot.llm.retries",
          "llm.circuit.open", "bot.llm.circuit.open");

  static final String RESPONSE_CACHE = "responses";

  @Override
  public Meter.Id map(Meter.Id id) {
    String renamed = RENAMES.get(id.getName());
    if (renamed != null) {
      return id.withName(renamed);
    }
    if (id.getName().equals("llm.tokens")) {
      return id.withName("bot.llm.tokens").replaceTags(tokenTags(id.getTags()));
    }
    if (id.getName().startsWith("cache.") && "llm.response".equals(id.getTag("cache"))) {
      return id.replaceTags(Tags.of(id.getTags()).and("cache", RESPONSE_CACHE));
    }
    return id;
  }

  private static Tags tokenTags(List<Tag> tags) {
    List<Tag> out = new ArrayList<>(tags.size());
    for (Tag t : tags) {
      if (t.getKey().equals("type")) {
        out.add(Tag.of("kind", t.getValue().equals("output") ? "completion" : t.getValue()));
      } else {
        out.add(t);
      }
    }
    return Tags.of(out);
  }
}
