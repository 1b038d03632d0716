package com.greenroom.timeline;

import java.util.List;

import com.greenroom.creators.Creator;
import com.greenroom.identity.Viewer;

/**
 * Implemented by each module that has something to say on a creator's timeline. Called with a creator
 * the viewer may see (the timeline checks the region scope once, before asking anyone).
 */
public interface TimelineContributor {

	/** Entries about the creator; {@code viewer} may see the creator, and is there for contributors whose API is scoped. */
	List<TimelineEntry> entriesFor(Viewer viewer, Creator creator);
}
