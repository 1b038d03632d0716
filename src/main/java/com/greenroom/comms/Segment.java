package com.greenroom.comms;

/**
 * Which creators a send goes to; null means any. {@code manager} is a user id, {@code me} or {@code none};
 * {@code milestone} a milestone code with {@code milestoneReached} true (default) or false; {@code tier} a
 * current tier; {@code onboarding} NOT_STARTED, IN_PROGRESS or COMPLETE; {@code country} ISO 3166-1;
 * {@code language} BCP 47 ({@code pt} also matches {@code pt-BR}); {@code status} a creator status.
 */
public record Segment(String region, String tier, String manager, String milestone, Boolean milestoneReached, String onboarding,
		String country, String language, String status) {

	public static Segment ofRegion(String region) {
		return new Segment(region, null, null, null, null, null, null, null, null);
	}
}
