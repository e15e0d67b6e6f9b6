package dev.llmbot.conversation;

import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.ContextCommand;
import dev.llmbot.bus.OpAnswer;
import dev.llmbot.bus.Partitioner;
import dev.llmbot.bus.ProfileCommand;
import dev.llmbot.bus.PromptBlock;
import dev.llmbot.bus.PromptBlockRequest;
import dev.llmbot.core.BotServices;
import dev.llmbot.state.AtomicJsonStore;
import dev.llmbot.state.PartitionFiles;
import dev.llmbot.state.PeriodicFlusher;
import dev.llmbot.state.StateMeters;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * Owns one partition of the server contexts (guilds whose id hashes to {@code n} with {@link
 * Partitioner}) and of the personality profiles (users whose id hashes to {@code n}) on one event
 * loop. It runs with {@code instances.conversation} instances, like the conversations.
 *
 * <p>Consumes {@code context.run.<n>}, {@code context.block.<n>} (by guild id) and {@code
 * profile.run.<n>}, {@code profile.block.<n>} (by user id). Persists {@code
 * <dataDir>/context-<n>.json} and {@code <dataDir>/profiles-<n>.json} through periodic flushers,
 * loaded on a worker before the consumers are registered and flushed once more on stop.
 */
public final class ContextVerticle extends PartitionOwnerVerticle {
  private final ServerContexts contexts;
  private final Profiles profiles;
  private PeriodicFlusher<?> contextFlusher;
  private PeriodicFlusher<?> profileFlusher;
  // What the gauges read from the scrape thread, published on this event loop after changes.
  private volatile long charsGauge;
  private volatile long guildsGauge;
  private volatile long profilesGauge;

  public ContextVerticle(BotServices services, int partition) {
    super(services, partition);
    this.contexts = new ServerContexts(services.config().context());
    this.profiles = new Profiles(services.config().context());
  }

  private record Loaded(
      List<Map<Long, List<ServerContext.SavedItem>>> contexts,
      List<Map<Long, List<String>>> profiles) {}

  @Override
  public Future<?> start() {
    return vertx
        .executeBlocking(
            () ->
                new Loaded(
                    PartitionFiles.loadAll(
                        dataDir, StateFiles.CONTEXT, partition, StateFiles::context),
                    PartitionFiles.loadAll(
                        dataDir, StateFiles.PROFILES, partition, StateFiles::profiles)))
        .map(
            loaded -> {
              for (var saved : loaded.contexts()) {
                contexts.restore(saved, g -> Partitioner.partition(g, partitions) == partition);
              }
              for (var saved : loaded.profiles()) {
                profiles.restore(saved, u -> Partitioner.partition(u, partitions) == partition);
              }
              AtomicJsonStore<Map<Long, List<ServerContext.SavedItem>>> contextStore =
                  StateFiles.context(PartitionFiles.file(dataDir, StateFiles.CONTEXT, partition));
              AtomicJsonStore<Map<Long, List<String>>> profileStore =
                  StateFiles.profiles(PartitionFiles.file(dataDir, StateFiles.PROFILES, partition));
              contextFlusher =
                  flusher(
                      contextStore.file().getFileName().toString(),
                      flushInterval,
                      contexts::snapshot,
                      contextStore::write,
                      StateMeters.flushTimer(services.registry(), StateFiles.CONTEXT));
              profileFlusher =
                  flusher(
                      profileStore.file().getFileName().toString(),
                      flushInterval,
                      profiles::snapshot,
                      profileStore::write,
                      StateMeters.flushTimer(services.registry(), StateFiles.PROFILES));
              registerGauges();
              publish();
              register();
              return null;
            });
  }

  private void register() {
    on(Addresses.CONTEXT_RUN, this::runContext);
    on(
        Addresses.CONTEXT_BLOCK,
        (PromptBlockRequest r) -> {
          String block = contexts.promptBlock(r.guildId(), r.userId(), clock.millis());
          if (!block.isEmpty()) {
            contextFlusher.markDirty(); // last-used times and counts changed
          }
          return new PromptBlock(block);
        });
    on(Addresses.PROFILE_RUN, this::runProfile);
    on(
        Addresses.PROFILE_BLOCK,
        (PromptBlockRequest r) -> new PromptBlock(profiles.promptBlock(r.userId())));
  }

  private OpAnswer runContext(ContextCommand c) {
    long now = clock.millis();
    OpResult r =
        switch (c.op()) {
          case REMEMBER -> contexts.remember(c.guildId(), c.userId(), c.userName(), c.text(), now);
          case ADD_GAG -> contexts.addGag(c.guildId(), c.text(), now);
          case SUMMARIZE -> contexts.summarize(c.guildId(), now);
          case DEDUPLICATE -> contexts.deduplicate(c.guildId());
          case STATS -> new OpResult(false, contexts.stats(c.guildId()));
        };
    if (r.changed()) {
      contextFlusher.markDirty();
      publish();
    }
    return new OpAnswer(r.changed(), r.message());
  }

  private OpAnswer runProfile(ProfileCommand c) {
    OpResult r =
        switch (c.op()) {
          case ADD -> profiles.add(c.userId(), c.whose(), c.description());
          case REMOVE -> profiles.remove(c.userId(), c.whose(), c.description());
          case CLEAR -> profiles.clear(c.userId(), c.whose());
          case SHOW -> new OpResult(false, profiles.show(c.userId(), c.whose()));
        };
    if (r.changed()) {
      profileFlusher.markDirty();
      publish();
    }
    return new OpAnswer(r.changed(), r.message());
  }

  private void registerGauges() {
    partitionGauge(
        "bot.context.chars",
        "Characters held in server contexts (one series per partition)",
        () -> charsGauge);
    partitionGauge(
        "bot.context.guilds",
        "Guilds with a server context (one series per partition)",
        () -> guildsGauge);
    partitionGauge(
        "bot.profiles.users",
        "Users with a personality profile (one series per partition)",
        () -> profilesGauge);
  }

  private void publish() {
    charsGauge = contexts.totalChars();
    guildsGauge = contexts.guildCount();
    profilesGauge = profiles.size();
  }
}
