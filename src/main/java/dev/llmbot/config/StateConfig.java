package dev.llmbot.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Persisted state.
 *
 * @param dataDir the state directory
 * @param flushIntervalSeconds the least time between two writes of one state file
 */
public record StateConfig(Path dataDir, int flushIntervalSeconds) {
  static StateConfig from(ConfigNode n) {
    String dir = n.nonBlank("dataDir");
    Path path;
    try {
      path = Path.of(dir);
    } catch (InvalidPathException e) {
      throw ConfigException.invalid(n.key("dataDir"), dir, "a directory path");
    }
    return new StateConfig(path, n.integer("flushIntervalSeconds", 1, 86_400));
  }
}
