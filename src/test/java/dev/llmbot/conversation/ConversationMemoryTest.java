package dev.llmbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.bus.Turn;
import dev.llmbot.config.ConversationConfig;
import org.junit.jupiter.api.Test;

class ConversationMemoryTest {
  private static final long MINUTE = 60_000;
  private final ConversationConfig config =
      new ConversationConfig("channel-user", 100, 50_000, 1_000, 30, 60);
  private long now = 1_700_000_000_000L;

  @Test
  void anIdleConversationExpiresLazilyOnAccess() {
    ConversationMemory m = new ConversationMemory(config);
    m.record("a", "hi", "hello", now);
    now += 29 * MINUTE;
    assertThat(m.history("a", now).turns()).hasSize(2);
    now += 30 * MINUTE; // 30 min after the last use, not yet over
    assertThat(m.history("a", now).turns()).hasSize(2);
    now += 30 * MINUTE + 1;
    assertThat(m.history("a", now).turns()).isEmpty();
    assertThat(m.stats().active()).isZero();
    assertThat(m.stats().chars()).isZero();
  }

  @Test
  void theSweepDropsOnlyExpiredConversations() {
    ConversationMemory m = new ConversationMemory(config);
    m.record("old", "1234", "5678", now);
    now += 20 * MINUTE;
    m.record("new", "ab", "cd", now);
    now += 11 * MINUTE;
    assertThat(m.sweep(now)).isEqualTo(1);
    assertThat(m.stats().active()).isEqualTo(1);
    assertThat(m.stats().chars()).isEqualTo(4);
    now += 20 * MINUTE;
    assertThat(m.sweep(now)).isEqualTo(1);
    assertThat(m.stats().active()).isZero();
  }

  @Test
  void usingAConversationKeepsItAlive() {
    ConversationMemory m = new ConversationMemory(config);
    m.record("a", "x", "y", now);
    m.record("b", "x", "y", now);
    now += 25 * MINUTE;
    m.history("a", now);
    now += 10 * MINUTE;
    assertThat(m.sweep(now)).isEqualTo(1);
    assertThat(m.history("a", now).turns()).extracting(Turn::text).containsExactly("x", "y");
  }

  @Test
  void snapshotAndRestoreKeepTurnsAndTotalsAndFilterByOwner() {
    ConversationMemory m = new ConversationMemory(config);
    m.record("mine", "q", "a", now);
    m.record("theirs", "q2", "a2", now);
    ConversationMemory r = new ConversationMemory(config);
    assertThat(r.restore(m.snapshot(), k -> k.equals("mine"), now + MINUTE)).isEqualTo(1);
    assertThat(r.history("mine", now + MINUTE).turns()).hasSize(2);
    assertThat(r.stats().chars()).isEqualTo(2);
    assertThat(r.history("theirs", now).turns()).isEmpty();
  }

  @Test
  void expiredConversationsAreNotRestored() {
    ConversationMemory m = new ConversationMemory(config);
    m.record("a", "q", "a", now);
    ConversationMemory r = new ConversationMemory(config);
    assertThat(r.restore(m.snapshot(), k -> true, now + 31 * MINUTE)).isZero();
  }

  @Test
  void clearForgetsOneConversation() {
    ConversationMemory m = new ConversationMemory(config);
    m.record("a", "q", "a", now);
    assertThat(m.clear("a")).isTrue();
    assertThat(m.clear("a")).isFalse();
    assertThat(m.stats().chars()).isZero();
  }
}
