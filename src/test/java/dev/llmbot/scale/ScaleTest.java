package dev.llmbot.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.app.AppHarness;
import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.ConversationStats;
import dev.llmbot.bus.History;
import dev.llmbot.bus.HistoryRequest;
import dev.llmbot.bus.InboundMessage;
import dev.llmbot.bus.Outcome;
import dev.llmbot.bus.Partitioner;
import dev.llmbot.bus.QuotaStatus;
import dev.llmbot.bus.Reply;
import dev.llmbot.bus.StatusQuery;
import dev.llmbot.bus.Turn;
import dev.llmbot.conversation.ConversationKeys;
import dev.llmbot.metrics.BotMeters;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Scale by configuration: four instances of chat, command, conversation and roast, 10,000
 * concurrent messages from 500 users through the real pipeline (offline responder), and not one
 * update lost: every conversation holds exactly its user's exchanges, every user's bucket is
 * charged exactly once per message, every global slot charged is given back (the offline responder
 * makes no API call), and the meters count every reply. The clock is frozen, so buckets do not
 * refill and nothing expires.
 */
class ScaleTest {
  static final int USERS = 500;
  static final int PER_USER = 20;
  static final int BURST = 1000;
  static final Map<String, String> FOUR_OF_EACH =
      Map.ofEntries(
          Map.entry("BOT_INSTANCES_CHAT", "4"),
          Map.entry("BOT_INSTANCES_COMMAND", "4"),
          Map.entry("BOT_INSTANCES_CONVERSATION", "4"),
          Map.entry("BOT_INSTANCES_ROAST", "4"),
          Map.entry("BOT_RATELIMIT_GLOBAL_RPM", "1000000"),
          Map.entry("BOT_RATELIMIT_GLOBAL_RPD", "100000000"),
          Map.entry("BOT_RATELIMIT_SAFETY_FACTOR", "1.0"),
          Map.entry("BOT_RATELIMIT_USER_BURST", String.valueOf(BURST)),
          Map.entry("BOT_CONVERSATION_MAX_TURNS", "1000"),
          Map.entry("BOT_CONVERSATION_MAX_CHARS", "10000000"),
          Map.entry("BOT_CHAT_STAGE_TIMEOUT_MILLIS", "120000"));

  static final Clock FROZEN = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

  static long guildOf(int user) {
    return 1_000 + user % 7;
  }

  static long channelOf(int user) {
    return 2_000 + user % 11;
  }

  static long userId(int user) {
    return 900_000_000_000_000_000L + user;
  }

  static String text(int user, int n) {
    return "user " + user + " message " + n;
  }

  @Test
  void tenThousandConcurrentMessagesFromFiveHundredUsersLoseNoUpdate() throws Exception {
    try (AppHarness h = AppHarness.start(FOUR_OF_EACH, FROZEN)) {
      EventBus bus = h.app().vertx().eventBus();
      DeliveryOptions slow = new DeliveryOptions().setSendTimeout(180_000);
      List<Future<Reply>> replies = new ArrayList<>(USERS * PER_USER);
      // Interleave users, so every partition sees concurrent traffic from many keys at once.
      for (int n = 0; n < PER_USER; n++) {
        for (int u = 0; u < USERS; u++) {
          InboundMessage m =
              AppHarness.message(
                  "m-" + u + "-" + n, guildOf(u), channelOf(u), userId(u), text(u, n));
          replies.add(bus.<Reply>request(Addresses.CHAT_REQUEST, m, slow).map(Message::body));
        }
      }
      AppHarness.await(Future.all(replies));

      Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
      replies.forEach(r -> outcomes.merge(r.result().outcome(), 1, Integer::sum));
      assertThat(outcomes).containsExactly(Map.entry(Outcome.ANSWERED, USERS * PER_USER));

      // Every conversation holds exactly its own 20 exchanges, in its owning partition.
      int partitions = h.app().services().config().instances().conversation();
      for (int u = 0; u < USERS; u++) {
        String key = ConversationKeys.of("channel-user", guildOf(u), channelOf(u), userId(u));
        History history =
            h.ask(
                Addresses.partition(
                    Addresses.CONVERSATION_HISTORY, Partitioner.partition(key, partitions)),
                new HistoryRequest(key));
        assertThat(history.turns()).hasSize(2 * PER_USER);
        Set<String> said = new HashSet<>();
        for (Turn t : history.turns()) {
          if (t.role() == Turn.Role.USER) {
            said.add(t.text());
          }
        }
        Set<String> expected = new HashSet<>();
        for (int n = 0; n < PER_USER; n++) {
          expected.add(text(u, n));
        }
        assertThat(said).as("user %d", u).isEqualTo(expected);
      }
      long active = 0;
      for (int p = 0; p < partitions; p++) {
        ConversationStats stats =
            h.ask(Addresses.partition(Addresses.CONVERSATION_STATS, p), new StatusQuery(0));
        assertThat(stats.active()).as("partition %d holds some conversations", p).isPositive();
        active += stats.active();
      }
      assertThat(active).isEqualTo(USERS);

      // Each user's bucket was charged exactly once per message; each global slot charged was
      // released again (no API call), so the windows are whole.
      for (int u = 0; u < USERS; u++) {
        QuotaStatus q = h.ask(Addresses.RATELIMIT_STATUS, new StatusQuery(userId(u)));
        assertThat(q.userTokens()).as("user %d tokens", u).isEqualTo(BURST - PER_USER);
        assertThat(q.minuteRemaining()).isEqualTo(q.minuteLimit());
        assertThat(q.dayRemaining()).isEqualTo(q.dayLimit());
      }

      // The meters saw every reply and every roast decision.
      var registry = h.app().registry();
      double responses =
          registry.find(BotMeters.RESPONSE).timers().stream().mapToDouble(t -> t.count()).sum();
      assertThat(responses).isEqualTo(USERS * PER_USER);
      double decisions =
          registry.find("bot.roast.decisions").counters().stream()
              .mapToDouble(c -> c.count())
              .sum();
      assertThat(decisions).isEqualTo(USERS * PER_USER);

      // Each guild's roast state lives in exactly one of the four roast instances: summed over
      // the partitions there are 7 guild states and 500 user states, not copies per instance.
      double servers =
          registry.find("bot.roast.states").tag("kind", "server").gauges().stream()
              .mapToDouble(g -> g.value())
              .sum();
      double users =
          registry.find("bot.roast.states").tag("kind", "user").gauges().stream()
              .mapToDouble(g -> g.value())
              .sum();
      assertThat(registry.find("bot.roast.states").tag("kind", "server").gauges()).hasSize(4);
      assertThat(servers).isEqualTo(7);
      assertThat(users).isEqualTo(USERS);
    }
  }
}
