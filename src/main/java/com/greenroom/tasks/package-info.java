/**
 * Owned work: one task model for checklist steps, support actions, follow-ups and manual to-dos, the
 * "Today" page of each user and the lead's board. Other modules create tasks through
 * {@link com.greenroom.tasks.Tasks#create(TaskDraft)} and read them back by id.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tasks",
		allowedDependencies = { "audit", "creators", "identity", "schedule", "system", "timeline" })
package com.greenroom.tasks;
