package dev.llmbot.llm;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.llmbot.bus.LlmRequest;
import dev.llmbot.bus.Turn;
import dev.llmbot.config.GeminiConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Turns an {@link LlmRequest} into the exact Gemini {@code generateContent} body, and into the
 * response-cache key: the SHA-256 of the model id and that body (SPEC §7). The body is canonical —
 * fixed key order, compact, no optional key unless set — so one request always gives the same bytes
 * and the same key. The top-level keys are {@code systemInstruction}, {@code contents}, {@code
 * generationConfig} and, when configured, {@code safetySettings}; nothing else (Gemini answers 400
 * to an unknown field).
 *
 * <p>Immutable and thread-safe. The key is computed by streaming the body straight into the digest,
 * so a cache hit never materialises the (up to ~100 KB) body.
 */
public final class CanonicalRequest {
  // Emoji and other supplementary characters go out as their 4 UTF-8 bytes, not escaped pairs.
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
  private static final HexFormat HEX = HexFormat.of();

  private final String model;
  private final byte[] modelPrefix;
  private final double temperature;
  private final int topK;
  private final double topP;
  private final int maxOutputTokens;
  private final int thinkingBudget;
  private final List<GeminiConfig.SafetySetting> safetySettings;

  /**
   * @param model the model id (part of the key: another model is another answer)
   * @param thinkingBudget tokens, or -1 to leave {@code thinkingConfig} out
   * @param safetySettings overrides; empty leaves {@code safetySettings} out
   */
  public CanonicalRequest(
      String model,
      double temperature,
      int topK,
      double topP,
      int maxOutputTokens,
      int thinkingBudget,
      List<GeminiConfig.SafetySetting> safetySettings) {
    this.model = Objects.requireNonNull(model, "model");
    this.modelPrefix = (model + "\n").getBytes(StandardCharsets.UTF_8);
    this.temperature = temperature;
    this.topK = topK;
    this.topP = topP;
    this.maxOutputTokens = maxOutputTokens;
    this.thinkingBudget = thinkingBudget;
    this.safetySettings = List.copyOf(safetySettings);
  }

  /** The request shape configured by {@code config}. */
  public static CanonicalRequest from(GeminiConfig config) {
    return new CanonicalRequest(
        config.model(),
        config.temperature(),
        config.topK(),
        config.topP(),
        config.maxOutputTokens(),
        config.thinkingBudget(),
        config.safetySettings());
  }

  public String model() {
    return model;
  }

  /** The UTF-8 JSON body to POST. */
  public byte[] body(LlmRequest request) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(estimate(request));
    write(request, out);
    return out.toByteArray();
  }

  /** The cache key: lower-case hex SHA-256 over the model id, a newline, and {@link #body}. */
  public String key(LlmRequest request) {
    MessageDigest digest = sha256();
    digest.update(modelPrefix);
    write(request, new DigestSink(digest));
    return HEX.formatHex(digest.digest());
  }

  /**
   * A key that also covers {@code extra}, for a backend whose answer depends on more than the body
   * (the offline responder quotes the user's name).
   */
  public String key(LlmRequest request, String extra) {
    MessageDigest digest = sha256();
    digest.update(modelPrefix);
    digest.update((extra.length() + ":" + extra + "\n").getBytes(StandardCharsets.UTF_8));
    write(request, new DigestSink(digest));
    return HEX.formatHex(digest.digest());
  }

  /** Writes the canonical body of {@code request} to {@code out}. */
  public void write(LlmRequest request, OutputStream out) {
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();

      g.writeObjectFieldStart("systemInstruction");
      writeParts(g, request.systemInstruction());
      g.writeEndObject();

      g.writeArrayFieldStart("contents");
      for (Turn turn : request.contents()) {
        g.writeStartObject();
        g.writeStringField("role", turn.role().apiName());
        writeParts(g, turn.text());
        g.writeEndObject();
      }
      g.writeEndArray();

      g.writeObjectFieldStart("generationConfig");
      g.writeNumberField("temperature", temperature);
      g.writeNumberField("topK", topK);
      g.writeNumberField("topP", topP);
      g.writeNumberField("maxOutputTokens", maxOutputTokens);
      if (thinkingBudget >= 0) {
        g.writeObjectFieldStart("thinkingConfig");
        g.writeNumberField("thinkingBudget", thinkingBudget);
        g.writeEndObject();
      }
      g.writeEndObject();

      if (!safetySettings.isEmpty()) {
        g.writeArrayFieldStart("safetySettings");
        for (GeminiConfig.SafetySetting s : safetySettings) {
          g.writeStartObject();
          g.writeStringField("category", s.category());
          g.writeStringField("threshold", s.threshold());
          g.writeEndObject();
        }
        g.writeEndArray();
      }

      g.writeEndObject();
    } catch (IOException e) {
      // Only the in-memory sinks above are used, which never throw.
      throw new UncheckedIOException(e);
    }
  }

  private static void writeParts(JsonGenerator g, String text) throws IOException {
    g.writeArrayFieldStart("parts");
    g.writeStartObject();
    g.writeStringField("text", text);
    g.writeEndObject();
    g.writeEndArray();
  }

  private static int estimate(LlmRequest request) {
    long chars = request.systemInstruction().length() + 256L;
    for (Turn t : request.contents()) {
      chars += t.text().length() + 48;
    }
    return (int) Math.min(chars + chars / 8, 1 << 24);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** An OutputStream that only feeds a digest: no buffer of the whole body is kept. */
  private static final class DigestSink extends OutputStream {
    private final MessageDigest digest;

    DigestSink(MessageDigest digest) {
      this.digest = digest;
    }

    @Override
    public void write(int b) {
      digest.update((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      digest.update(b, off, len);
    }
  }
}
