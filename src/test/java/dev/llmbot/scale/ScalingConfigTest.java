package dev.llmbot.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmbot.app.AppHarness;
import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.ConversationStats;
import dev.llmbot.bus.StatusQuery;
import dev.llmbot.config.ConfigException;
import dev.llmbot.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Instance counts come from config; the rate limiter, owner of the global quota, stays single. */
class ScalingConfigTest {

  @Test
  void moreThanOneRateLimiterIsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> ConfigLoader.load((Path) null, Map.of("BOT_INSTANCES_RATELIMIT", "2")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid config instances.ratelimit = 2: allowed 1: the rate limiter owns the global"
                + " quota, which has exactly one owner");
  }

  @Test
  void theConfiguredNumberOfConversationPartitionsIsDeployed() throws Exception {
    try (AppHarness h =
        AppHarness.start(Map.of("BOT_INSTANCES_CONVERSATION", "3"), Clock.systemUTC())) {
      for (int p = 0; p < 3; p++) {
        ConversationStats stats =
            h.ask(Addresses.partition(Addresses.CONVERSATION_STATS, p), new StatusQuery(0));
        assertThat(stats.active()).isZero();
      }
      assertThatThrownBy(
              () -> h.ask(Addresses.partition(Addresses.CONVERSATION_STATS, 3), new StatusQuery(0)))
          .hasMessageContaining("No handlers");
    }
  }
}
