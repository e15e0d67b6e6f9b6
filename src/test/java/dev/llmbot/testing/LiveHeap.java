package dev.llmbot.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Reads the heap's live set for the load test and the soak, on the calling thread (it runs full
 * GCs, so never on an event loop).
 *
 * <p>A reading is the smallest total of {@value #READINGS} class histograms in a row (HotSpot's
 * {@code gcClassHistogram}: a full GC, then the bytes of reachable objects). Why several: Serial's
 * full GC leaves "dead wood" — runs of dead objects it does not bother to compact away (up to
 * {@code MarkSweepDeadRatio}, 5 % of the old generation by default), overwritten with {@code int[]}
 * fillers — and both the used heap and a histogram count those fillers. Their amount depends on the
 * GC's history: two readings of the same live set a moment apart differed by 11 MiB (14,958 {@code
 * int[]}) in the soak's short form, which made its ratio look like a leak that was not there. Every
 * {@code MarkSweepAlwaysCompactCount}-th (4th) full GC compacts completely, so the smallest of four
 * consecutive readings is the live set.
 */
public final class LiveHeap {
  /** Full GCs in a row among which Serial compacts completely at least once. */
  public static final int READINGS = 4;

  private static final ObjectName DIAGNOSTICS = diagnostics();

  private LiveHeap() {}

  /** Bytes of live objects (see the class comment). */
  public static long bytes() {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < READINGS; i++) {
      least = Math.min(least, readOnce());
    }
    return least;
  }

  /** The lines of one live-object class histogram (a full GC first), or one line saying why not. */
  public static List<String> histogram() {
    try {
      return List.of(runHistogram().split("\n"));
    } catch (JMException | RuntimeException e) {
      return List.of("no histogram: " + e);
    }
  }

  private static long readOnce() {
    try {
      String[] lines = runHistogram().strip().split("\n");
      String[] total = lines[lines.length - 1].trim().split("\\s+");
      return Long.parseLong(total[total.length - 1]);
    } catch (JMException | RuntimeException e) {
      // Not a HotSpot JVM: the used heap after a full GC (dead wood included).
      System.gc();
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      return memory.getHeapMemoryUsage().getUsed();
    }
  }

  private static String runHistogram() throws JMException {
    if (DIAGNOSTICS == null) {
      throw new IllegalStateException("no DiagnosticCommand MBean");
    }
    return ManagementFactory.getPlatformMBeanServer()
        .invoke(
            DIAGNOSTICS,
            "gcClassHistogram",
            new Object[] {new String[0]},
            new String[] {String[].class.getName()})
        .toString();
  }

  private static ObjectName diagnostics() {
    try {
      return new ObjectName("com.sun.management:type=DiagnosticCommand");
    } catch (JMException e) {
      return null;
    }
  }
}
