/**
 * What creators do on the platform, per creator day and in total, and which rooms are live now: a
 * projection of the platform event log. Public API: {@link com.greenroom.activity.Activity} (creator days,
 * totals, time zones), {@link com.greenroom.activity.LiveRooms}, and the in-transaction notifications
 * {@link com.greenroom.activity.ActivityRecomputed} and {@link com.greenroom.activity.ActivityReset}. For the roster it also publishes the SQL function
 * {@code activity_roster_figures(creator_id, as_of)} (last live; active days, live minutes, revenue and
 * follows over 28 creator days), which the creators module joins to sort and page by these figures.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Activity",
		allowedDependencies = { "creators", "events", "identity", "system" })
package com.greenroom.activity;
