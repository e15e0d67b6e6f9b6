package dev.llmbot.split;

/**
 * A fenced code block opened in the text, as the splitter closes and reopens it.
 *
 * @param marker the fence character, a backtick or a tilde
 * @param runLength how many markers open the fence; a closer needs at least as many
 * @param prefix what a chunk that starts inside the block begins with: the markers and the info
 *     string (without the original indentation), then a newline
 * @param suffix what a chunk that ends inside the block ends with: a newline, then the markers
 * @param repaired false when the fence lines would take more than half the limit (an absurd info
 *     string); such a block is split like plain text, still without losing anything
 */
record Fence(char marker, int runLength, String prefix, String suffix, boolean repaired) {

  int prefixLength() {
    return prefix.length();
  }

  int suffixLength() {
    return suffix.length();
  }
}
