/**
 * The creator roster: who the creators are, where they belong and who manages them. Public API:
 * {@link com.greenroom.creators.Creators}. For readers that keep a copy of who is on the roster with which handle
 * and region (the activity module's live board) it also publishes the table {@code creator_roster_version}: its
 * {@code version} moves in every transaction that adds or removes creators or sets a handle or region (the roster
 * projection's placeholders, with no region and the creator id for handle, excepted).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Creators",
		allowedDependencies = { "audit", "events", "identity", "system" })
package com.greenroom.creators;
