package dev.llmbot.split;

/**
 * Where a chunk (or the attachment) came from: {@code prefix + text[start, end) + suffix}. The
 * prefix and suffix are the fence lines the splitter inserted, empty when none. Lets tests check
 * that nothing was lost without re-deriving the splitter's decisions.
 */
record Piece(String prefix, int start, int end, String suffix) {}
