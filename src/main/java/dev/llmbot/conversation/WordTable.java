package dev.llmbot.conversation;

/**
 * An open-addressing map from a word's 64-bit key to its {@link ServerContext.Word}, which holds
 * its own key: a lookup reads one array slot and the Word it points to (which the caller needs
 * anyway), instead of a HashMap's node, key String and its bytes. Linear probing, at most half
 * full, backward-shift deletion (no tombstones). Not thread-safe.
 */
final class WordTable {
  private static final int INITIAL = 64;
  private ServerContext.Word[] table = new ServerContext.Word[INITIAL];
  private int size;

  int size() {
    return size;
  }

  ServerContext.Word get(long key) {
    int mask = table.length - 1;
    for (int i = (int) key & mask; ; i = (i + 1) & mask) {
      ServerContext.Word w = table[i];
      if (w == null || w.hash == key) {
        return w;
      }
    }
  }

  /** Adds {@code word} under its own key, replacing a word with the same key. */
  void put(ServerContext.Word word) {
    if ((size + 1) * 2 > table.length) {
      grow();
    }
    int mask = table.length - 1;
    int i = (int) word.hash & mask;
    while (table[i] != null && table[i].hash != word.hash) {
      i = (i + 1) & mask;
    }
    if (table[i] == null) {
      size++;
    }
    table[i] = word;
  }

  void remove(long key) {
    int mask = table.length - 1;
    int i = (int) key & mask;
    while (true) {
      ServerContext.Word w = table[i];
      if (w == null) {
        return;
      }
      if (w.hash == key) {
        break;
      }
      i = (i + 1) & mask;
    }
    size--;
    // Backward shift: move later entries of the cluster into the hole if that is on their path.
    int hole = i;
    for (int j = (hole + 1) & mask; table[j] != null; j = (j + 1) & mask) {
      int home = (int) table[j].hash & mask;
      boolean between = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
      if (!between) {
        table[hole] = table[j];
        hole = j;
      }
    }
    table[hole] = null;
  }

  void forEach(java.util.function.Consumer<ServerContext.Word> action) {
    for (ServerContext.Word w : table) {
      if (w != null) {
        action.accept(w);
      }
    }
  }

  void clear() {
    table = new ServerContext.Word[INITIAL];
    size = 0;
  }

  private void grow() {
    ServerContext.Word[] old = table;
    table = new ServerContext.Word[old.length * 2];
    size = 0;
    for (ServerContext.Word w : old) {
      if (w != null) {
        put(w);
      }
    }
  }

  @Override
  public String toString() {
    return "WordTable[size=" + size + ", capacity=" + table.length + "]";
  }
}
