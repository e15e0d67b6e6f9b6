package dev.llmbot.command;

import dev.llmbot.bus.Addresses;
import dev.llmbot.bus.CommandRequest;
import dev.llmbot.bus.ConversationStats;
import dev.llmbot.bus.LlmStatus;
import dev.llmbot.bus.QuotaStatus;
import dev.llmbot.bus.Reply;
import dev.llmbot.bus.RoastStatus;
import dev.llmbot.bus.StatusQuery;
import dev.llmbot.core.BotServices;
import dev.llmbot.metrics.LatencySummary;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * /status: quota left and reset times, cache hit rate, active conversations, p50/p95 latency,
 * uptime, version and LLM mode. A stage that does not answer shows as "unavailable" instead of
 * failing the whole status. Never shows a secret.
 */
public final class StatusCommand implements CommandHandler {
  private static final CommandSpec SPEC =
      new CommandSpec(
          "status",
          "Quota, cache, conversations, latency, uptime and mode",
          List.of(),
          false,
          false,
          true);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Future<Reply> handle(CommandRequest request, CommandContext ctx) {
    BotServices s = ctx.services();
    long timeout = s.config().chat().stageTimeoutMillis();
    StatusQuery query = new StatusQuery(request.caller().id());
    Future<QuotaStatus> quota = ctx.calls().call(Addresses.RATELIMIT_STATUS, query, timeout);
    Future<LlmStatus> llm = ctx.calls().call(Addresses.LLM_STATUS, query, timeout);
    Future<RoastStatus> roast = ctx.calls().call(Addresses.ROAST_STATUS, query, timeout);
    List<Future<ConversationStats>> parts = new ArrayList<>();
    for (int i = 0; i < s.config().instances().conversation(); i++) {
      parts.add(
          ctx.calls().call(Addresses.partition(Addresses.CONVERSATION_STATS, i), query, timeout));
    }
    List<Future<?>> all = new ArrayList<>(List.of(quota, llm, roast));
    all.addAll(parts);
    return Future.join(all)
        .transform(
            ignored ->
                Future.succeededFuture(
                    CommandReplies.text(
                        request.requestId(), SPEC, ctx, render(s, quota, llm, roast, parts))));
  }

  private static String render(
      BotServices s,
      Future<QuotaStatus> quota,
      Future<LlmStatus> llm,
      Future<RoastStatus> roast,
      List<Future<ConversationStats>> parts) {
    StringBuilder sb = new StringBuilder("**Status**\n");
    if (llm.succeeded()) {
      LlmStatus l = llm.result();
      sb.append("LLM mode: ").append(l.mode()).append(" (model ").append(l.model()).append(")");
      if (l.circuitOpen()) {
        sb.append(", circuit open: the model is failing, retrying shortly");
      }
      sb.append('\n');
      sb.append(String.format(Locale.ROOT, "Cache hit rate: %.1f%%%n", l.cacheHitRate() * 100));
    } else {
      sb.append("LLM: unavailable\n");
    }
    if (quota.succeeded()) {
      QuotaStatus q = quota.result();
      sb.append(
          String.format(
              Locale.ROOT,
              "Quota: %d/%d left this minute (%s), %d/%d left today (resets %s)%n",
              q.minuteRemaining(),
              q.minuteLimit(),
              // An untouched minute window has nothing to free; "frees at now" would confuse.
              q.minuteRemaining() >= q.minuteLimit()
                  ? "none used in the last minute"
                  : "next slot frees at " + TIME.format(q.minuteResetsAt()),
              q.dayRemaining(),
              q.dayLimit(),
              TIME.format(q.dayResetsAt())));
      sb.append(
          String.format(
              Locale.ROOT, "Your allowance: %d/%d messages%n", q.userTokens(), q.userBurst()));
    } else {
      sb.append("Quota: unavailable\n");
    }
    int active = 0;
    boolean allParts = true;
    for (Future<ConversationStats> p : parts) {
      if (p.succeeded()) {
        active += p.result().active();
      } else {
        allParts = false;
      }
    }
    sb.append("Active conversations: ")
        .append(active)
        .append(allParts ? "" : " (partial)")
        .append('\n');
    double[] latency = LatencySummary.p50p95Millis(s.registry());
    if (Double.isNaN(latency[0])) {
      sb.append("Latency: no replies yet\n");
    } else {
      sb.append(
          String.format(
              Locale.ROOT, "Latency: p50 ≤ %.0f ms, p95 ≤ %.0f ms%n", latency[0], latency[1]));
    }
    if (roast.succeeded()) {
      sb.append("Mood: ")
          .append(roast.result().mood())
          .append(roast.result().chaos() ? ", chaos mode ON" : ", chaos mode off")
          .append('\n');
    }
    Duration up = Duration.ofMillis(Math.max(0, s.clock().millis() - s.startedAtMillis()));
    sb.append(
        String.format(
            Locale.ROOT,
            "Uptime: %dd %dh %dm %ds · version %s",
            up.toDays(),
            up.toHoursPart(),
            up.toMinutesPart(),
            up.toSecondsPart(),
            s.version()));
    return sb.toString();
  }
}
