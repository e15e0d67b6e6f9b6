package dev.llmbot.split;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GraphemesTest {

  private static boolean boundary(String s, int x) {
    return Graphemes.isBoundary(s, x, 0);
  }

  @Test
  void latinLettersAreBoundaries() {
    assertThat(boundary("ab", 1)).isTrue();
  }

  @Test
  void surrogatePairsAndCrLfAreNot() {
    assertThat(boundary("a\uD83D\uDE00", 2)).isFalse();
    assertThat(boundary("a\r\nb", 2)).isFalse();
  }

  @Test
  void marksSelectorsModifiersAndJoinersStayAttached() {
    assertThat(boundary("e\u0301", 1)).isFalse();
    assertThat(boundary("\u2764\uFE0F", 1)).isFalse();
    assertThat(boundary("\uD83D\uDC4D\uD83C\uDFFD", 2)).isFalse();
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69";
    assertThat(boundary(family, 2)).isFalse();
    assertThat(boundary(family, 3)).isFalse();
  }

  @Test
  void flagsPairUp() {
    String flags = "\uD83C\uDDEB\uD83C\uDDF7\uD83C\uDDE9\uD83C\uDDEA";
    assertThat(boundary(flags, 2)).isFalse();
    assertThat(boundary(flags, 4)).isTrue();
    assertThat(boundary(flags, 6)).isFalse();
  }

  @Test
  void hangulJamoComposeButSyllablesSplit() {
    assertThat(boundary("\u1100\u1161", 1)).isFalse();
    assertThat(boundary("\uD55C\uAD6D", 1)).isTrue();
  }
}
