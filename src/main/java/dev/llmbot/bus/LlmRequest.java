package dev.llmbot.bus;

import java.util.List;
import java.util.Objects;

/**
 * One model call as the pipeline wants it; the LLM stage turns it into the provider's request.
 *
 * @param requestId the message id (for logs; retries of one message share it)
 * @param persona the persona chosen for this message
 * @param systemInstruction the assembled system instruction
 * @param contents the conversation turns then the new user message
 * @param cacheable whether the response cache may serve or store it
 * @param userName the user's display name (the offline responder refers to it)
 */
public record LlmRequest(
    String requestId,
    Persona persona,
    String systemInstruction,
    List<Turn> contents,
    boolean cacheable,
    String userName) {

  public LlmRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(persona, "persona");
    Objects.requireNonNull(systemInstruction, "systemInstruction");
    contents = List.copyOf(contents);
    if (contents.isEmpty()) {
      throw new IllegalArgumentException("contents must end with the user's message");
    }
  }

  /** The new user message: the last turn. */
  public String userText() {
    return contents.get(contents.size() - 1).text();
  }
}
