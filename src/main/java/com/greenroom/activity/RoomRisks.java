package com.greenroom.activity;

import java.util.Collection;
import java.util.Map;

import com.greenroom.identity.Viewer;

/**
 * Implemented by a module that knows which live rooms carry a risk (trust & safety's open cases), so Top rooms
 * shows a badge and a way to flag a room without the activity module knowing that module.
 */
public interface RoomRisks {

	/** For those of these creators (all visible to the viewer) that carry a risk, the badge to show. */
	Map<String, RoomRisk> risksOf(Viewer viewer, Collection<String> creatorIds);

	/** The console page where the viewer flags this room for a policy risk, or null when they may not. */
	String flagLink(Viewer viewer, String creatorId, String streamId);
}
