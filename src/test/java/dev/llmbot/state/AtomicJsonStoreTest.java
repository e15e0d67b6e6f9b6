package dev.llmbot.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicJsonStoreTest {
  record Doc(String name, List<Integer> values) {}

  @TempDir Path dir;

  private AtomicJsonStore<Doc> store() {
    return new AtomicJsonStore<>(dir.resolve("doc.json"), Doc.class, 1);
  }

  @Test
  void aMissingFileLoadsAsEmpty() {
    assertThat(store().load()).isEmpty();
  }

  @Test
  void writtenValueLoadsBackWithAVersionField() throws Exception {
    store().write(new Doc("a", List.of(1, 2)));
    assertThat(store().load()).contains(new Doc("a", List.of(1, 2)));
    assertThat(Files.readString(dir.resolve("doc.json"))).contains("\"version\":1");
  }

  @Test
  void genericTypesRoundTrip() throws Exception {
    var s =
        new AtomicJsonStore<>(dir.resolve("m.json"), new TypeReference<Map<String, Doc>>() {}, 1);
    s.write(Map.of("k", new Doc("x", List.of())));
    assertThat(s.load()).contains(Map.of("k", new Doc("x", List.of())));
  }

  @Test
  void thePreviousFileIsKeptAsBak() throws Exception {
    store().write(new Doc("old", List.of()));
    store().write(new Doc("new", List.of()));
    assertThat(Files.readString(dir.resolve("doc.json.bak"))).contains("old");
    assertThat(store().load()).contains(new Doc("new", List.of()));
  }

  @Test
  void aCorruptMainFileFallsBackToBakAndIsKeptAside() throws Exception {
    store().write(new Doc("old", List.of()));
    store().write(new Doc("new", List.of()));
    Files.writeString(dir.resolve("doc.json"), "{\"version\":1,\"data\":{\"name\":", UTF8);

    assertThat(store().load()).contains(new Doc("old", List.of()));
    assertThat(dir.resolve("doc.json.corrupt")).exists();

    // The next write must not replace the good backup with the corrupt file.
    store().write(new Doc("newer", List.of()));
    assertThat(Files.readString(dir.resolve("doc.json.bak"))).contains("old");
    assertThat(store().load()).contains(new Doc("newer", List.of()));
  }

  @Test
  void corruptMainAndBackupStartEmptyWithoutThrowing() throws Exception {
    Files.writeString(dir.resolve("doc.json"), "garbage", UTF8);
    Files.writeString(dir.resolve("doc.json.bak"), "\u0000\u0001", UTF8);
    assertThat(store().load()).isEmpty();
  }

  @Test
  void aNewerFormatVersionIsNotReadButKept() throws Exception {
    new AtomicJsonStore<>(dir.resolve("doc.json"), Doc.class, 2).write(new Doc("v2", List.of()));
    assertThat(store().load()).isEmpty();
    assertThat(dir.resolve("doc.json.corrupt")).exists();
  }

  @Test
  void aCrashBetweenTempWriteAndRenameLeavesTheOldFileValid() throws Exception {
    store().write(new Doc("old", List.of(1)));
    // Simulated crash: the temp file is fully written (or half written) but never renamed.
    store().writeTemp(new Doc("lost", List.of(2)));
    assertThat(store().load()).contains(new Doc("old", List.of(1)));
    Files.writeString(dir.resolve("doc.json.tmp"), "{\"vers", UTF8);
    assertThat(store().load()).contains(new Doc("old", List.of(1)));
    // A later write is not disturbed by the stale temp file.
    store().write(new Doc("next", List.of(3)));
    assertThat(store().load()).contains(new Doc("next", List.of(3)));
  }

  @Test
  void aCrashBetweenTheTwoRenamesRestoresFromBak() throws Exception {
    store().write(new Doc("old", List.of()));
    store().write(new Doc("mid", List.of()));
    // First rename done (main -> bak), second not: no main file.
    Files.move(
        dir.resolve("doc.json"),
        dir.resolve("doc.json.bak"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(store().load()).contains(new Doc("mid", List.of()));
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;
}
