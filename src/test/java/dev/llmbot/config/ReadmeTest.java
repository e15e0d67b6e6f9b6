package dev.llmbot.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README documents every config key and every environment alias, and opens with the two
 * commands.
 */
class ReadmeTest {
  private static String readme() throws IOException {
    return Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
  }

  @Test
  void everyConfigKeyHasARowInTheReadmeTable() throws IOException {
    String readme = readme();
    List<String> missing = new ArrayList<>();
    JsonNode defaults = ConfigLoader.defaults();
    defaults
        .fields()
        .forEachRemaining(
            section -> {
              if (section.getValue().isObject()) {
                section
                    .getValue()
                    .fieldNames()
                    .forEachRemaining(
                        key -> {
                          String dotted = section.getKey() + "." + key;
                          if (!readme.contains("| `" + dotted + "` |")) {
                            missing.add(dotted);
                          }
                        });
              }
            });
    assertThat(missing).as("config keys without a README row").isEmpty();
  }

  @Test
  void everyEnvironmentAliasIsDocumented() throws IOException {
    String readme = readme();
    for (String env : ConfigLoader.ALIASES.keySet()) {
      assertThat(readme).contains("`" + env + "`");
    }
    assertThat(readme)
        .contains("`DISCORD_TOKEN`")
        .contains("`GEMINI_API_KEY`")
        .contains("`BOT_CONFIG`");
  }

  @Test
  void theFirstTwoCommandsBuildAndRunThenTestAndCiRunsTheTestCommand() throws IOException {
    String readme = readme();
    int run = readme.indexOf("mvn -B -DskipTests package && java -jar target/discord-llm-bot.jar");
    int test = readme.indexOf("mvn -B verify");
    assertThat(run).isPositive();
    assertThat(test).isGreaterThan(run);
    assertThat(readme.substring(0, run)).doesNotContain("```sh\nmvn");
    String ci = Files.readString(Path.of(".ci", "run"), StandardCharsets.UTF_8);
    assertThat(ci).contains("mvn -B verify");
  }
}
