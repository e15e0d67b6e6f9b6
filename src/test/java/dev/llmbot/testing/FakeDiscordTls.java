package dev.llmbot.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TLS material of {@link FakeDiscord}: a key pair for discord.com and gateway.discord.gg made
 * at test time by the JDK's own {@code keytool}, and a truststore holding only its certificate.
 *
 * <p>Nothing here is checked in: every run makes a fresh key in a temporary directory, so no
 * private key ever lives in the repository. Used on the test thread only.
 */
final class FakeDiscordTls {
  /** The hosts Javacord talks to; the certificate's SAN names exactly these. */
  static final List<String> HOSTS = List.of("discord.com", "gateway.discord.gg");

  static final String PASSWORD = "fake-discord";

  private final Path keyStore;
  private final Path trustStore;

  private FakeDiscordTls(Path keyStore, Path trustStore) {
    this.keyStore = keyStore;
    this.trustStore = trustStore;
  }

  /** The PKCS#12 key store with the server key (alias {@code fake-discord}). */
  Path keyStore() {
    return keyStore;
  }

  /** The PKCS#12 truststore holding only the fake's certificate. */
  Path trustStore() {
    return trustStore;
  }

  /**
   * Makes a key pair and a truststore in {@code dir}. The truststore is written to {@code
   * trustStoreTarget} when given (so that a path fixed in advance, e.g. by the build, can be used),
   * otherwise next to the key store.
   */
  static FakeDiscordTls create(Path dir, Path trustStoreTarget) throws IOException {
    Files.createDirectories(dir);
    Path ks = dir.resolve("fake-discord-key.p12");
    Path ts = trustStoreTarget != null ? trustStoreTarget : dir.resolve("fake-discord-trust.p12");
    Files.deleteIfExists(ks);
    Files.deleteIfExists(ts);
    if (ts.getParent() != null) {
      Files.createDirectories(ts.getParent());
    }
    String san = "SAN=" + String.join(",", HOSTS.stream().map(h -> "dns:" + h).toList());
    keytool(
        "-genkeypair",
        "-alias",
        "fake-discord",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-sigalg",
        "SHA256withECDSA",
        "-dname",
        "CN=discord.com, O=FakeDiscord test",
        "-ext",
        san,
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        ks.toString(),
        "-storepass",
        PASSWORD,
        "-keypass",
        PASSWORD);
    // The truststore is written in-process (standard KeyStore API): one keytool run is enough.
    try {
      KeyStore key = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(ks)) {
        key.load(in, PASSWORD.toCharArray());
      }
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("fake-discord", key.getCertificate("fake-discord"));
      try (OutputStream out = Files.newOutputStream(ts)) {
        trust.store(out, PASSWORD.toCharArray());
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("could not write the fake's truststore", e);
    }
    return new FakeDiscordTls(ks, ts);
  }

  private static void keytool(String... args) throws IOException {
    Path exe = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new ArrayList<>();
    command.add(exe.toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("keytool did not finish in 60 s: " + command);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running keytool", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException("keytool failed (" + p.exitValue() + "): " + command + "\n" + out);
    }
  }
}
