package dev.llmbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.InboundMessage;
import dev.llmbot.bus.LocalRecordCodec;
import dev.llmbot.bus.Outcome;
import dev.llmbot.bus.Reply;
import dev.llmbot.bus.TriggerKind;
import dev.llmbot.bus.UserTexts;
import dev.llmbot.command.CommandSpec;
import dev.llmbot.command.OptionSpec;
import dev.llmbot.config.BotConfig;
import dev.llmbot.config.ConfigLoader;
import dev.llmbot.core.BotServices;
import dev.llmbot.core.Intake;
import dev.llmbot.core.Readiness;
import dev.llmbot.testing.FakeDiscord;
import dev.llmbot.testing.FakeDiscord.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Javacord adapter against {@link FakeDiscord}, with scripted chat and command consumers
 * on the bus so that each test controls exactly what the pipeline answers. One login for the class
 * (Javacord spaces IDENTIFYs 5.5 s apart per token).
 */
class DiscordAdapterIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String MESSAGES = "/channels/\\d+/messages";

  /** A test catalog: the real /chat and /status shapes plus a guild-only and an admin command. */
  private static final List<CommandSpec> COMMANDS =
      List.of(
          new CommandSpec(
              "chat",
              "Talk to me",
              List.of(OptionSpec.string("message", "What you want to say", true)),
              false,
              false,
              false),
          new CommandSpec("status", "Bot status", List.of(), false, false, true),
          new CommandSpec(
              "remember",
              "Store a moment",
              List.of(
                  OptionSpec.user("user", "Who", true),
                  OptionSpec.string("moment", "What happened", true)),
              false,
              true,
              false),
          new CommandSpec("summarize", "Fold moments", List.of(), true, false, true));

  private static FakeDiscord discord;
  private static Vertx vertx;
  private static Readiness readiness;
  private static final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private static final List<InboundMessage> chats = new CopyOnWriteArrayList<>();
  private static final List<CommandRequest> commands = new CopyOnWriteArrayList<>();
  private static final java.util.concurrent.CompletableFuture<Runnable> held =
      new java.util.concurrent.CompletableFuture<>();

  @BeforeAll
  static void start() throws Exception {
    discord = FakeDiscord.start();
    BotConfig config =
        ConfigLoader.load(
            (Path) null,
            Map.of(
                "DISCORD_TOKEN",
                discord.token(),
                "BOT_DISCORD_COMMAND_GUILD_IDS",
                Long.toString(discord.guildId()),
                "BOT_DISCORD_TYPING_INTERVAL_SECONDS",
                "1"));
    readiness = new Readiness();
    BotServices services =
        new BotServices(
            config,
            registry,
            readiness,
            new Intake(),
            Clock.systemUTC(),
            "test",
            System.currentTimeMillis());
    vertx = Vertx.vertx();
    LocalRecordCodec.install(vertx.eventBus());
    vertx
        .eventBus()
        .<InboundMessage>localConsumer(
            Addresses.CHAT_REQUEST,
            msg -> {
              InboundMessage m = msg.body();
              chats.add(m);
              if (m.content().equals("slow")) {
                vertx.setTimer(3_500, t -> msg.reply(script(m.id(), m.content())));
              } else if (m.content().startsWith("hold ")) {
                // Answered only when the test says so: the deferral must not wait for it.
                held.complete(() -> msg.reply(script(m.id(), m.content().substring(5))));
              } else {
                msg.reply(script(m.id(), m.content()));
              }
            });
    vertx
        .eventBus()
        .<CommandRequest>localConsumer(
            Addresses.COMMAND_RUN,
            msg -> {
              CommandRequest c = msg.body();
              commands.add(c);
              boolean ephemeral =
                  COMMANDS.stream()
                      .filter(s -> s.name().equals(c.name()))
                      .findFirst()
                      .orElseThrow()
                      .ephemeral();
              msg.reply(Reply.text(c.requestId(), Outcome.COMMAND, "ran /" + c.name(), ephemeral));
            });
    vertx
        .deployVerticle(new DiscordVerticle(services, COMMANDS))
        .toCompletionStage()
        .toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
  }

  /**
   * What the scripted pipeline answers: {@code long N} gives N numbered chunks with an attachment,
   * {@code fail} an error text; anything else {@code "echo: <content>"}.
   */
  private static Reply script(String id, String content) {
    if (content.startsWith("long ")) {
      int n = Integer.parseInt(content.substring(5).trim());
      List<String> chunks = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        chunks.add(("part " + i + " ").repeat(300).substring(0, 1990));
      }
      return new Reply(id, Outcome.ANSWERED, chunks, "overflow text", false);
    }
    return Reply.text(id, Outcome.ANSWERED, "echo: " + content, false);
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (discord != null) {
      discord.close();
    }
  }

  @BeforeEach
  void clear() {
    chats.clear();
    commands.clear();
  }

  private static Predicate<RecordedRequest> postWith(String content) {
    return r -> r.is("POST", MESSAGES) && content.equals(r.content());
  }

  private static Predicate<RecordedRequest> interactionCall(long interactionId, String suffix) {
    return r ->
        r.path().startsWith("/interactions/" + interactionId + "/") && r.path().endsWith(suffix);
  }

  /** Every create and edit the bot sent can ping nobody but, at most, one user. */
  private static void assertSafeMentions(RecordedRequest r) {
    JsonObject am = r.allowedMentions();
    assertThat(am).as("allowed_mentions on %s %s", r.method(), r.path()).isNotNull();
    JsonArray parse = am.getJsonArray("parse", new JsonArray());
    assertThat(parse.getList()).doesNotContain("everyone", "roles", "users");
    assertThat(am.getJsonArray("roles", new JsonArray()).getList()).isEmpty();
    assertThat(am.getJsonArray("users", new JsonArray()).size()).isLessThanOrEqualTo(1);
  }

  @Test
  void loginReportsReadyAndRegistersEveryCommandWithOneBulkOverwritePerGuild() throws Exception {
    assertThat(readiness.snapshot()).containsEntry(Readiness.ADAPTER, true);
    RecordedRequest put =
        discord.awaitRequest(
            r -> r.is("PUT", "/applications/\\d+/guilds/" + discord.guildId() + "/commands"), WAIT);
    assertThat(put.jsonArray().stream().map(o -> ((JsonObject) o).getString("name")))
        .containsExactlyInAnyOrder("chat", "status", "remember", "summarize");
    assertThat(discord.requests(r -> r.method().equals("PUT"))).hasSize(1);
    JsonObject identify = discord.identifies().get(0);
    long intents = identify.getLong("intents");
    assertThat(intents & (1L << 15)).as("MESSAGE_CONTENT").isNotZero();
    assertThat(intents & (1L << 1)).as("GUILD_MEMBERS is privileged").isZero();
    assertThat(intents & (1L << 8)).as("GUILD_PRESENCES is privileged").isZero();
    assertThat(intents & (1L << 9)).as("GUILD_MESSAGES").isNotZero();
    assertThat(intents & (1L << 12)).as("DIRECT_MESSAGES").isNotZero();
  }

  @Test
  void aMentionGetsExactlyOneReplyWithThePipelinesTextAndTheMentionStripped() throws Exception {
    long id = discord.guildMessage(discord.alice(), "<@" + discord.bot().id() + "> what is up");
    RecordedRequest reply = discord.awaitRequest(postWith("echo: what is up"), WAIT);
    assertThat(reply.json().getJsonObject("message_reference").getValue("message_id").toString())
        .isEqualTo(Long.toString(id));
    assertSafeMentions(reply);
    assertThat(reply.allowedMentions().getJsonArray("users").getList())
        .containsExactly(Long.toString(discord.alice().id()));
    assertThat(chats).hasSize(1);
    InboundMessage m = chats.get(0);
    assertThat(m.trigger()).isEqualTo(TriggerKind.MENTION);
    assertThat(m.guildId()).isEqualTo(discord.guildId());
    assertThat(m.channelId()).isEqualTo(discord.channelId());
    assertThat(m.author().id()).isEqualTo(discord.alice().id());
    assertThat(m.author().admin()).isFalse();
    assertThat(discord.requests(r -> r.is("POST", "/channels/\\d+/typing"))).isNotEmpty();
    // A later marker is answered, and still only one reply exists for the mention.
    discord.dmMessage(discord.alice(), "marker 1");
    discord.awaitRequest(postWith("echo: marker 1"), WAIT);
    assertThat(discord.requests(postWith("echo: what is up"))).hasSize(1);
  }

  @Test
  void aDirectMessageIsAnsweredInTheDmChannel() throws Exception {
    discord.dmMessage(discord.alice(), "hello there");
    RecordedRequest reply = discord.awaitRequest(postWith("echo: hello there"), WAIT);
    assertThat(reply.path()).contains("/" + discord.dmChannelId(discord.alice()) + "/");
    assertSafeMentions(reply);
    assertThat(chats.get(0).trigger()).isEqualTo(TriggerKind.DM);
    assertThat(chats.get(0).guildId()).isZero();
  }

  @Test
  void aReplyToTheBotIsAnsweredWithoutAMention() throws Exception {
    discord.guildMessage(discord.alice(), "<@" + discord.bot().id() + "> first");
    RecordedRequest first = discord.awaitRequest(postWith("echo: first"), WAIT);
    long botMessageId = botMessageIdOf(first);
    discord.guildReply(discord.alice(), "and a follow-up", botMessageId);
    discord.awaitRequest(postWith("echo: and a follow-up"), WAIT);
    assertThat(chats).extracting(InboundMessage::trigger).contains(TriggerKind.REPLY);
  }

  private static long botMessageIdOf(RecordedRequest sent) {
    return discord.createdMessageId(sent);
  }

  @Test
  void messagesWithoutMentionByBotsByWebhooksSystemOrItselfGetNothing() throws Exception {
    long bot = discord.bot().id();
    discord.guildMessage(discord.alice(), "just chatting, no mention");
    discord.guildMessage(discord.alice(), "hey @everyone and <@&" + discord.guildId() + ">");
    discord.guildMessage(discord.otherBot(), "<@" + bot + "> bot to bot");
    discord.guildMessage(discord.bot(), "<@" + bot + "> talking to myself");
    JsonObject webhook =
        discord.messageJson(
            discord.alice(), discord.guildId(), discord.channelId(), "<@" + bot + "> hook");
    webhook.put("webhook_id", Long.toString(discord.next()));
    webhook.remove("member");
    discord.dispatchMessage(webhook);
    JsonObject system =
        discord.messageJson(
            discord.alice(), discord.guildId(), discord.channelId(), "<@" + bot + "> joined");
    system.put("type", 7);
    discord.dispatchMessage(system);
    // A barrier: this one is answered, and Javacord dispatches a guild's events in order.
    discord.guildMessage(discord.alice(), "<@" + bot + "> barrier");
    discord.awaitRequest(postWith("echo: barrier"), WAIT);
    assertThat(chats).extracting(InboundMessage::content).containsExactly("barrier");
    assertThat(discord.requests(r -> r.is("POST", MESSAGES)))
        .extracting(RecordedRequest::content)
        .noneMatch(c -> c.contains("no mention") || c.contains("everyone and"))
        .noneMatch(c -> c.contains("bot to bot") || c.contains("myself"))
        .noneMatch(c -> c.contains("hook") || c.contains("joined"));
  }

  @Test
  void aLongReplyArrivesAsSeveralMessagesInOrderWithTheAttachmentOnTheLast() throws Exception {
    discord.guildMessage(discord.alice(), "<@" + discord.bot().id() + "> long 3");
    List<RecordedRequest> posts =
        discord.awaitRequests(
            r -> r.is("POST", MESSAGES) && r.content() != null && r.content().startsWith("part "),
            3,
            WAIT);
    assertThat(posts)
        .extracting(RecordedRequest::content)
        .allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(2000));
    assertThat(posts.get(0).content()).startsWith("part 1 ");
    assertThat(posts.get(1).content()).startsWith("part 2 ");
    assertThat(posts.get(2).content()).startsWith("part 3 ");
    assertThat(posts.get(0).json().getJsonObject("message_reference")).isNotNull();
    assertThat(posts.get(1).json().getJsonObject("message_reference")).isNull();
    assertThat(posts.get(2).uploads())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.filename()).isEqualTo("reply.md");
              assertThat(u.text()).isEqualTo("overflow text");
            });
    assertThat(posts.get(0).uploads()).isEmpty();
    posts.forEach(DiscordAdapterIT::assertSafeMentions);
  }

  @Test
  void everyMessageTheBotSendsCarriesSafeAllowedMentions() throws Exception {
    discord.guildMessage(discord.alice(), "<@" + discord.bot().id() + "> @everyone @here hi");
    discord.awaitRequest(postWith("echo: @everyone @here hi"), WAIT);
    List<RecordedRequest> sent =
        discord.requests(
            r ->
                (r.is("POST", MESSAGES)
                    || r.is("PATCH", "/webhooks/.*")
                    || r.is("POST", "/webhooks/\\d+/[^/]+")));
    assertThat(sent).isNotEmpty();
    sent.forEach(DiscordAdapterIT::assertSafeMentions);
  }

  @Test
  void slashChatIsDeferredWithinThreeSecondsThenEditedWithFollowUpsForTheRest() throws Exception {
    long sentAt = System.nanoTime();
    long id = discord.slashCommand(discord.alice(), true, "chat", Map.of("message", "hold long 3"));
    RecordedRequest callback = discord.awaitRequest(interactionCall(id, "/callback"), WAIT);
    assertThat(callback.json().getInteger("type")).isEqualTo(5);
    assertThat(callback.flags() & 64).as("public").isZero();
    assertThat(Duration.ofNanos(callback.atNanos() - sentAt)).isLessThan(Duration.ofSeconds(3));
    // The pipeline has not answered yet: deferring never waits for it.
    String token = "itoken-" + id;
    assertThat(discord.requests(r -> r.path().startsWith("/webhooks/") && r.path().contains(token)))
        .isEmpty();
    held.get(10, TimeUnit.SECONDS).run();
    RecordedRequest edit =
        discord.awaitRequest(
            r -> r.is("PATCH", "/webhooks/\\d+/" + token + "/messages/@original"), WAIT);
    assertThat(edit.content()).startsWith("part 1 ");
    List<RecordedRequest> followUps =
        discord.awaitRequests(r -> r.is("POST", "/webhooks/\\d+/" + token), 2, WAIT);
    assertThat(followUps.get(0).content()).startsWith("part 2 ");
    assertThat(followUps.get(1).content()).startsWith("part 3 ");
    assertThat(followUps.get(1).uploads())
        .extracting(FakeDiscord.Upload::filename)
        .containsExactly("reply.md");
    assertThat(edit.atNanos()).isLessThan(followUps.get(0).atNanos());
    assertSafeMentions(edit);
    followUps.forEach(DiscordAdapterIT::assertSafeMentions);
    assertThat(chats)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.trigger()).isEqualTo(TriggerKind.SLASH);
              assertThat(m.content()).isEqualTo("hold long 3");
            });
  }

  @Test
  void slashStatusIsDeferredEphemerallyAndAnsweredByEditingTheOriginal() throws Exception {
    long id = discord.slashCommand(discord.alice(), true, "status", Map.of());
    RecordedRequest callback = discord.awaitRequest(interactionCall(id, "/callback"), WAIT);
    assertThat(callback.json().getInteger("type")).isEqualTo(5);
    assertThat(callback.flags() & 64).as("ephemeral").isEqualTo(64);
    RecordedRequest edit =
        discord.awaitRequest(
            r -> r.is("PATCH", "/webhooks/\\d+/itoken-" + id + "/messages/@original"), WAIT);
    assertThat(edit.content()).isEqualTo("ran /status");
    assertThat(commands)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.name()).isEqualTo("status");
              assertThat(c.guildId()).isEqualTo(discord.guildId());
            });
  }

  @Test
  void aGuildOnlyCommandInADmGetsTheClearAnswerWithoutReachingTheBus() throws Exception {
    long id =
        discord.slashCommand(
            discord.alice(), false, "remember", Map.of("user", discord.boss(), "moment", "x"));
    RecordedRequest answer = discord.awaitRequest(interactionCall(id, "/callback"), WAIT);
    assertThat(answer.json().getInteger("type")).isEqualTo(4);
    assertThat(answer.content()).isEqualTo(UserTexts.GUILD_ONLY);
    assertThat(answer.flags() & 64).isEqualTo(64);
    assertThat(commands).isEmpty();
  }

  @Test
  void aGuildCommandWithAUserOptionCarriesTheUserId() throws Exception {
    long id =
        discord.slashCommand(
            discord.alice(), true, "remember", Map.of("user", discord.boss(), "moment", "won"));
    discord.awaitRequest(
        r -> r.is("PATCH", "/webhooks/\\d+/itoken-" + id + "/messages/@original"), WAIT);
    assertThat(commands)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.option("user")).isEqualTo(Long.toString(discord.boss().id()));
              assertThat(c.option("moment")).isEqualTo("won");
            });
  }

  @Test
  void anAdminCommandByANonAdminIsRefusedAndByAnAdminRuns() throws Exception {
    long refused = discord.slashCommand(discord.alice(), true, "summarize", Map.of());
    RecordedRequest answer = discord.awaitRequest(interactionCall(refused, "/callback"), WAIT);
    assertThat(answer.json().getInteger("type")).isEqualTo(4);
    assertThat(answer.content()).isEqualTo(UserTexts.ADMIN_ONLY);
    assertThat(answer.flags() & 64).isEqualTo(64);
    assertThat(
            registry
                .find("bot.response")
                .tags("trigger", "slash", "outcome", "refused")
                .timer()
                .count())
        .isGreaterThanOrEqualTo(1);
    long allowed = discord.slashCommand(discord.boss(), true, "summarize", Map.of());
    discord.awaitRequest(
        r -> r.is("PATCH", "/webhooks/\\d+/itoken-" + allowed + "/messages/@original"), WAIT);
    assertThat(commands).singleElement().satisfies(c -> assertThat(c.caller().admin()).isTrue());
  }

  @Test
  void aForbiddenSendIsSurvivedAndTheNextMessageIsAnswered() throws Exception {
    discord.failNext("POST", MESSAGES, 403, 50013, "Missing Permissions");
    discord.guildMessage(discord.alice(), "<@" + discord.bot().id() + "> refused");
    discord.awaitRequest(postWith("echo: refused"), WAIT);
    discord.guildMessage(discord.alice(), "<@" + discord.bot().id() + "> allowed");
    discord.awaitRequest(postWith("echo: allowed"), WAIT);
    assertThat(discord.requests(postWith("echo: refused"))).hasSize(1);
  }

  @Test
  void theTypingIndicatorIsRenewedWhileThePipelineRuns() throws Exception {
    long sentAt = System.nanoTime();
    discord.dmMessage(discord.alice(), "slow");
    RecordedRequest reply = discord.awaitRequest(postWith("echo: slow"), WAIT);
    String typingPath = "/channels/" + discord.dmChannelId(discord.alice()) + "/typing";
    List<RecordedRequest> typing =
        discord.requests(
            r ->
                r.is("POST", typingPath)
                    && r.atNanos() >= sentAt
                    && r.atNanos() <= reply.atNanos());
    // Interval 1 s, pipeline 3.5 s: the first at once, then renewals.
    assertThat(typing.size()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void a429IsRetriedByJavacordAndTheReplyStillArrivesOnce() throws Exception {
    discord.failNext("POST", MESSAGES, 429, 0, "You are being rate limited.");
    discord.guildMessage(discord.alice(), "<@" + discord.bot().id() + "> limited");
    // The first attempt gets the 429; Javacord waits retry_after and sends it once more.
    discord.awaitRequests(postWith("echo: limited"), 2, WAIT);
    discord.dmMessage(discord.alice(), "marker 429");
    discord.awaitRequest(postWith("echo: marker 429"), WAIT);
    assertThat(discord.requests(postWith("echo: limited"))).hasSize(2);
  }

  @Test
  void manyConcurrentMentionsAreEachAnsweredExactlyOnce() throws Exception {
    int n = 30;
    for (int i = 0; i < n; i++) {
      discord.guildMessage(discord.alice(), "<@" + discord.bot().id() + "> burst " + i);
    }
    discord.awaitRequests(
        r ->
            r.is("POST", MESSAGES) && r.content() != null && r.content().startsWith("echo: burst "),
        n,
        WAIT);
    for (int i = 0; i < n; i++) {
      assertThat(discord.requests(postWith("echo: burst " + i))).as("burst %d", i).hasSize(1);
    }
  }

  /** The only test here that sends an empty guild message, so the one warning is its own. */
  @Test
  void emptyGuildMessagesLogOnceThatTheMessageContentIntentIsNeeded() throws Exception {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(MessageRelay.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
        new ch.qos.logback.core.read.ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try {
      for (int i = 0; i < 2; i++) {
        discord.guildMessage(discord.alice(), "");
        discord.guildMessage(discord.alice(), "<@" + discord.bot().id() + "> intent " + i);
        discord.awaitRequest(postWith("echo: intent " + i), WAIT);
      }
      assertThat(logs.list)
          .filteredOn(e -> e.getFormattedMessage().contains("Message Content intent"))
          .singleElement()
          .satisfies(e -> assertThat(e.getLevel().toString()).isEqualTo("WARN"));
    } finally {
      logger.detachAppender(logs);
    }
  }
}
