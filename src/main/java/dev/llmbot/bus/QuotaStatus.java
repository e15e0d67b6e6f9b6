package dev.llmbot.bus;

import java.time.Instant;

/**
 * The rate limiter's part of /status.
 *
 * @param minuteLimit effective requests per minute (after the safety factor)
 * @param minuteRemaining requests left in the current minute window
 * @param minuteResetsAt when the oldest request leaves the minute window
 * @param dayLimit effective requests per day
 * @param dayRemaining requests left today
 * @param dayResetsAt next midnight in the quota's day zone
 * @param userTokens the caller's whole tokens left
 * @param userBurst the bucket size
 */
public record QuotaStatus(
    int minuteLimit,
    int minuteRemaining,
    Instant minuteResetsAt,
    int dayLimit,
    int dayRemaining,
    Instant dayResetsAt,
    int userTokens,
    int userBurst) {}
