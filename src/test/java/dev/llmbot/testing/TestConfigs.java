package dev.llmbot.testing;

import dev.llmbot.config.BotConfig;
import dev.llmbot.config.ConfigLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Builds validated configs for tests: the defaults, an ephemeral ops port, and env overrides. */
public final class TestConfigs {
  private TestConfigs() {}

  /** Defaults with OPS_PORT=0, a data dir under {@code dataDir}, plus {@code env} overrides. */
  public static BotConfig with(Path dataDir, Map<String, String> env) {
    Map<String, String> all = new HashMap<>();
    all.put("OPS_PORT", "0");
    all.put("BOT_DATA_DIR", dataDir.toString());
    all.putAll(env);
    return ConfigLoader.load((Path) null, all);
  }

  public static BotConfig defaults(Path dataDir) {
    return with(dataDir, Map.of());
  }
}
