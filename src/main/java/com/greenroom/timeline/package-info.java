/**
 * A creator's timeline: milestones, checklist steps, coaching sessions and (later) tickets and messages in
 * one list. Modules contribute entries through {@link com.greenroom.timeline.TimelineContributor}, so this
 * module knows none of them and the dependencies stay one-way (contributors depend on the timeline).
 * Public API: {@link com.greenroom.timeline.CreatorTimeline}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Timeline",
		allowedDependencies = { "creators", "identity", "system" })
package com.greenroom.timeline;
