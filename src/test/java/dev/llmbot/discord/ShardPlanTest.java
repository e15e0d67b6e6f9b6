package dev.llmbot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShardPlanTest {
  @Test
  void noConfiguredIdsMeansEveryShard() {
    assertThat(ShardPlan.shards(1, List.of())).containsExactly(0);
    assertThat(ShardPlan.shards(4, List.of())).containsExactly(0, 1, 2, 3);
  }

  @Test
  void configuredIdsAreSortedAndDeduplicated() {
    assertThat(ShardPlan.shards(8, List.of(5L, 2L, 5L))).containsExactly(2, 5);
  }

  @Test
  void anIdNotBelowTheResolvedTotalIsRefusedNamingTheKeys() {
    assertThatThrownBy(() -> ShardPlan.shards(2, List.of(3L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("discord.shardIds")
        .hasMessageContaining("discord.totalShards");
  }
}
