/**
 * Durable timers: "do X once at instant T". A module schedules a timer with a unique key and a kind; the
 * runner on every node claims due timers with {@code FOR UPDATE SKIP LOCKED} and calls the {@link
 * com.greenroom.timers.TimerHandler} of that kind inside the claiming transaction, so a timer fires once
 * across nodes and restarts; a failing handler is retried with backoff and, after its last attempt, kept as
 * failed with its reason. Public API: {@link com.greenroom.timers.Timers}, {@link
 * com.greenroom.timers.TimerHandler}, {@link com.greenroom.timers.Timer}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Timers", allowedDependencies = { "audit", "identity", "system" })
package com.greenroom.timers;
