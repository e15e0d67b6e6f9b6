package dev.llmbot.console;

import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.Author;
import dev.llmbot.bus.BusErrors;
import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.InboundMessage;
import dev.llmbot.bus.Reply;
import dev.llmbot.bus.Source;
import dev.llmbot.bus.TriggerKind;
import dev.llmbot.command.CommandCatalog;
import dev.llmbot.command.CommandHandler;
import dev.llmbot.core.BotServices;
import dev.llmbot.core.Readiness;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Console mode (SPEC §1): each stdin line is a message from the local user in a local channel, or a
 * slash command. A dedicated reader thread (never an event loop) reads a line, hands it to the bus,
 * waits for the reply and prints it chunk by chunk, so piped input is answered in order. At EOF it
 * calls the shutdown callback.
 */
@ConsoleOutput
public final class ConsoleVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleVerticle.class);

  /** The console acts as one local server with one channel, so guild commands work too. */
  public static final long LOCAL_GUILD = 1L;

  public static final long LOCAL_CHANNEL = 1L;
  public static final long LOCAL_USER = 1L;

  private final BotServices services;
  private final InputStream in;
  private final PrintStream out;
  private final Runnable onEof;
  private final Author user;
  private volatile boolean stopping;
  private long sequence;

  public ConsoleVerticle(BotServices services, InputStream in, PrintStream out, Runnable onEof) {
    this.services = services;
    this.in = in;
    this.out = out;
    this.onEof = onEof;
    this.user = new Author(LOCAL_USER, System.getProperty("user.name", "you"), true);
  }

  @Override
  public Future<?> start() {
    Thread reader = new Thread(this::readLoop, "console-stdin");
    reader.setDaemon(true);
    reader.start();
    services.readiness().set(Readiness.ADAPTER, true);
    LOG.info("Console mode: type a message, or /help. Ctrl-D (EOF) or Ctrl-C quits.");
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    services.readiness().set(Readiness.ADAPTER, false);
    return Future.succeededFuture();
  }

  private void readLoop() {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while (!stopping && (line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          handleLine(line);
        }
      }
    } catch (IOException e) {
      LOG.warn("Console input failed: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.flush();
    if (!stopping) {
      onEof.run();
    }
  }

  private void handleLine(String line) throws InterruptedException {
    if (!services.intake().open()) {
      return;
    }
    String id = "console-" + (++sequence);
    ConsoleLine parsed =
        ConsoleLine.parse(
            line, name -> CommandCatalog.find(name).map(CommandHandler::spec), this::userId);
    Object request;
    String address;
    if (parsed.isCommand()) {
      address = Addresses.COMMAND_RUN;
      request =
          new CommandRequest(
              id,
              Source.CONSOLE,
              parsed.command(),
              parsed.options(),
              LOCAL_GUILD,
              LOCAL_CHANNEL,
              user,
              System.nanoTime());
    } else {
      address = Addresses.CHAT_REQUEST;
      request =
          new InboundMessage(
              id,
              Source.CONSOLE,
              TriggerKind.CONSOLE,
              LOCAL_GUILD,
              LOCAL_CHANNEL,
              user,
              parsed.text(),
              null,
              System.nanoTime());
    }
    long timeout = services.config().gemini().deadlineSeconds() * 1000L + 30_000L;
    CompletableFuture<Reply> done = new CompletableFuture<>();
    vertx
        .eventBus()
        .<Reply>request(address, request, new DeliveryOptions().setSendTimeout(timeout))
        .onSuccess(m -> done.complete(m.body()))
        .onFailure(done::completeExceptionally);
    try {
      print(done.get());
    } catch (ExecutionException e) {
      out.println(BusErrors.toBot(e.getCause()).userText());
    }
  }

  private void print(Reply reply) {
    for (String chunk : reply.chunks()) {
      out.println(chunk);
    }
    if (reply.hasAttachment()) {
      out.println("----- reply.md (attachment) -----");
      out.println(reply.attachment());
      out.println("----- end of reply.md -----");
    }
    out.flush();
  }

  private Optional<Long> userId(String token) {
    if (token.equalsIgnoreCase("me") || token.equalsIgnoreCase("@" + user.name())) {
      return Optional.of(LOCAL_USER);
    }
    String digits =
        token.startsWith("<@") && token.endsWith(">")
            ? token.substring(2, token.length() - 1)
            : token;
    if (!digits.isEmpty() && digits.length() <= 19 && digits.chars().allMatch(Character::isDigit)) {
      return Optional.of(Long.parseLong(digits));
    }
    return Optional.empty();
  }
}
