package dev.llmbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class DiscordFailuresTest {
  @Test
  void describeUnwrapsCompletionWrappersAndNamesTheRootFailure() {
    Throwable root = new IllegalStateException("Unknown Channel");
    Throwable wrapped = new CompletionException(new ExecutionException(root));
    assertThat(DiscordFailures.unwrap(wrapped)).isSameAs(root);
    assertThat(DiscordFailures.describe(wrapped))
        .isEqualTo("IllegalStateException: Unknown Channel");
  }
}
