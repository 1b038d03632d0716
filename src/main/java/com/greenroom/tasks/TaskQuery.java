package com.greenroom.tasks;

/**
 * Task list filters; null means any. {@code owner}: {@code me}, {@code unclaimed} or a user id.
 * {@code due}: {@code overdue}, {@code today} or {@code upcoming} in the viewer's time zone (open tasks
 * only). {@code status}: OPEN, DONE or SKIPPED.
 */
public record TaskQuery(String owner, String due, String status, String region, String creatorId) {
}
