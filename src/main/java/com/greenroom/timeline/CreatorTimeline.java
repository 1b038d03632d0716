package com.greenroom.timeline;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.greenroom.creators.Creator;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Viewer;
import com.greenroom.system.InvalidInputException;
import org.springframework.stereotype.Service;

/** Assembles a creator's timeline from every contributor, newest first. */
@Service
public class CreatorTimeline {

	private static final int MAX_ENTRIES = 500;

	private final Creators creators;

	private final List<TimelineContributor> contributors;

	CreatorTimeline(Creators creators, List<TimelineContributor> contributors) {
		this.creators = creators;
		this.contributors = List.copyOf(contributors);
	}

	/** The creator's timeline if the viewer may see the creator (404 otherwise), optionally of one kind. */
	public Timeline of(Viewer viewer, String creatorId, String kind) {
		String wanted = kind == null || kind.isBlank() ? null : kind.strip().toUpperCase(Locale.ROOT);
		if (wanted != null && !TimelineEntry.KINDS.contains(wanted)) {
			throw new InvalidInputException("kind", "is not a timeline kind; use one of " + TimelineEntry.KINDS);
		}
		Creator creator = creators.get(viewer, creatorId);
		List<TimelineEntry> entries = contributors.stream()
			.flatMap(c -> c.entriesFor(viewer, creator).stream())
			.filter(e -> wanted == null || wanted.equals(e.kind()))
			.sorted(Comparator.comparing(TimelineEntry::at).reversed().thenComparing(TimelineEntry::kind))
			.limit(MAX_ENTRIES + 1L)
			.toList();
		boolean truncated = entries.size() > MAX_ENTRIES;
		return new Timeline(creator.creatorId(), creator.timeZone(), truncated ? entries.subList(0, MAX_ENTRIES) : entries, truncated);
	}

	/** The newest {@value #MAX_ENTRIES} entries; {@code truncated} says older ones were left out. */
	public record Timeline(String creatorId, String timeZone, List<TimelineEntry> entries, boolean truncated) {
	}
}
