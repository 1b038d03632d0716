package com.greenroom.experiments;

import java.util.List;

/**
 * A new experiment as a client sends it: {@code assignment} "seed" (with {@code seed}) or "list" (with
 * {@code members}); {@code metric} "day7-retention", "milestone-day14" (with {@code milestone}, default
 * FIRST_STREAM) or "revenue-per-creator"; dates as ISO days; {@code ownerId} defaults to the caller.
 */
public record ExperimentDraft(String name, String hypothesis, Long ownerId, String region, List<String> variants,
		String assignment, Long seed, List<Member> members, String metric, String milestone, String startsOn, String endsOn) {

	/** A listed creator and the name of its variant. */
	public record Member(String creatorId, String variant) {
	}
}
