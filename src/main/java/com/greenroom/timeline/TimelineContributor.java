package com.greenroom.timeline;

import java.util.List;

import com.greenroom.creators.Creator;

/**
 * Implemented by each module that has something to say on a creator's timeline. Called with a creator
 * the viewer may see (the timeline checks the region scope once, before asking anyone).
 */
public interface TimelineContributor {

	List<TimelineEntry> entriesFor(Creator creator);
}
