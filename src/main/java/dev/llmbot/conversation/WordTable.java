package dev.llmbot.conversation;

/**
 * An open-addressing map from a word's 64-bit hash to its {@link ServerContext.Word}: one array
 * probe and one object per lookup, instead of a HashMap's node, key String and its bytes. Linear
 * probing, at most half full, backward-shift deletion (no tombstones). Not thread-safe.
 */
final class WordTable {
  private long[] keys = new long[64];
  private ServerContext.Word[] values = new ServerContext.Word[64];
  private int size;

  int size() {
    return size;
  }

  ServerContext.Word get(long key) {
    int mask = keys.length - 1;
    for (int i = (int) key & mask; ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == 0) {
        return null;
      }
    }
  }

  void put(long key, ServerContext.Word value) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int i = (int) key & mask;
    while (keys[i] != 0 && keys[i] != key) {
      i = (i + 1) & mask;
    }
    if (keys[i] == 0) {
      size++;
    }
    keys[i] = key;
    values[i] = value;
  }

  void remove(long key) {
    int mask = keys.length - 1;
    int i = (int) key & mask;
    while (keys[i] != key) {
      if (keys[i] == 0) {
        return;
      }
      i = (i + 1) & mask;
    }
    size--;
    // Backward shift: move later entries of the cluster into the hole if that is on their path.
    int hole = i;
    for (int j = (hole + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
      int home = (int) keys[j] & mask;
      boolean between = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
      if (!between) {
        keys[hole] = keys[j];
        values[hole] = values[j];
        hole = j;
      }
    }
    keys[hole] = 0;
    values[hole] = null;
  }

  void clear() {
    keys = new long[64];
    values = new ServerContext.Word[64];
    size = 0;
  }

  private void grow() {
    long[] oldKeys = keys;
    ServerContext.Word[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new ServerContext.Word[oldKeys.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  @Override
  public String toString() {
    return "WordTable[size=" + size + ", capacity=" + keys.length + "]";
  }
}
