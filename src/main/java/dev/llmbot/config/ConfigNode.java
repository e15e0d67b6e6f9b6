package dev.llmbot.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A read-only view of one config section with typed, validated getters. Every failure names the
 * full key path, the value and what is allowed. Keys are always present: the built-in defaults
 * define every key.
 */
public final class ConfigNode {
  private final String path;
  private final JsonNode node;

  ConfigNode(String path, JsonNode node) {
    this.path = path;
    this.node = node;
  }

  /** The full dotted key of {@code key} in this section. */
  public String key(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** A nested section. */
  public ConfigNode section(String name) {
    JsonNode child = get(name);
    if (!child.isObject()) {
      throw ConfigException.invalid(key(name), child, "an object");
    }
    return new ConfigNode(key(name), child);
  }

  private JsonNode get(String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw new ConfigException("Missing config key " + key(key));
    }
    return value;
  }

  public int integer(String key, int min, int max) {
    JsonNode v = get(key);
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
      throw ConfigException.invalid(key(key), v, "an integer in [" + min + ", " + max + "]");
    }
    return v.asInt();
  }

  public long longValue(String key, long min, long max) {
    JsonNode v = get(key);
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
      throw ConfigException.invalid(key(key), v, "an integer in [" + min + ", " + max + "]");
    }
    return v.asLong();
  }

  public double number(String key, double min, double max) {
    JsonNode v = get(key);
    if (!v.isNumber()
        || !Double.isFinite(v.asDouble())
        || v.asDouble() < min
        || v.asDouble() > max) {
      throw ConfigException.invalid(key(key), v, "a number in [" + min + ", " + max + "]");
    }
    return v.asDouble();
  }

  public boolean bool(String key) {
    JsonNode v = get(key);
    if (!v.isBoolean()) {
      throw ConfigException.invalid(key(key), v, "true or false");
    }
    return v.asBoolean();
  }

  /** A string, possibly empty. */
  public String text(String key) {
    JsonNode v = get(key);
    if (!v.isTextual()) {
      throw ConfigException.invalid(key(key), v, "a string");
    }
    return v.asText();
  }

  /** A string that is not blank. */
  public String nonBlank(String key) {
    String text = text(key);
    if (text.isBlank()) {
      throw ConfigException.invalid(key(key), "\"" + text + "\"", "a non-blank string");
    }
    return text;
  }

  /** One of {@code allowed}, compared case-insensitively; returns the allowed spelling. */
  public String oneOf(String key, String... allowed) {
    String text = text(key);
    for (String a : allowed) {
      if (a.equalsIgnoreCase(text)) {
        return a;
      }
    }
    throw ConfigException.invalid(key(key), text, "one of " + String.join(", ", allowed));
  }

  /** A time zone id such as {@code America/Los_Angeles} or {@code UTC}. */
  public ZoneId zone(String key) {
    String text = nonBlank(key);
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw ConfigException.invalid(key(key), text, "a time zone id such as UTC or Europe/Paris");
    }
  }

  /** A list of positive integers (Discord ids, shard ids), within {@code [min, max]}. */
  public List<Long> longList(String key, long min, long max) {
    JsonNode v = get(key);
    if (!v.isArray()) {
      throw ConfigException.invalid(key(key), v, "an array of integers");
    }
    List<Long> out = new ArrayList<>();
    for (JsonNode e : v) {
      long value;
      if (e.isIntegralNumber() && e.canConvertToLong()) {
        value = e.asLong();
      } else if (e.isTextual() && e.asText().matches("-?\\d{1,19}")) {
        value = Long.parseLong(e.asText());
      } else {
        throw ConfigException.invalid(key(key), v, "an array of integers");
      }
      if (value < min || value > max) {
        throw ConfigException.invalid(key(key), v, "integers in [" + min + ", " + max + "]");
      }
      out.add(value);
    }
    return List.copyOf(out);
  }

  /** An object whose values are all strings. */
  public Map<String, String> stringMap(String key) {
    JsonNode v = get(key);
    if (!v.isObject()) {
      throw ConfigException.invalid(key(key), v, "an object of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    var fields = v.fields();
    while (fields.hasNext()) {
      var e = fields.next();
      if (!e.getValue().isTextual()) {
        throw ConfigException.invalid(key(key) + "." + e.getKey(), e.getValue(), "a string");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return Map.copyOf(out);
  }

  /** The raw JSON of a key, for structured values a section parses itself. */
  public JsonNode raw(String key) {
    return get(key);
  }

  /** The lower-case form of an enum-like value. */
  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
