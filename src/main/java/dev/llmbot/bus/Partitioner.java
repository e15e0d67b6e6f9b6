package dev.llmbot.bus;

import java.nio.charset.StandardCharsets;

/**
 * Chooses the instance that owns a key. The hash is a fixed function of the key's UTF-8 bytes
 * (FNV-1a, then a murmur finaliser), so routing is the same on every JVM and across restarts.
 */
public final class Partitioner {
  private Partitioner() {}

  /** The partition in {@code [0, partitions)} that owns {@code key}. */
  public static int partition(String key, int partitions) {
    if (partitions <= 1) {
      return 0;
    }
    return Math.floorMod(hash(key), partitions);
  }

  /** The partition that owns a numeric key such as a user id. */
  public static int partition(long key, int partitions) {
    return partition(Long.toString(key), partitions);
  }

  static int hash(String key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (int) (h ^ (h >>> 32));
  }
}
