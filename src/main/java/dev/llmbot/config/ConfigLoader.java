package dev.llmbot.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Loads the configuration: built-in defaults (the jar's copy of conf/config.json), then the config
 * file ({@code BOT_CONFIG}, else conf/config.json if present), then environment overrides. Every
 * key of the defaults can be overridden by {@code BOT_<SECTION>_<KEY>} in upper snake case, plus
 * the documented aliases ({@code GEMINI_MODEL}, {@code OPS_PORT}, …). Unknown keys in the file are
 * refused, so a typo never silently falls back to a default.
 *
 * <p>Runs once on the main thread before Vert.x starts; it does blocking file reads.
 */
public final class ConfigLoader {
  /** Classpath resource holding every key with its default. */
  public static final String DEFAULTS_RESOURCE = "/dev/llmbot/config/config.json";

  /** Environment variables that name a key directly (DESIGN.md §Config). */
  static final Map<String, String> ALIASES =
      Map.of(
          "GEMINI_MODEL", "gemini.model",
          "GEMINI_BASE_URL", "gemini.baseUrl",
          "BOT_DATA_DIR", "state.dataDir",
          "OPS_HOST", "ops.host",
          "OPS_PORT", "ops.port",
          "BOT_LOG_FORMAT", "log.format");

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .build();

  private ConfigLoader() {}

  /** Loads from the process environment and working directory. */
  public static BotConfig load(Map<String, String> env) {
    String explicit = env.get("BOT_CONFIG");
    Path file;
    if (explicit != null && !explicit.isBlank()) {
      file = Path.of(explicit);
      if (!Files.isRegularFile(file)) {
        throw ConfigException.invalid("BOT_CONFIG", explicit, "a path to a readable JSON file");
      }
    } else {
      Path conventional = Path.of("conf", "config.json");
      file = Files.isRegularFile(conventional) ? conventional : null;
    }
    return load(file, env);
  }

  /** Loads defaults, then {@code file} (may be null), then {@code env}. */
  public static BotConfig load(Path file, Map<String, String> env) {
    ObjectNode merged = defaults();
    if (file != null) {
      JsonNode user = readFile(file);
      if (!user.isObject()) {
        throw new ConfigException("Config file " + file + " must hold a JSON object");
      }
      merge(merged, (ObjectNode) user, "");
    }
    applyEnv(merged, env);
    return BotConfig.from(new ConfigNode("", merged), env);
  }

  /** A fresh copy of the built-in defaults. */
  public static ObjectNode defaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DEFAULTS_RESOURCE);
      }
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable built-in defaults", e);
    }
  }

  private static JsonNode readFile(Path file) {
    try {
      return JSON.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      String where =
          loc == null ? "" : " at line " + loc.getLineNr() + " column " + loc.getColumnNr();
      throw new ConfigException(
          "Config file " + file + " is not valid JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException("Config file " + file + " cannot be read: " + e.getMessage());
    }
  }

  /** Merges {@code user} into {@code base}, refusing keys the defaults do not define. */
  static void merge(ObjectNode base, ObjectNode user, String path) {
    Iterator<Map.Entry<String, JsonNode>> fields = user.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      String key = e.getKey();
      String full = path.isEmpty() ? key : path + "." + key;
      if (key.startsWith("_") || key.endsWith("_doc")) {
        continue;
      }
      JsonNode existing = base.get(key);
      if (existing == null) {
        throw new ConfigException(
            "Unknown config key " + full + " (see the README's configuration table)");
      }
      if (existing.isObject() && e.getValue().isObject() && !existing.isEmpty()) {
        merge((ObjectNode) existing, (ObjectNode) e.getValue(), full);
      } else {
        base.set(key, e.getValue());
      }
    }
  }

  /**
   * The environment variable that overrides a dotted key: ratelimit.globalRpm →
   * BOT_RATELIMIT_GLOBAL_RPM.
   */
  public static String envName(String dottedKey) {
    StringBuilder sb = new StringBuilder("BOT_");
    for (int i = 0; i < dottedKey.length(); i++) {
      char c = dottedKey.charAt(i);
      if (c == '.') {
        sb.append('_');
      } else if (Character.isUpperCase(c)) {
        sb.append('_').append(c);
      } else {
        sb.append(Character.toUpperCase(c));
      }
    }
    return sb.toString();
  }

  private static void applyEnv(ObjectNode root, Map<String, String> env) {
    overrideLeaves(root, "", env);
    for (Map.Entry<String, String> alias : ALIASES.entrySet()) {
      String value = env.get(alias.getKey());
      if (value != null) {
        String[] parts = alias.getValue().split("\\.");
        ObjectNode section = (ObjectNode) root.get(parts[0]);
        section.set(parts[1], convert(alias.getKey(), section.get(parts[1]), value));
      }
    }
  }

  private static void overrideLeaves(ObjectNode node, String path, Map<String, String> env) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      String full = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      JsonNode value = e.getValue();
      if (value.isObject() && !value.isEmpty()) {
        overrideLeaves((ObjectNode) value, full, env);
        continue;
      }
      String envValue = env.get(envName(full));
      if (envValue != null) {
        node.set(e.getKey(), convert(envName(full), value, envValue));
      }
    }
  }

  /** Converts an environment string to the JSON type of the default it overrides. */
  static JsonNode convert(String envName, JsonNode like, String text) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    String t = text.trim();
    try {
      if (like.isBoolean()) {
        if (!t.equalsIgnoreCase("true") && !t.equalsIgnoreCase("false")) {
          throw ConfigException.invalid(envName, text, "true or false");
        }
        return f.booleanNode(Boolean.parseBoolean(t));
      }
      if (like.isIntegralNumber()) {
        return f.numberNode(Long.parseLong(t));
      }
      if (like.isNumber()) {
        return f.numberNode(Double.parseDouble(t));
      }
      if (like.isArray()) {
        ArrayNode array = f.arrayNode();
        for (String part : t.split(",")) {
          if (!part.isBlank()) {
            String p = part.trim();
            array.add(p.matches("-?\\d{1,19}") ? f.numberNode(Long.parseLong(p)) : f.textNode(p));
          }
        }
        return array;
      }
      if (like.isObject()) {
        return JSON.readTree(t);
      }
    } catch (NumberFormatException | JsonProcessingException e) {
      throw ConfigException.invalid(
          envName, text, "a value of the same type as the default " + like);
    }
    return f.textNode(text);
  }
}
