package dev.llmbot.conversation;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.llmbot.state.AtomicJsonStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The stores of this package's state files, with their value types and format versions. */
final class StateFiles {
  private StateFiles() {}

  static final String CONVERSATIONS = "conversations";
  static final String CONTEXT = "context";
  static final String PROFILES = "profiles";

  private static final TypeReference<Map<String, ConversationMemory.SavedConversation>>
      CONVERSATIONS_TYPE = new TypeReference<>() {};
  private static final TypeReference<Map<Long, List<ServerContext.SavedItem>>> CONTEXT_TYPE =
      new TypeReference<>() {};
  private static final TypeReference<Map<Long, List<String>>> PROFILES_TYPE =
      new TypeReference<>() {};

  static AtomicJsonStore<Map<String, ConversationMemory.SavedConversation>> conversations(
      Path file) {
    return new AtomicJsonStore<>(file, CONVERSATIONS_TYPE, 1);
  }

  static AtomicJsonStore<Map<Long, List<ServerContext.SavedItem>>> context(Path file) {
    return new AtomicJsonStore<>(file, CONTEXT_TYPE, 1);
  }

  static AtomicJsonStore<Map<Long, List<String>>> profiles(Path file) {
    return new AtomicJsonStore<>(file, PROFILES_TYPE, 1);
  }
}
