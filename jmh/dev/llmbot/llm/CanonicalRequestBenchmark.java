package dev.llmbot.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmbot.bus.LlmRequest;
import dev.llmbot.bus.Turn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The response-cache key (SHA-256 of the canonical request) for a large context. The baseline is
 * what one writes first: build a Jackson tree, serialise it to a String, encode it, digest it, hex
 * it with String.format. The optimised form streams the canonical JSON straight into the digest.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CanonicalRequestBenchmark {
  @Param({"50000"})
  public int contextChars;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LlmRequest request;
  private CanonicalRequest canonical;
  private byte[] body;

  @Setup
  public void setUp() {
    request = LlmBenchInputs.request(contextChars);
    canonical = new CanonicalRequest("gemini-2.5-flash", 0.9, 40, 0.95, 8192, -1, List.of());
    body = canonical.body(request);
  }

  @Benchmark
  public String hashCanonicalRequest() {
    return canonical.key(request);
  }

  /** For scale: the body bytes that a cache miss sends. */
  @Benchmark
  public byte[] buildRequestBody() {
    return canonical.body(request);
  }

  /** For scale: SHA-256 alone over an already-built body (the floor of any key over it). */
  @Benchmark
  public byte[] sha256OfPrebuiltBody() throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(body);
  }

  @Benchmark
  public String baselineHashViaTreeAndString() throws Exception {
    ObjectNode root = MAPPER.createObjectNode();
    root.putObject("systemInstruction")
        .putArray("parts")
        .addObject()
        .put("text", request.systemInstruction());
    ArrayNode contents = root.putArray("contents");
    for (Turn t : request.contents()) {
      ObjectNode turn = contents.addObject();
      turn.put("role", t.role().apiName());
      turn.putArray("parts").addObject().put("text", t.text());
    }
    root.putObject("generationConfig")
        .put("temperature", 0.9)
        .put("topK", 40)
        .put("topP", 0.95)
        .put("maxOutputTokens", 8192);
    String json = "gemini-2.5-flash\n" + MAPPER.writeValueAsString(root);
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
    StringBuilder hex = new StringBuilder();
    for (byte b : digest) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }
}
