package dev.llmbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void defaultsMatchTheSpec() {
    BotConfig c = ConfigLoader.load((Path) null, Map.of());
    assertThat(c.ratelimit().globalRpm()).isEqualTo(10);
    assertThat(c.ratelimit().globalRpd()).isEqualTo(500);
    assertThat(c.ratelimit().effectiveRpm()).isEqualTo(9);
    assertThat(c.ratelimit().effectiveRpd()).isEqualTo(450);
    assertThat(c.ratelimit().dayZone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
    assertThat(c.gemini().model()).isEqualTo("gemini-2.5-flash");
    assertThat(c.split().maxChars()).isEqualTo(2000);
    assertThat(c.conversation().scope()).isEqualTo("channel-user");
    assertThat(c.ops().host()).isEqualTo("127.0.0.1");
    assertThat(c.ops().port()).isEqualTo(9102);
    assertThat(c.discord().enabled()).isFalse();
    assertThat(c.gemini().mode()).isEqualTo("offline");
  }

  @Test
  void envOverridesAKeyByItsUpperSnakeName() {
    BotConfig c = ConfigLoader.load((Path) null, Map.of("BOT_RATELIMIT_GLOBAL_RPM", "30"));
    assertThat(c.ratelimit().globalRpm()).isEqualTo(30);
    assertThat(ConfigLoader.envName("ratelimit.globalRpm")).isEqualTo("BOT_RATELIMIT_GLOBAL_RPM");
  }

  @Test
  void aliasesOverrideTheirKeys() {
    BotConfig c =
        ConfigLoader.load(
            (Path) null,
            Map.of(
                "OPS_PORT", "0",
                "OPS_HOST", "0.0.0.0",
                "GEMINI_MODEL", "gemini-2.5-pro",
                "GEMINI_BASE_URL", "http://127.0.0.1:8080/",
                "BOT_DATA_DIR", "/tmp/x",
                "BOT_LOG_FORMAT", "json"));
    assertThat(c.ops().port()).isZero();
    assertThat(c.ops().host()).isEqualTo("0.0.0.0");
    assertThat(c.gemini().model()).isEqualTo("gemini-2.5-pro");
    assertThat(c.gemini().baseUrl()).isEqualTo("http://127.0.0.1:8080");
    assertThat(c.state().dataDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(c.log().json()).isTrue();
  }

  @Test
  void aNegativeRpmFromEnvNamesTheKeyTheValueAndWhatIsAllowed() {
    assertThatThrownBy(
            () -> ConfigLoader.load((Path) null, Map.of("BOT_RATELIMIT_GLOBAL_RPM", "-1")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid config ratelimit.globalRpm = -1: allowed an integer in [1, 1000000]");
  }

  @Test
  void eventLoopsDefaultToOnePerProcessorAndCanBeSetOrAreRefusedWhenNegative() {
    BotConfig defaults = ConfigLoader.load((Path) null, Map.of());
    assertThat(defaults.instances().eventLoops()).isZero();
    assertThat(defaults.instances().eventLoopCount())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    BotConfig one = ConfigLoader.load((Path) null, Map.of("BOT_INSTANCES_EVENT_LOOPS", "1"));
    assertThat(one.instances().eventLoopCount()).isEqualTo(1);
    assertThatThrownBy(
            () -> ConfigLoader.load((Path) null, Map.of("BOT_INSTANCES_EVENT_LOOPS", "-2")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid config instances.eventLoops = -2: allowed an integer in [0, 256]");
  }

  @Test
  void aNonNumericEnvValueNamesTheVariable() {
    assertThatThrownBy(
            () -> ConfigLoader.load((Path) null, Map.of("BOT_RATELIMIT_GLOBAL_RPM", "ten")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("BOT_RATELIMIT_GLOBAL_RPM")
        .hasMessageContaining("ten");
  }

  @Test
  void malformedJsonFileGivesTheFileAndPosition() throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(
        file, "{ \"ratelimit\": { \"globalRpm\": 5, }\n  oops }", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not valid JSON at line 2");
  }

  @Test
  void unknownKeysAreRefusedSoTyposAreNotSilentlyIgnored() throws IOException {
    Path file = dir.resolve("typo.json");
    Files.writeString(file, "{ \"ratelimit\": { \"globalRPM\": 5 } }", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Unknown config key ratelimit.globalRPM");
  }

  @Test
  void aPartialFileKeepsTheOtherDefaultsAndEnvWinsOverTheFile() throws IOException {
    Path file = dir.resolve("partial.json");
    Files.writeString(
        file,
        "// comments are allowed\n{ \"ratelimit\": { \"globalRpm\": 20 }, \"split\": { \"maxChunks\": 4 } }",
        StandardCharsets.UTF_8);
    BotConfig c = ConfigLoader.load(file, Map.of("BOT_SPLIT_MAX_CHUNKS", "6"));
    assertThat(c.ratelimit().globalRpm()).isEqualTo(20);
    assertThat(c.ratelimit().globalRpd()).isEqualTo(500);
    assertThat(c.split().maxChunks()).isEqualTo(6);
  }

  @Test
  void wrongTypesAndBadZonesAndScopesAreRefused() {
    assertThatThrownBy(
            () -> ConfigLoader.load((Path) null, Map.of("BOT_RATELIMIT_DAY_ZONE", "Mars/Base")))
        .hasMessageContaining("ratelimit.dayZone = Mars/Base");
    assertThatThrownBy(
            () -> ConfigLoader.load((Path) null, Map.of("BOT_CONVERSATION_SCOPE", "guild")))
        .hasMessageContaining("one of channel-user, user, channel");
    assertThatThrownBy(() -> ConfigLoader.load((Path) null, Map.of("BOT_CACHE_ENABLED", "yes")))
        .hasMessageContaining("BOT_CACHE_ENABLED");
    assertThatThrownBy(() -> ConfigLoader.load((Path) null, Map.of("OPS_PORT", "70000")))
        .hasMessageContaining("ops.port = 70000");
  }

  @Test
  void aMissingExplicitConfigFileIsAClearError() {
    assertThatThrownBy(
            () -> ConfigLoader.load(Map.of("BOT_CONFIG", dir.resolve("nope.json").toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("BOT_CONFIG");
  }

  @Test
  void secretsComeFromTheEnvironmentAndNeverShowInToString() {
    BotConfig c =
        ConfigLoader.load(
            (Path) null,
            Map.of("GEMINI_API_KEY", "AIza-secret-123", "DISCORD_TOKEN", "tok.en.secret"));
    assertThat(c.gemini().apiKey().reveal()).contains("AIza-secret-123");
    assertThat(c.discord().enabled()).isTrue();
    assertThat(c.toString()).doesNotContain("AIza-secret-123").doesNotContain("tok.en.secret");
    assertThat(c.gemini().mode()).isEqualTo("gemini");
  }

  @Test
  void everyDefaultKeyIsOverridableFromTheEnvironment() {
    var defaults = ConfigLoader.defaults();
    defaults
        .fields()
        .forEachRemaining(
            section -> {
              if (section.getValue().isObject()) {
                section
                    .getValue()
                    .fieldNames()
                    .forEachRemaining(
                        key ->
                            assertThat(ConfigLoader.envName(section.getKey() + "." + key))
                                .matches("BOT_[A-Z0-9_]+"));
              }
            });
  }
}
