package dev.llmbot.state;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state files of a partitioned owner: partition {@code n} writes {@code <prefix>-<n>.json}. On
 * start a partition reads its own file and then every other partition's file, and keeps the keys it
 * owns, so that changing the partition count loses nothing: keys move to their new owner on the
 * next start. The own file is read first and wins for keys present in several files.
 *
 * <p>Blocking file I/O: call on a worker thread. Stateless.
 */
public final class PartitionFiles {
  private static final Logger log = LoggerFactory.getLogger(PartitionFiles.class);

  private PartitionFiles() {}

  /** The file partition {@code n} writes. */
  public static Path file(Path dir, String prefix, int partition) {
    return dir.resolve(prefix + "-" + partition + ".json");
  }

  /**
   * Loads the own file (with repair and warnings, see {@link AtomicJsonStore#load()}) and then
   * every other partition's file read-only ({@link AtomicJsonStore#peek()}). Returns the values
   * found, own first; never throws for bad files.
   */
  public static <T> List<T> loadAll(
      Path dir, String prefix, int partition, Function<Path, AtomicJsonStore<T>> store) {
    List<T> out = new ArrayList<>();
    store.apply(file(dir, prefix, partition)).load().ifPresent(out::add);
    Pattern name = Pattern.compile(Pattern.quote(prefix) + "-(\\d{1,4})\\.json(\\.bak)?");
    TreeMap<Integer, Path> others = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        Matcher m = name.matcher(f.getFileName().toString());
        if (m.matches() && Integer.parseInt(m.group(1)) != partition) {
          others.put(Integer.parseInt(m.group(1)), file(dir, prefix, Integer.parseInt(m.group(1))));
        }
      }
    } catch (NoSuchFileException e) {
      return out;
    } catch (IOException e) {
      log.warn("Could not list state directory {}: {}", dir, e.toString());
      return out;
    }
    for (Path f : others.values()) {
      Optional<T> v = store.apply(f).peek();
      v.ifPresent(out::add);
    }
    return out;
  }
}
