/**
 * Coaching: sessions a coach logs per creator (when, who coached, topics from a configurable list, notes,
 * the agreed next step and an optional follow-up date that becomes the coach's task), and the topic list.
 * Public API: {@link com.greenroom.coaching.CoachingSessions}, {@link com.greenroom.coaching.CoachingTopics}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Coaching",
		allowedDependencies = { "audit", "creators", "identity", "system", "tasks", "timeline" })
package com.greenroom.coaching;
