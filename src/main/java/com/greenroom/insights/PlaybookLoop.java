package com.greenroom.insights;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.greenroom.identity.Viewer;
import com.greenroom.insights.CreatorOutcomes.Counts;
import com.greenroom.insights.PlaybookLoopReport.Difference;
import com.greenroom.insights.PlaybookLoopReport.Group;
import com.greenroom.insights.PlaybookLoopReport.Measure;
import com.greenroom.insights.Proportions.Interval;
import com.greenroom.system.InvalidInputException;
import org.springframework.stereotype.Service;

/** Answers playbook-loop questions: did the new onboarding version, the regional variant or coaching move the numbers? */
@Service
class PlaybookLoop {

	private final CreatorOutcomes outcomes;

	PlaybookLoop(CreatorOutcomes outcomes) {
		this.outcomes = outcomes;
	}

	PlaybookLoopReport report(Viewer viewer, PlaybookLoopQuery query, Instant now) {
		List<Counts> counts = outcomes.byGrouping(query.by(), viewer.regionFilter(), query.region(), query.from(), query.to(),
				query.milestone(), now);
		String baselineKey = query.baseline();
		if (baselineKey != null && counts.stream().noneMatch(c -> c.key().equals(baselineKey))) {
			throw new InvalidInputException("baseline", "no group '" + baselineKey + "' among creators registered in this range");
		}
		Counts baseline = baselineKey != null ? counts.stream().filter(c -> c.key().equals(baselineKey)).findFirst().orElseThrow()
				: counts.stream().filter(c -> !c.key().equals("none")).findFirst().orElse(counts.isEmpty() ? null : counts.get(0));
		List<Group> groups = new ArrayList<>();
		for (Counts group : counts) {
			boolean isBaseline = baseline != null && group.key().equals(baseline.key());
			Measure day7 = measure(group.day7Retained(), group.day7Eligible(),
					isBaseline ? null : difference(group.day7Retained(), group.day7Eligible(), baseline.day7Retained(),
							baseline.day7Eligible(), group.label(), baseline.label(), "retains", "at day 7"));
			Measure milestone = measure(group.milestoneReached(), group.milestoneEligible(),
					isBaseline ? null : difference(group.milestoneReached(), group.milestoneEligible(), baseline.milestoneReached(),
							baseline.milestoneEligible(), group.label(), baseline.label(), "converts",
							"to " + query.milestoneName() + " by day 14"));
			groups.add(new Group(group.key(), group.label(), group.creators(), isBaseline, day7, milestone));
		}
		return new PlaybookLoopReport(query.by().name().toLowerCase(Locale.ROOT), query.from(), query.to(), query.region(),
				query.milestone(), baseline == null ? null : baseline.key(), groups);
	}

	private static Measure measure(long count, long eligible, Difference difference) {
		Interval interval = Proportions.wilson(count, eligible).orElse(null);
		return new Measure(count, eligible, Proportions.share(count, eligible).orElse(null),
				interval == null ? null : interval.lower(), interval == null ? null : interval.upper(), difference);
	}

	private static Difference difference(long x1, long n1, long x2, long n2, String label, String baselineLabel, String verb,
			String what) {
		return Proportions.newcombe(x1, n1, x2, n2).map(interval -> {
			double estimate = (double) x1 / n1 - (double) x2 / n2;
			return new Difference(estimate, interval.lower(), interval.upper(), interval.excludesZero(),
					reading(label, baselineLabel, verb, what, estimate, interval));
		}).orElse(null);
	}

	/** "Creator onboarding v3 retains 6 pts more than Creator onboarding v2 at day 7 (95% CI +1 to +11)". */
	static String reading(String label, String baselineLabel, String verb, String what, double estimate, Interval interval) {
		long points = Math.round(estimate * 100);
		String amount = points == 0 ? "as many" : Math.abs(points) + " pts " + (points > 0 ? "more" : "fewer");
		String verdict = interval.excludesZero() ? "" : "; not significant";
		return label + " " + verb + " " + amount + " than " + baselineLabel + " " + what + " (95% CI " + signed(interval.lower())
				+ " to " + signed(interval.upper()) + verdict + ")";
	}

	static String signed(double share) {
		long points = Math.round(share * 100);
		return (points > 0 ? "+" : points < 0 ? "−" : "") + Math.abs(points);
	}
}
