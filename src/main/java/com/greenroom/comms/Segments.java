package com.greenroom.comms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorStatus;
import com.greenroom.creators.Creators;
import com.greenroom.creators.OnboardingRoster;
import com.greenroom.creators.RosterQuery;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.PageOf;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Resolves a segment to creators through the roster's own filters (so region scoping, tiers and milestones
 * mean exactly what they mean on the roster), plus the onboarding state. Offboarded creators are never in
 * a segment unless it names that status.
 */
@Component
class Segments {

	/** The most creators one send may reach. */
	static final int MAX_RECIPIENTS = 10_000;

	private static final int PAGE = 500;

	enum Onboarding {
		NOT_STARTED, IN_PROGRESS, COMPLETE
	}

	private final Creators creators;

	private final ObjectProvider<OnboardingRoster> onboarding;

	Segments(Creators creators, ObjectProvider<OnboardingRoster> onboarding) {
		this.creators = creators;
		this.onboarding = onboarding;
	}

	/** The segment's creators the viewer may see; 400 naming {@code segment.<field>} on a bad filter. */
	List<Creator> resolve(Viewer viewer, Segment segment) {
		Checks checks = new Checks();
		String region = Checks.blankToNull(segment.region());
		checks.require(region == null || viewer.canSee(region), "segment.region", "is not one of your regions: " + region);
		Onboarding state = null;
		if (Checks.blankToNull(segment.onboarding()) != null) {
			try {
				state = Onboarding.valueOf(segment.onboarding().strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				checks.require(false, "segment.onboarding", "must be NOT_STARTED, IN_PROGRESS or COMPLETE");
			}
		}
		checks.throwIfAny();
		RosterQuery query = new RosterQuery(region, segment.manager(), segment.status(), null, segment.milestone(),
				segment.milestoneReached() == null ? null : segment.milestoneReached().toString(), segment.tier(), null, segment.country(),
				segment.language());
		List<Creator> found = new ArrayList<>();
		String cursor = null;
		try {
			do {
				PageOf<Creator> page = creators.search(viewer, query, cursor, PAGE);
				found.addAll(page.items());
				cursor = page.nextCursor();
				if (found.size() > MAX_RECIPIENTS) {
					throw new InvalidInputException("segment",
							"matches more than " + MAX_RECIPIENTS + " creators; narrow it (region, tier, milestone...)");
				}
			}
			while (cursor != null);
		}
		catch (InvalidInputException ex) {
			throw new InvalidInputException(ex.errors()
				.stream()
				.map(e -> new InvalidInputException.FieldError(e.field().startsWith("segment") ? e.field() : "segment." + rename(e.field()),
						e.reason()))
				.toList());
		}
		if (segment.status() == null) {
			found.removeIf(c -> c.status() == CreatorStatus.OFFBOARDED);
		}
		if (state != null) {
			found = withOnboarding(found, state);
		}
		return found;
	}

	private List<Creator> withOnboarding(List<Creator> found, Onboarding state) {
		OnboardingRoster roster = onboarding.getIfAvailable();
		if (roster == null) {
			throw new InvalidInputException("segment.onboarding", "cannot be filtered on: onboarding is not tracked");
		}
		List<Creator> kept = new ArrayList<>();
		for (int from = 0; from < found.size(); from += PAGE) {
			List<Creator> chunk = found.subList(from, Math.min(found.size(), from + PAGE));
			Map<String, OnboardingRoster.Progress> progress = roster.progressOf(chunk.stream().map(Creator::creatorId).toList());
			for (Creator creator : chunk) {
				OnboardingRoster.Progress p = progress.get(creator.creatorId());
				Onboarding actual = p == null ? Onboarding.NOT_STARTED : p.complete() ? Onboarding.COMPLETE : Onboarding.IN_PROGRESS;
				if (actual == state) {
					kept.add(creator);
				}
			}
		}
		return kept;
	}

	/** The roster calls the milestone flag {@code reached}; a segment calls it {@code milestoneReached}. */
	private static String rename(String field) {
		return field.equals("reached") ? "milestoneReached" : field;
	}
}
