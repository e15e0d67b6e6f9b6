package dev.llmbot.roast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageFeaturesTest {
  @ParameterizedTest(name = "[{0}] code={1} tech={2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "how do I return early       | true  | false",
        "IF(x) then                  | true  | false",
        "my_if and if2 and classic   | false | false",
        "the API is down             | false | true",
        "apis and builds and errors  | false | false",
        "deploy;                     | false | true",
        "exception                   | false | true",
        "function foo() { return 1 } | true  | false",
        "déf café bug ifé            | false | true",
        "x                           | false | false"
      })
  void keywordsMatchWholeWordsCaseInsensitively(String text, boolean code, boolean tech) {
    MessageFeatures f = MessageFeatures.of(text);
    assertThat(f.codeKeyword()).as("code keyword").isEqualTo(code);
    assertThat(f.techWord()).as("tech word").isEqualTo(tech);
  }

  @Test
  void questionMarksCountUpToTwo() {
    assertThat(MessageFeatures.of("why").questionMarks()).isZero();
    assertThat(MessageFeatures.of("why?").questionMarks()).isEqualTo(1);
    assertThat(MessageFeatures.of("why??").questionMarks()).isEqualTo(2);
    assertThat(MessageFeatures.of("w?h?y?!?").questionMarks()).isEqualTo(2);
  }

  @Test
  void complexityAddsEachFeatureAndIsCapped() {
    assertThat(MessageFeatures.of("hi").complexity()).isCloseTo(0.02, within(1e-12));
    assertThat(MessageFeatures.of("a".repeat(500)).complexity()).isCloseTo(0.3, within(1e-12));
    assertThat(MessageFeatures.of("`x`").complexity()).isCloseTo(0.23, within(1e-12));
    assertThat(MessageFeatures.of("x?").complexity()).isCloseTo(0.07, within(1e-12));
    assertThat(MessageFeatures.of("x??").complexity()).isCloseTo(0.18, within(1e-12));
    // 0.05 length + 0.15 keyword + 0.1 tech word
    assertThat(MessageFeatures.of("for the api.").complexity()).isCloseTo(0.37, within(1e-12));
    assertThat(MessageFeatures.of("`const` api ??" + "z".repeat(100)).complexity())
        .isCloseTo(0.5, within(1e-12));
  }

  private static final Pattern CODE =
      Pattern.compile(
          "\\b(function|class|import|const|let|var|if|else|for|while|def|return)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern TECH =
      Pattern.compile(
          "\\b(api|database|server|client|bug|error|exception|deploy|build)\\b",
          Pattern.CASE_INSENSITIVE);

  /** The one-pass scan agrees with the regexes a naive implementation would use. */
  @Property(tries = 2000)
  void onePassScanAgreesWithRegexes(@ForAll("messages") String text) {
    MessageFeatures f = MessageFeatures.of(text);
    assertThat(f.length()).isEqualTo(text.length());
    assertThat(f.backtick()).isEqualTo(text.indexOf('`') >= 0);
    assertThat(f.codeKeyword()).isEqualTo(CODE.matcher(text).find());
    assertThat(f.techWord()).isEqualTo(TECH.matcher(text).find());
    long q = text.chars().filter(ch -> ch == '?').count();
    assertThat(f.questionMarks()).isEqualTo((int) Math.min(q, 2));
  }

  @Provide
  Arbitrary<String> messages() {
    Arbitrary<String> words =
        Arbitraries.of(
            "if",
            "IF",
            "If",
            "else",
            "return",
            "returns",
            "Function",
            "class",
            "classic",
            "let",
            "letter",
            "api",
            "API",
            "apis",
            "Bug",
            "debug",
            "build",
            "build2",
            "_build",
            "server",
            "exception",
            "exceptions",
            "x",
            "foo",
            "hello",
            "deploy",
            "DATABASE",
            "é",
            "ß");
    Arbitrary<String> separators =
        Arbitraries.of(" ", "  ", "?", "??", "`", ".", "(", ")", "_", "1", "-", "\n", "é", "");
    return Arbitraries.oneOf(words, separators)
        .list()
        .ofMaxSize(12)
        .map(parts -> String.join("", parts));
  }
}
