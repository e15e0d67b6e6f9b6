package dev.llmbot.roast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmbot.config.ConfigException;
import dev.llmbot.config.ConfigLoader;
import dev.llmbot.config.RoastConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The roast section's bounds and chaos keys: defaults, overrides and validation messages. */
class RoastConfigKeysTest {
  private static RoastConfig load(Map<String, String> env) {
    return ConfigLoader.load((Path) null, env).roast();
  }

  @Test
  void defaultsMatchSpec() {
    RoastConfig c = load(Map.of());
    assertThat(c.chaosChance()).isEqualTo(0.05);
    assertThat(c.maxUsers()).isEqualTo(100_000);
    assertThat(c.userIdleHours()).isEqualTo(24);
    assertThat(c.maxServers()).isEqualTo(10_000);
    assertThat(c.serverIdleHours()).isEqualTo(24);
  }

  @Test
  void keysCanBeOverriddenFromTheEnvironment() {
    RoastConfig c = load(Map.of("BOT_ROAST_MAX_USERS", "5000", "BOT_ROAST_CHAOS_CHANCE", "0.1"));
    assertThat(c.maxUsers()).isEqualTo(5000);
    assertThat(c.chaosChance()).isEqualTo(0.1);
  }

  @Test
  void aServerIdleTimeBelowFifteenHoursIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> load(Map.of("BOT_ROAST_SERVER_IDLE_HOURS", "5")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("roast.serverIdleHours")
        .hasMessageContaining("15");
  }

  @Test
  void aChaosChanceAboveOneIsRefused() {
    assertThatThrownBy(() -> load(Map.of("BOT_ROAST_CHAOS_CHANCE", "1.5")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("roast.chaosChance");
  }
}
