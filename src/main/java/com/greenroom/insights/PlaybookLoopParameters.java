package com.greenroom.insights;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

import com.greenroom.identity.Regions;
import com.greenroom.identity.Viewer;
import com.greenroom.insights.CreatorOutcomes.Grouping;
import com.greenroom.system.Checks;
import com.greenroom.system.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Turns the playbook loop's text parameters into a {@link PlaybookLoopQuery}, refusing anything unknown by field. */
@Component
class PlaybookLoopParameters {

	static final String DEFAULT_MILESTONE = "FIRST_STREAM";

	private final Regions regions;

	private final JdbcClient jdbc;

	PlaybookLoopParameters(Regions regions, JdbcClient jdbc) {
		this.regions = regions;
		this.jdbc = jdbc;
	}

	/** The raw parameters, as a URL carries them. */
	record Raw(String by, String from, String to, String region, String milestone, String baseline) {
	}

	PlaybookLoopQuery parse(Viewer viewer, Raw raw, Instant now) {
		String byText = Checks.blankToNull(raw.by());
		Grouping by = byText == null ? Grouping.VERSION : switch (byText.trim().toLowerCase(Locale.ROOT)) {
			case "version" -> Grouping.VERSION;
			case "variant" -> Grouping.VARIANT;
			case "coaching" -> Grouping.COACHING;
			default -> throw new InvalidInputException("by", "must be version, variant or coaching");
		};
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		LocalDate to = RetentionParameters.date(raw.to(), "to", today);
		LocalDate from = RetentionParameters.date(raw.from(), "from", to.minusWeeks(12));
		if (from.isAfter(to)) {
			throw new InvalidInputException("from", "must not be after to (" + to + ")");
		}
		if (from.plusDays(RetentionParameters.MAX_RANGE_DAYS).isBefore(to)) {
			throw new InvalidInputException("from", "the range may span at most " + RetentionParameters.MAX_RANGE_DAYS + " days");
		}
		String region = Checks.blankToNull(raw.region());
		if (region != null && !(regions.exists(region) && viewer.canSee(region))) {
			throw new InvalidInputException("region", "unknown region, or not one of yours: " + region);
		}
		String milestone = Checks.blankToNull(raw.milestone());
		milestone = milestone == null ? DEFAULT_MILESTONE : milestone.trim().toUpperCase(Locale.ROOT);
		String milestoneName = milestoneName(milestone);
		if (milestoneName == null) {
			throw new InvalidInputException("milestone", "no milestone " + abbreviate(milestone));
		}
		String baseline = Checks.blankToNull(raw.baseline());
		if (baseline != null && !baseline.matches("none|coached|not-coached|\\d{1,18}(-v\\d{1,9})?")) {
			throw new InvalidInputException("baseline", "must be a group key such as 1-v2, 1, coached or not-coached");
		}
		return new PlaybookLoopQuery(by, from, to, region, milestone, milestoneName, baseline);
	}

	/** The milestone's name, or null when no milestone has this code. */
	String milestoneName(String code) {
		return jdbc.sql("select name from milestone_definition where code = :code")
			.param("code", code)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private static String abbreviate(String value) {
		return value.length() > 40 ? value.substring(0, 40) + "…" : value;
	}
}
