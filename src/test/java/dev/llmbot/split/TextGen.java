package dev.llmbot.split;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of reply-like texts that stress every rule of the splitter. */
final class TextGen {
  private TextGen() {}

  static final String FAMILY = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66";
  static final String CODER = "\uD83D\uDC69\uD83C\uDFFD\u200D\uD83D\uDCBB";
  static final String RAINBOW = "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08";
  static final String FLAGS = "\uD83C\uDDEB\uD83C\uDDF7\uD83C\uDDE9\uD83C\uDDEA";
  static final String HEART = "\u2764\uFE0F";
  static final String KEYCAP = "1\uFE0F\u20E3";
  static final String MATH = "\uD835\uDC9C\uD835\uDC9D";

  static Arbitrary<String> word() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
  }

  static Arbitrary<String> sentence() {
    return Combinators.combine(
            word().list().ofMinSize(1).ofMaxSize(15),
            Arbitraries.of(". ", "! ", "? ", ", ", " ", ".\" ", ".) "))
        .as((ws, end) -> String.join(" ", ws) + end);
  }

  static Arbitrary<String> separator() {
    return Arbitraries.of(" ", "\n", "\n\n", "\r\n", "\r\n\r\n", "  \n", "\n   \n", "\t", "\n\n\n");
  }

  static Arbitrary<String> longWord() {
    return Arbitraries.integers()
        .between(40, 3000)
        .map(n -> "L".repeat(n / 2) + "l".repeat(n - n / 2));
  }

  static Arbitrary<String> cjk() {
    return Arbitraries.strings()
        .withCharRange('\u4E00', '\u4FFF')
        .ofMinLength(1)
        .ofMaxLength(40)
        .flatMap(s -> Arbitraries.of("\u3002", "\uFF01", "\uFF1F", "\u3001").map(e -> s + e));
  }

  static Arbitrary<String> unicodeClusters() {
    return Arbitraries.of(
            FAMILY,
            CODER,
            RAINBOW,
            FLAGS,
            HEART,
            KEYCAP,
            MATH,
            "e\u0301",
            "a\u0308\u0323",
            "\u1100\u1161\u11A8",
            "\uD55C\uAD6D\uC5B4",
            "\u0928\u093F")
        .list()
        .ofMinSize(1)
        .ofMaxSize(80)
        .map(l -> String.join("", l));
  }

  static Arbitrary<String> codeLines() {
    return Combinators.combine(
            Arbitraries.of("", "  ", "    ", "        ", "\t"),
            word().list().ofMinSize(1).ofMaxSize(8),
            Arbitraries.of(";", " {", "}", "", "  // note."))
        .as((indent, ws, end) -> indent + String.join(" = ", ws) + end)
        .list()
        .ofMinSize(1)
        .ofMaxSize(60)
        .map(l -> String.join("\n", l));
  }

  static Arbitrary<String> fence() {
    Arbitrary<String> open =
        Arbitraries.of(
            "```",
            "```java",
            "```python",
            "``` js",
            "~~~",
            "~~~ruby",
            "````md",
            "   ```ts",
            "```c++");
    return Combinators.combine(
            open,
            codeLines(),
            Arbitraries.of(true, true, true, false),
            Arbitraries.of("\n", "\r\n"))
        .as(
            (o, body, closed, nl) -> {
              String marker = o.strip().substring(0, o.strip().startsWith("````") ? 4 : 3);
              String inner = o.strip().startsWith("````") ? "```java\nint x;\n```\n" : "";
              return o + nl + inner + body + (closed ? nl + marker : "");
            });
  }

  static Arbitrary<String> inlineTicks() {
    return word().map(w -> "use ```" + w + "``` or `" + w + "` ");
  }

  static Arbitrary<String> segment() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, sentence()),
        net.jqwik.api.Tuple.of(6, separator()),
        net.jqwik.api.Tuple.of(2, longWord()),
        net.jqwik.api.Tuple.of(2, cjk()),
        net.jqwik.api.Tuple.of(2, unicodeClusters()),
        net.jqwik.api.Tuple.of(3, fence()),
        net.jqwik.api.Tuple.of(1, inlineTicks()));
  }

  /** Mixed replies: prose, code blocks (some unclosed), long words, CJK, emoji, CRLF. */
  static Arbitrary<String> reply() {
    return segment().list().ofMinSize(0).ofMaxSize(60).map(l -> String.join("", l));
  }

  /** Replies padded or cut to exactly {@code length} chars, never ending in half a pair. */
  static Arbitrary<String> exactly(int length) {
    return reply()
        .map(
            s -> {
              StringBuilder sb =
                  new StringBuilder(s.length() > length ? s.substring(0, length) : s);
              if (sb.length() > 0 && Character.isHighSurrogate(sb.charAt(sb.length() - 1))) {
                sb.setCharAt(sb.length() - 1, 'h');
              }
              while (sb.length() < length) {
                sb.append(sb.length() % 7 == 6 ? ' ' : 'p');
              }
              return sb.toString();
            });
  }

  static Arbitrary<Integer> maxChars() {
    return Arbitraries.of(50, 64, 100, 150, 300, 500, 1000, 2000);
  }

  static Arbitrary<List<Integer>> partSizes() {
    return Arbitraries.integers().between(1, 300).list().ofMinSize(1).ofMaxSize(40);
  }
}
