package dev.llmbot.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.app.AppHarness;
import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.History;
import dev.llmbot.bus.HistoryRequest;
import dev.llmbot.bus.Outcome;
import dev.llmbot.bus.Partitioner;
import dev.llmbot.conversation.ConversationKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routing of keyed state is a pure function of the key's bytes and the partition count: the same
 * conversation, guild or user reaches the same instance on every run, JVM and restart.
 */
class RoutingStabilityTest {

  /**
   * Fixed values: if the hash ever changes, state persisted by one version would be looked up in
   * the wrong partition by the next, so a change must be deliberate and show up here.
   */
  @Test
  void partitionsAreFixedValuesOfTheKey() {
    assertThat(Partitioner.partition("cu:1:2:3", 4)).isEqualTo(1);
    assertThat(Partitioner.partition("cu:1:2:3", 7)).isEqualTo(4);
    assertThat(Partitioner.partition("cu:1:2:3", 256)).isEqualTo(125);
    assertThat(Partitioner.partition("u:123456789012345678", 4)).isZero();
    assertThat(Partitioner.partition("c:1000:2000", 4)).isEqualTo(2);
    assertThat(Partitioner.partition("c:1000:2000", 256)).isEqualTo(214);
    assertThat(Partitioner.partition("héllo", 7)).isEqualTo(3);
    assertThat(Partitioner.partition(123456789012345678L, 4)).isEqualTo(2);
    assertThat(Partitioner.partition("anything", 1)).isZero();
  }

  @Property(tries = 200)
  void aKeyAlwaysMapsToTheSamePartitionInRange(
      @ForAll String key, @ForAll @IntRange(min = 1, max = 256) int partitions) {
    int p = Partitioner.partition(key, partitions);
    assertThat(p).isBetween(0, partitions - 1);
    assertThat(Partitioner.partition(new String(key.toCharArray()), partitions)).isEqualTo(p);
  }

  @Test
  void realKeysSpreadEvenlyOverFourPartitions() {
    int[] counts = new int[4];
    for (int u = 0; u < 20_000; u++) {
      String key = ConversationKeys.of("channel-user", 1_000 + u % 7, 2_000 + u % 11, 9_000L + u);
      counts[Partitioner.partition(key, 4)]++;
    }
    for (int c : counts) {
      assertThat(c).isBetween(4_500, 5_500);
    }
  }

  /**
   * Boots the bot, lets 200 conversations land, notes which partition holds each; restarts it and
   * does the same again: every conversation lands in the same partition as before, the one the
   * partitioner names, and in no other.
   */
  @Test
  void routingIsStableAcrossARestart(@TempDir Path data) throws Exception {
    // One data directory for both runs: where state is persisted, the restart reloads it too.
    Map<String, String> env =
        Map.of(
            "BOT_INSTANCES_CONVERSATION",
            "4",
            "BOT_INSTANCES_CHAT",
            "3",
            "BOT_DATA_DIR",
            data.toString());
    Map<String, Integer> first = placeConversations(env);
    Map<String, Integer> second = placeConversations(env);
    assertThat(second).isEqualTo(first);
    first.forEach((key, p) -> assertThat(p).isEqualTo(Partitioner.partition(key, 4)));
    assertThat(new java.util.HashSet<>(first.values())).containsExactlyInAnyOrder(0, 1, 2, 3);
  }

  private static Map<String, Integer> placeConversations(Map<String, String> env) throws Exception {
    Map<String, Integer> holder = new HashMap<>();
    try (AppHarness h = AppHarness.start(env, ScaleTest.FROZEN)) {
      List<String> keys = new ArrayList<>();
      for (int u = 0; u < 200; u++) {
        long guild = 10 + u % 3;
        long channel = 20 + u % 5;
        long user = 5_000 + u;
        assertThat(h.chat(AppHarness.message("r" + u, guild, channel, user, "hi")).outcome())
            .isEqualTo(Outcome.ANSWERED);
        keys.add(ConversationKeys.of("channel-user", guild, channel, user));
      }
      for (String key : keys) {
        for (int p = 0; p < 4; p++) {
          History history =
              h.ask(
                  Addresses.partition(Addresses.CONVERSATION_HISTORY, p), new HistoryRequest(key));
          if (!history.turns().isEmpty()) {
            assertThat(holder.put(key, p)).as("%s held by one partition only", key).isNull();
          }
        }
      }
      assertThat(holder).hasSize(keys.size());
    }
    return holder;
  }
}
