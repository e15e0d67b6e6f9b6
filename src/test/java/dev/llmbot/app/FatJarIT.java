package dev.llmbot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the shaded jar as a user would: piped console input, bad config, busy ops port. */
class FatJarIT {
  private static final Path JAR = Path.of("target", "discord-llm-bot.jar");

  @TempDir Path dir;

  record Result(int exit, String stdout, String stderr) {}

  private Result run(String stdin, Map<String, String> env)
      throws IOException, InterruptedException {
    return run(stdin, env, List.of("-Xmx256m"));
  }

  private Result run(String stdin, Map<String, String> env, List<String> jvmFlags)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags);
    cmd.add("-jar");
    cmd.add(JAR.toAbsolutePath().toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().remove("DISCORD_TOKEN");
    pb.environment().remove("GEMINI_API_KEY");
    pb.environment().put("BOT_DATA_DIR", dir.resolve("data").toString());
    pb.environment().putIfAbsent("OPS_PORT", "0");
    pb.environment().putAll(env);
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits by itself").isTrue();
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void pipedGreetingAndStatusAreAnsweredThenItExitsZero() throws Exception {
    Result r = run("hello there\n/status\n", Map.of());
    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(r.stdout())
        .contains("hello there")
        .contains("**Status**")
        .contains("LLM mode: offline");
    assertThat(r.stderr()).contains("Shutdown complete");
  }

  /**
   * The Docker image cannot be built here (no engine), so its JVM flags are checked by running the
   * jar with exactly the JAVA_OPTS the Dockerfile sets: a mistyped or removed flag would stop the
   * container at start. It also shows the last log lines reach stderr before exit.
   */
  @Test
  void theDockerImagesJvmFlagsStartTheJarAndItAnswers() throws Exception {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?m)^ENV JAVA_OPTS=\"([^\"]+)\"")
            .matcher(Files.readString(Path.of("Dockerfile")));
    assertThat(m.find()).as("Dockerfile sets JAVA_OPTS").isTrue();
    List<String> flags = List.of(m.group(1).trim().split("\\s+"));
    assertThat(flags).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    Result r = run("hello there\n/status\n", Map.of(), flags);

    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains("hello there").contains("**Status**");
    assertThat(r.stderr()).contains("Shutdown complete");
  }

  @Test
  void aNegativeRpmExitsTwoWithOneClearLine() throws Exception {
    Result r = run("", Map.of("BOT_RATELIMIT_GLOBAL_RPM", "-1"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.stderr().strip())
        .isEqualTo("Invalid config ratelimit.globalRpm = -1: allowed an integer in [1, 1000000]");
  }

  @Test
  void aMalformedConfigFileExitsTwo() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{ \"split\": ");
    Result r = run("", Map.of("BOT_CONFIG", bad.toString()));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.stderr()).contains("is not valid JSON");
  }

  @Test
  void aBusyOpsPortIsAClearStartupError() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Result r = run("hello\n", Map.of("OPS_PORT", Integer.toString(busy.getLocalPort())));
      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.stderr())
          .contains("Cannot start the ops server")
          .contains("Is the port in use?");
    }
  }
}
