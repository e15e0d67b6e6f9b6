package dev.llmbot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.javacord.api.DiscordApi;
import org.javacord.api.DiscordApiBuilder;
import org.javacord.api.entity.intent.Intent;
import org.javacord.api.entity.message.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * FakeDiscord speaks enough Discord for a plain Javacord client, configured with nothing but the
 * token, to log in through the JVM's default proxy and truststore, see a guild message and reply.
 */
class FakeDiscordSmokeIT {
  private static FakeDiscord discord;
  private static DiscordApi api;

  @BeforeAll
  static void login() throws Exception {
    discord = FakeDiscord.start();
    api =
        new DiscordApiBuilder()
            .setToken(discord.token())
            .setAllNonPrivilegedIntentsAnd(Intent.MESSAGE_CONTENT)
            .login()
            .get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      try {
        api.disconnect();
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // Javacord 3.8 race: the socket closed first and its pool is already shutting down.
      }
    }
    if (discord != null) {
      discord.close();
    }
  }

  @Test
  void javacordLogsInThroughTheProxyWithOnlyJvmDefaults() {
    assertThat(api.getYourself().getId()).isEqualTo(discord.bot().id());
    assertThat(api.getServerById(discord.guildId())).isPresent();
    assertThat(api.getServerTextChannelById(discord.channelId())).isPresent();
    assertThat(discord.tunnelled()).contains("discord.com:443", "gateway.discord.gg:443");
    assertThat(discord.identifies()).hasSize(1);
    assertThat(discord.identifies().get(0).getLong("intents") & (1L << 15)).isNotZero();
  }

  @Test
  void aGuildMessageReachesTheListenerAndAReplyIsRecorded() throws Exception {
    api.addMessageCreateListener(
        e -> {
          if (!e.getMessageAuthor().isYourself() && e.getMessageContent().equals("ping")) {
            e.getMessage().reply("pong");
          }
        });
    discord.guildMessage(discord.alice(), "ping");
    FakeDiscord.RecordedRequest r =
        discord.awaitRequest(
            q -> q.is("POST", "/channels/\\d+/messages") && "pong".equals(q.content()),
            Duration.ofSeconds(10));
    assertThat(r.json().getJsonObject("message_reference")).isNotNull();
    Message sent =
        api.getServerTextChannelById(discord.channelId())
            .orElseThrow()
            .sendMessage("hello")
            .get(10, TimeUnit.SECONDS);
    assertThat(sent.getContent()).isEqualTo("hello");
  }

  @Test
  void theProxyRefusesEveryOtherHostSoNoTestCanReachTheInternet() throws Exception {
    int port = Integer.parseInt(System.getProperty("https.proxyPort"));
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream()
          .write(
              "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String status =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(
                      s.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
              .readLine();
      assertThat(status).startsWith("HTTP/1.1 403");
    }
    assertThat(discord.tunnelled()).noneMatch(t -> t.startsWith("example.com"));
  }
}
