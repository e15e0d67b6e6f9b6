package dev.llmbot.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON state file, written atomically and read defensively.
 *
 * <p>File format: {@code {"format":"llmbot-state","version":N,"data":<T>}}. A file whose version is
 * newer than this build's is treated as unreadable (it is kept aside, never overwritten).
 *
 * <p>{@link #write} serialises to {@code <file>.tmp} in the same directory, fsyncs it, moves the
 * current file to {@code <file>.bak} and then the temp file over {@code <file>}, both with {@code
 * ATOMIC_MOVE}, and fsyncs the directory. A crash at any point leaves either the old file, or no
 * main file and a valid {@code .bak}, both of which {@link #load} reads.
 *
 * <p>{@link #load} reads {@code <file>}; if it is corrupt it is renamed to {@code <file>.corrupt}
 * (kept for inspection, and so that the next write does not replace a good {@code .bak} with it)
 * and {@code .bak} is read instead; if that fails too the caller starts empty. Every fallback logs
 * a warning naming the file. It never throws for bad content.
 *
 * <p>Threads: both methods do blocking file I/O; call them on a worker thread (or at start-up
 * before the event loop serves traffic), never on an event loop. One writer per file at a time
 * ({@link PeriodicFlusher} guarantees that); the class itself holds no mutable state.
 *
 * @param <T> the stored value, a Jackson-serialisable type (records work)
 */
public final class AtomicJsonStore<T> {
  private static final Logger log = LoggerFactory.getLogger(AtomicJsonStore.class);
  private static final String FORMAT = "llmbot-state";

  /** The shared mapper: unknown fields are ignored so that older builds read newer additions. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .build();

  private final Path file;
  private final Path backup;
  private final Path temp;
  private final Path corrupt;
  private final JavaType type;
  private final int version;

  /** A store of {@code type} at {@code file}, writing format {@code version} (≥ 1). */
  public AtomicJsonStore(Path file, Class<T> type, int version) {
    this(file, MAPPER.constructType(type), version);
  }

  /** A store of a generic {@code type} (e.g. {@code Map<String, Foo>}) at {@code file}. */
  public AtomicJsonStore(Path file, TypeReference<T> type, int version) {
    this(file, MAPPER.constructType(type), version);
  }

  private AtomicJsonStore(Path file, JavaType type, int version) {
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1");
    }
    this.file = file.toAbsolutePath().normalize();
    this.backup = sibling(".bak");
    this.temp = sibling(".tmp");
    this.corrupt = sibling(".corrupt");
    this.type = Objects.requireNonNull(type, "type");
    this.version = version;
  }

  private Path sibling(String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }

  /** The main file. */
  public Path file() {
    return file;
  }

  /** The backup file, the previous version of the main file. */
  public Path backupFile() {
    return backup;
  }

  /**
   * Reads the stored value: the main file, else the backup, else empty. Never throws for a missing,
   * corrupt or too-new file; each fallback is logged as a warning naming the file.
   */
  public Optional<T> load() {
    return load(true);
  }

  /**
   * Reads the stored value like {@link #load()} but repairs nothing and warns about nothing: for
   * reading a file another owner is responsible for (e.g. another partition's file after the
   * partition count changed). That owner reports and sets aside a corrupt file.
   */
  public Optional<T> peek() {
    return load(false);
  }

  private Optional<T> load(boolean repair) {
    Read<T> main = read(file);
    if (!repair) {
      return Optional.ofNullable(main.value != null ? main.value : read(backup).value);
    }
    if (main.value != null) {
      return Optional.of(main.value);
    }
    if (main.problem != null) {
      log.warn(
          "State file {} is unreadable ({}); moved it to {} and trying {}",
          file,
          main.problem,
          corrupt.getFileName(),
          backup.getFileName());
      quarantine(file);
    }
    Read<T> bak = read(backup);
    if (bak.value != null) {
      log.warn(
          "Restored state from backup {} (main file {} was {})",
          backup,
          file,
          main.problem == null ? "missing" : "unreadable");
      return Optional.of(bak.value);
    }
    if (bak.problem != null) {
      log.warn("State backup {} is unreadable too ({}); starting empty", backup, bak.problem);
    } else if (main.problem != null) {
      log.warn("No backup {} exists; starting empty instead of {}", backup, file);
    }
    return Optional.empty();
  }

  /** Writes {@code value} atomically, keeping the previous file as {@code .bak}. */
  public void write(T value) throws IOException {
    commit(writeTemp(value));
  }

  /** Step one of a write: the value serialised and fsynced into the temp file. */
  Path writeTemp(T value) throws IOException {
    byte[] bytes = encode(value);
    Files.createDirectories(file.getParent());
    try (FileChannel ch =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    return temp;
  }

  /** Step two of a write: the current file becomes the backup, the temp file the current one. */
  void commit(Path written) throws IOException {
    if (Files.exists(file)) {
      move(file, backup);
    }
    move(written, file);
    syncDirectory();
  }

  private byte[] encode(T value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeNumberField("version", version);
      g.writeFieldName("data");
      MAPPER.writerFor(type).writeValue(g, value);
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  private record Read<T>(T value, String problem) {}

  private Read<T> read(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return new Read<>(null, null);
    } catch (IOException e) {
      return new Read<>(null, "cannot read: " + e.getClass().getSimpleName());
    }
    try {
      JsonNode root = MAPPER.readTree(bytes);
      if (root == null || !root.isObject()) {
        return new Read<>(null, "not a JSON object");
      }
      JsonNode v = root.get("version");
      if (v == null || !v.canConvertToInt()) {
        return new Read<>(null, "no format version");
      }
      if (v.asInt() > version) {
        return new Read<>(null, "format version " + v.asInt() + " is newer than " + version);
      }
      JsonNode data = root.get("data");
      if (data == null || data.isNull()) {
        return new Read<>(null, "no data");
      }
      T value = MAPPER.readerFor(type).readValue(data);
      return value == null ? new Read<>(null, "no data") : new Read<>(value, null);
    } catch (IOException | RuntimeException e) {
      // Only the exception type and Jackson's location: the content may hold user text.
      return new Read<>(null, "invalid JSON: " + e.getClass().getSimpleName());
    }
  }

  private void quarantine(Path path) {
    try {
      move(path, corrupt);
    } catch (IOException e) {
      log.warn("Could not move unreadable state file {} aside: {}", path, e.toString());
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Same directory, so this only happens on exotic file systems; a plain replace is the best
      // that is left there.
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private void syncDirectory() {
    // Makes the renames durable on POSIX; some platforms cannot open a directory, which is fine.
    try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | RuntimeException e) {
      log.debug("Directory fsync not supported for {}", file.getParent());
    }
  }
}
