package com.greenroom.routines;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The live views a routine's task opens, each already filtered to the task's region. Some views belong to
 * modules that arrive later (tickets, safety, insights, playbooks): the link is the agreed address either way.
 */
public enum RoutineView {

	TOP_ROOMS("Top rooms", "/live"), CRITICAL_TICKETS("Critical (P1) tickets", "/tickets?queue=p1"),
	POLICY_RISKS("Policy-risk cases", "/safety/cases"), MID_TIER("Mid-tier creators", "/tiers/mid"),
	MODERATION_BACKLOG("Moderation backlog", "/safety/backlog"), RETENTION("Retention cohorts", "/insights/retention"),
	CAMPAIGN_ROI("Campaign ROI", "/insights/campaigns"), PLAYBOOKS("Playbooks", "/playbooks"),
	EXPERIMENTS("Experiments", "/insights/experiments");

	private final String label;

	private final String path;

	RoutineView(String label, String path) {
		this.label = label;
		this.path = path;
	}

	public String label() {
		return label;
	}

	/** The view filtered to a region, e.g. {@code /tickets?queue=p1&region=EU}. */
	public String url(String regionCode) {
		return path + (path.contains("?") ? "&" : "?") + "region=" + URLEncoder.encode(regionCode, StandardCharsets.UTF_8);
	}

	public static Optional<RoutineView> parse(String value) {
		return value == null ? Optional.empty()
				: Arrays.stream(values()).filter(v -> v.name().equals(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'))).findFirst();
	}
}
