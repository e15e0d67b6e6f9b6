/**
 * Start-up and shutdown. {@link dev.llmbot.app.Main} loads and validates the config (exit 2 on a
 * bad value), picks the log format and starts {@link dev.llmbot.app.BotApp}, which builds Vert.x
 * with the Prometheus registry, installs the bus codec and deploys every verticle with its instance
 * count from config. Runs on the main thread and the JVM shutdown hook; no bus addresses.
 */
package dev.llmbot.app;
