package dev.llmbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProfilesTest {
  private final Profiles p = new Profiles(ServerContextTest.config(60, 30, 50, 300_000));

  @Test
  void addShowRemoveAndClearAnswerClearly() {
    assertThat(p.add(1, "your", "likes tea").message()).isEqualTo("Added to your profile (1/20).");
    assertThat(p.add(1, "your", "  likes tea ").message())
        .isEqualTo("Your profile already has that description.");
    p.add(1, "your", "writes Rust");
    assertThat(p.show(1, "your")).isEqualTo("Your profile:\n1. likes tea\n2. writes Rust");
    assertThat(p.promptBlock(1)).isEqualTo("- likes tea\n- writes Rust");
    assertThat(p.remove(1, "your", "likes coffee").changed()).isFalse();
    assertThat(p.remove(1, "your", "likes tea").message())
        .isEqualTo("Removed it from your profile.");
    assertThat(p.clear(1, "Al's").message())
        .isEqualTo("Cleared Al's profile (1 descriptions removed).");
    assertThat(p.show(1, "your")).isEqualTo("Your profile is empty.");
    assertThat(p.promptBlock(1)).isEmpty();
  }

  @Test
  void lengthAndCountLimitsAreEnforced() {
    assertThat(p.add(1, "your", "   ").message()).contains("1 to 200 characters");
    assertThat(p.add(1, "your", "x".repeat(201)).message()).contains("this one has 201");
    assertThat(p.add(1, "your", "x".repeat(200)).changed()).isTrue();
    for (int i = 1; i < 20; i++) {
      assertThat(p.add(1, "your", "d" + i).changed()).isTrue();
    }
    assertThat(p.add(1, "your", "one more").message()).contains("is full (20 descriptions)");
    assertThat(p.descriptions(1)).hasSize(20);
  }

  @Test
  void snapshotRestoresOwnedProfiles() {
    p.add(1, "your", "a");
    p.add(2, "your", "b");
    Profiles r = new Profiles(ServerContextTest.config(60, 30, 50, 300_000));
    assertThat(r.restore(p.snapshot(), u -> u == 2)).isEqualTo(1);
    assertThat(r.descriptions(2)).containsExactly("b");
    assertThat(r.descriptions(1)).isEmpty();
  }
}
