package dev.llmbot.split;

/**
 * A fenced code block opened in the text, as the splitter closes and reopens it.
 *
 * @param marker the fence character, a backtick or a tilde
 * @param runLength how many markers open the fence; a closer needs at least as many
 * @param reopenLine the line that reopens the block at a chunk's start: the markers and the info
 *     string, without the original indentation
 * @param closeLine the line that closes the block at a chunk's end: the markers alone
 * @param repaired false when the fence lines would take more than half the limit (an absurd info
 *     string); such a block is split like plain text, still without losing anything
 */
record Fence(char marker, int runLength, String reopenLine, String closeLine, boolean repaired) {

  /** Characters a chunk that starts inside this fence spends on the reopening line. */
  int prefixLength() {
    return reopenLine.length() + 1;
  }

  /** Characters a chunk that ends inside this fence spends on the closing line. */
  int suffixLength() {
    return closeLine.length() + 1;
  }
}
