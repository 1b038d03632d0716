/**
 * The creator roster: who the creators are, where they belong and who manages them. Public API:
 * {@link com.greenroom.creators.Creators}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Creators",
		allowedDependencies = { "audit", "events", "identity", "system" })
package com.greenroom.creators;
