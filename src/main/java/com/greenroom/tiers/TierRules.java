package com.greenroom.tiers;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tier definition as a rule over one region's creators at an instant. NEW: registered less than 28
 * days before {@code now}; else DORMANT: no active day in the window; else by revenue rank among the
 * active ones (highest first, ties by creator id): ranks up to ceil(n × top%) are TOP, up to
 * ceil(n × (top% + mid%)) MID, the rest EMERGING.
 */
final class TierRules {

	static final int WINDOW_DAYS = 28;

	private TierRules() {
	}

	/** What the rule needs to know of one creator. */
	record Standing(String creatorId, Instant registeredAt, int activeDays, BigDecimal revenueUsd) {
	}

	/** A creator's tier with its revenue rank (null for NEW and DORMANT). */
	record Assigned(Tier tier, Integer rank) {
	}

	static Map<String, Assigned> assign(List<Standing> standings, int topPercent, int midPercent, Instant now) {
		Map<String, Assigned> tiers = new LinkedHashMap<>();
		List<Standing> active = standings.stream()
			.filter(s -> !isNew(s, now))
			.filter(s -> s.activeDays() > 0)
			.sorted(Comparator.comparing(Standing::revenueUsd).reversed().thenComparing(Standing::creatorId))
			.toList();
		int n = active.size();
		int topUpTo = ceilPercent(n, topPercent);
		int midUpTo = ceilPercent(n, topPercent + midPercent);
		for (int i = 0; i < n; i++) {
			int rank = i + 1;
			Tier tier = rank <= topUpTo ? Tier.TOP : rank <= midUpTo ? Tier.MID : Tier.EMERGING;
			tiers.put(active.get(i).creatorId(), new Assigned(tier, rank));
		}
		for (Standing s : standings) {
			if (isNew(s, now)) {
				tiers.put(s.creatorId(), new Assigned(Tier.NEW, null));
			}
			else if (s.activeDays() == 0) {
				tiers.put(s.creatorId(), new Assigned(Tier.DORMANT, null));
			}
		}
		return tiers;
	}

	static boolean isNew(Standing standing, Instant now) {
		return Duration.between(standing.registeredAt(), now).compareTo(Duration.ofDays(WINDOW_DAYS)) < 0;
	}

	private static int ceilPercent(int n, int percent) {
		return (n * Math.min(percent, 100) + 99) / 100; // integer ceiling: no floating-point surprises at round percentages
	}
}
