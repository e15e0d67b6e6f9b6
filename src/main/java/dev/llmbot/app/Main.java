package dev.llmbot.app;

import ch.qos.logback.classic.LoggerContext;
import dev.llmbot.config.BotConfig;
import dev.llmbot.config.ConfigException;
import dev.llmbot.config.ConfigLoader;
import dev.llmbot.console.ConsoleOutput;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Entry point: loads and validates the config (exit 2 with one clear line if bad), picks the log
 * format, starts the bot, and exits 0 after a clean shutdown on EOF (console) or SIGTERM.
 */
public final class Main {
  /** Exit code for a configuration the bot cannot run with. */
  public static final int EXIT_CONFIG = 2;

  /** Exit code for a start-up failure other than config (e.g. the ops port is in use). */
  public static final int EXIT_START = 1;

  private Main() {}

  @ConsoleOutput
  public static void main(String[] args) throws InterruptedException {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    BotConfig config;
    try {
      config = ConfigLoader.load(System.getenv());
    } catch (ConfigException e) {
      fatal(e.getMessage());
      System.exit(EXIT_CONFIG);
      return;
    }
    if (config.log().json() && System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
    Logger log = LoggerFactory.getLogger(Main.class);
    String version = version();
    log.info(
        "Starting discord-llm-bot {} in {} mode with the {} responder",
        version,
        config.discord().enabled() ? "discord" : "console",
        config.gemini().mode());
    BotApp app = new BotApp(config, Clock.systemUTC(), version, System.in, System.out);
    Thread hook =
        new Thread(
            () -> {
              try {
                app.shutdown()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(config.shutdown().graceSeconds() + 10L, TimeUnit.SECONDS);
              } catch (Exception e) {
                log.warn("Shutdown did not complete cleanly: {}", e.toString());
              }
              flushLogs();
            },
            "shutdown-hook");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      app.start().toCompletionStage().toCompletableFuture().get();
    } catch (java.util.concurrent.ExecutionException e) {
      fatal("Start-up failed: " + e.getCause().getMessage());
      log.error("Start-up failed", e.getCause());
      flushLogs();
      System.exit(EXIT_START);
      return;
    }
    app.awaitTermination();
    flushLogs();
    System.exit(0);
  }

  /**
   * Stops logback, which drains its asynchronous appender's queue to stderr; without it the last
   * lines before exit could be lost. Idempotent; a no-op under another SLF4J backend.
   */
  private static void flushLogs() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }

  @ConsoleOutput
  private static void fatal(String line) {
    System.err.println(line);
  }

  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
