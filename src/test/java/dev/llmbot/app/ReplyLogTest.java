package dev.llmbot.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.Outcome;
import dev.llmbot.bus.Reply;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every reply logs exactly one line at INFO with its trigger, outcome and latency, and no log line
 * at INFO or above carries what the user wrote or what the bot answered, whatever the outcome.
 */
class ReplyLogTest {
  static final String SECRET = "zebra-banana-4242";

  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private Logger root;
  private Level rootLevel;

  @BeforeEach
  void capture() {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    rootLevel = root.getLevel();
    // Capture everything, so a content leak at any level INFO or above cannot hide.
    root.setLevel(Level.DEBUG);
    captured.start();
    root.addAppender(captured);
  }

  @AfterEach
  void release() {
    root.detachAppender(captured);
    root.setLevel(rootLevel);
  }

  @Test
  void oneContentFreeLinePerReplyWhateverTheOutcome() throws Exception {
    Map<String, Outcome> expected = new LinkedHashMap<>();
    try (AppHarness h = AppHarness.start(Map.of(), Clock.systemUTC())) {
      long user = 77L;
      Reply r = h.chat(AppHarness.message("m1", 5, 6, user, "tell me about " + SECRET));
      expected.put("m1", r.outcome());
      assertThat(r.outcome()).isEqualTo(Outcome.ANSWERED);
      assertThat(String.join("", r.chunks())).contains(SECRET);

      r = command(h, "c1", "chat", Map.of("message", "and " + SECRET), user);
      expected.put("c1", r.outcome());
      assertThat(r.outcome()).isEqualTo(Outcome.ANSWERED);
      r = command(h, "c2", "ascii", Map.of("prompt", SECRET), user);
      expected.put("c2", r.outcome());
      r = h.chat(AppHarness.message("m2", 5, 6, user, SECRET + " again"));
      expected.put("m2", r.outcome());
      assertThat(r.outcome()).as("the bucket of 3 is spent").isEqualTo(Outcome.RATE_LIMITED);
      r = h.chat(AppHarness.message("m3", 5, 6, 78L, SECRET.repeat(1000)));
      expected.put("m3", r.outcome());
      assertThat(r.outcome()).isEqualTo(Outcome.TOO_LONG);
      r = command(h, "c3", "chat", Map.of(), 79L);
      expected.put("c3", r.outcome());
      assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
      r = command(h, "c4", "status", Map.of(), 79L);
      expected.put("c4", r.outcome());
    }

    List<ILoggingEvent> events = new ArrayList<>(captured.list);
    for (ILoggingEvent e : events) {
      if (e.getLevel().isGreaterOrEqual(Level.INFO)) {
        assertThat(e.getFormattedMessage()).as("logged at %s", e.getLevel()).doesNotContain(SECRET);
        if (e.getThrowableProxy() != null) {
          assertThat(e.getThrowableProxy().getMessage()).doesNotContain(SECRET);
        }
      }
    }
    expected.forEach(
        (id, outcome) -> {
          List<String> lines =
              events.stream()
                  .filter(e -> e.getLevel() == Level.INFO)
                  .map(ILoggingEvent::getFormattedMessage)
                  .filter(m -> m.startsWith("reply id=" + id + " "))
                  .toList();
          assertThat(lines).as("reply lines for %s", id).hasSize(1);
          assertThat(lines.get(0))
              .containsPattern(" trigger=[a-z]+ ")
              .contains(" outcome=" + outcome.tag())
              .containsPattern(" latency_ms=[0-9]+");
        });
  }

  private static Reply command(
      AppHarness h, String id, String name, Map<String, String> options, long user)
      throws Exception {
    return h.ask(Addresses.COMMAND_RUN, AppHarness.command(id, name, options, 5, user));
  }
}
