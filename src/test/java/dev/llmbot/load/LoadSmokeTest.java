package dev.llmbot.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.bus.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The load test in miniature, so the harness cannot rot: 20 users for a few seconds against the
 * real application. It asserts that nothing is lost and that every figure of the report is
 * computed; it asserts no latency threshold (the suite shares a loaded machine).
 */
class LoadSmokeTest {
  @Test
  void twentyUsersGetEveryAnswerAndTheReportIsComplete() throws Exception {
    LoadTest.Options o =
        new LoadTest.Options(Duration.ofSeconds(4), Duration.ofSeconds(1), 20, 200, 600, 20, 60, 7);

    LoadTest.Report r = LoadTest.run(o);
    LoggerFactory.getLogger(LoadSmokeTest.class).info("Load smoke run:\n{}", r.text());

    assertThat(r.sent()).as("messages sent").isGreaterThanOrEqualTo(20);
    assertThat(r.lost()).as("lost replies %s", r.outcomes()).isZero();
    assertThat(r.answered()).isEqualTo(r.sent());
    assertThat(r.outcomes()).containsOnlyKeys(Outcome.ANSWERED);
    assertThat(r.measured()).as("replies in the histogram").isPositive();
    assertThat(r.overheadMicros()).hasSize(4);
    assertThat(r.overheadMicros()[3]).isGreaterThanOrEqualTo(r.overheadMicros()[2]);
    assertThat(r.overheadMicros()[2]).isGreaterThanOrEqualTo(r.overheadMicros()[0]);
    assertThat(r.endToEndMicros()[0])
        .as("end to end includes the fake's delay (>= 20 ms)")
        .isGreaterThanOrEqualTo(20_000);
    assertThat(r.beforeLlmMicros()[0] + r.afterLlmMicros()[0])
        .as("the phases around the fake's wait are part of the end-to-end time")
        .isLessThan(r.endToEndMicros()[0]);
    assertThat(r.throughputPerSecond()).isPositive();
    assertThat(r.heapStartBytes()).isPositive();
    assertThat(r.heapEndBytes()).isPositive();
    assertThat(r.peakRssBytes()).isPositive();
    assertThat(r.gcPauses()).isNotNegative();
    assertThat(r.text())
        .contains("p99")
        .contains("before the LLM")
        .contains("lost replies           0");
  }

  @Test
  void theMarkerFindsTheLastMessageIdInARequestBody() {
    String body =
        "{\"contents\":[{\"parts\":[{\"text\":\"q [[LT-load-1-0]]\"}]},"
            + "{\"parts\":[{\"text\":\"a\"}]},{\"parts\":[{\"text\":\"q [[LT-load-1-1]]\"}]}]}";
    assertThat(LoadTest.markedId(body)).isEqualTo("load-1-1");
    assertThat(LoadTest.markedId("no marker")).isEmpty();
  }
}
