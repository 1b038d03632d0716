package com.greenroom.insights;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import com.greenroom.identity.Regions;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.insights.RetentionQuery.Mode;
import com.greenroom.insights.RetentionQuery.Period;
import com.greenroom.system.Checks;
import com.greenroom.system.InvalidInputException;
import com.greenroom.tiers.Tier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns the retention endpoint's text parameters into a {@link RetentionQuery}, refusing anything unknown
 * with the field it came from: the same rules for the API, the CSV and the console.
 */
@Component
class RetentionParameters {

	static final List<Integer> DEFAULT_DAYS = List.of(0, 1, 7, 14, 30);

	static final int MAX_DAY = 366;

	/** The widest range of cohort days one question may span. */
	static final int MAX_RANGE_DAYS = 3 * 366;

	private final Regions regions;

	private final Users users;

	private final JdbcClient jdbc;

	RetentionParameters(Regions regions, Users users, JdbcClient jdbc) {
		this.regions = regions;
		this.users = users;
		this.jdbc = jdbc;
	}

	/** The raw parameters, as a URL carries them. */
	record Raw(String period, String from, String to, String days, String mode, String region, String manager,
			String country, String tier, String template, String version) {
	}

	RetentionQuery parse(Viewer viewer, Raw raw, Instant now) {
		Period period = parseEnum(Period.class, raw.period(), "period", Period.WEEK, "day, week or month");
		Mode mode = raw.mode() == null || raw.mode().isBlank() ? Mode.N_DAY : switch (raw.mode().trim().toLowerCase(Locale.ROOT)) {
			case "n-day" -> Mode.N_DAY;
			case "unbounded" -> Mode.UNBOUNDED;
			default -> throw new InvalidInputException("mode", "must be n-day or unbounded");
		};
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		LocalDate to = date(raw.to(), "to", today);
		LocalDate from = date(raw.from(), "from", to.minusWeeks(12));
		if (from.isAfter(to)) {
			throw new InvalidInputException("from", "must not be after to (" + to + ")");
		}
		if (from.plusDays(MAX_RANGE_DAYS).isBefore(to)) {
			throw new InvalidInputException("from", "the range may span at most " + MAX_RANGE_DAYS + " days");
		}
		List<Integer> days = days(raw.days());
		String region = Checks.blankToNull(raw.region());
		if (region != null && !(regions.exists(region) && viewer.canSee(region))) {
			throw new InvalidInputException("region", "unknown region, or not one of yours: " + region);
		}
		Long manager = manager(viewer, raw.manager());
		String country = Checks.blankToNull(raw.country());
		if (country != null) {
			country = country.toUpperCase(Locale.ROOT);
			if (!Checks.isCountry(country)) {
				throw new InvalidInputException("country", "must be an ISO 3166-1 alpha-2 code");
			}
		}
		String tier = Checks.blankToNull(raw.tier()) == null ? null
				: parseEnum(Tier.class, raw.tier(), "tier", null, "one of " + Arrays.toString(Tier.values())).name();
		Long template = positiveLong(raw.template(), "template");
		if (template != null && !jdbc.sql("select exists (select 1 from onboarding_template where id = :id)")
			.param("id", template)
			.query(Boolean.class)
			.single()) {
			throw new InvalidInputException("template", "no onboarding template " + template);
		}
		Long version = positiveLong(raw.version(), "version");
		if (version != null && template == null) {
			throw new InvalidInputException("version", "needs a template");
		}
		if (version != null && version > Integer.MAX_VALUE) {
			throw new InvalidInputException("version", "no such version");
		}
		return new RetentionQuery(period, from, to, days, mode, region, manager, country, tier, template,
				version == null ? null : version.intValue());
	}

	private static List<Integer> days(String text) {
		if (text == null || text.isBlank()) {
			return DEFAULT_DAYS;
		}
		String[] parts = text.split(",", -1);
		if (parts.length > MAX_DAY + 1) {
			throw new InvalidInputException("days", "at most " + (MAX_DAY + 1) + " day numbers");
		}
		TreeSet<Integer> days = new TreeSet<>();
		for (String part : parts) {
			String trimmed = part.trim();
			if (!trimmed.matches("\\d{1,3}") || Integer.parseInt(trimmed) > MAX_DAY) {
				throw new InvalidInputException("days", "must be a comma-separated list of day numbers 0 to " + MAX_DAY
						+ ", got '" + abbreviate(trimmed) + "'");
			}
			days.add(Integer.parseInt(trimmed));
		}
		return List.copyOf(days);
	}

	private Long manager(Viewer viewer, String text) {
		String value = Checks.blankToNull(text);
		if (value == null) {
			return null;
		}
		if (value.equalsIgnoreCase("me")) {
			return viewer.userId();
		}
		Long id = positiveLong(value, "manager");
		if (users.find(id).isEmpty()) {
			throw new InvalidInputException("manager", "no user " + id);
		}
		return id;
	}

	private static Long positiveLong(String text, String field) {
		String value = Checks.blankToNull(text);
		if (value == null) {
			return null;
		}
		if (!value.matches("\\d{1,18}") || Long.parseLong(value) < 1) {
			throw new InvalidInputException(field, "must be a positive whole number");
		}
		return Long.parseLong(value);
	}

	static LocalDate date(String text, String field, LocalDate fallback) {
		String value = Checks.blankToNull(text);
		if (value == null) {
			return fallback;
		}
		try {
			LocalDate date = LocalDate.parse(value);
			if (date.getYear() < 1970 || date.getYear() > 9000) {
				throw new InvalidInputException(field, "must be a date between 1970 and 9000");
			}
			return date;
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "must be a date like 2026-10-19");
		}
	}

	private static <E extends Enum<E>> E parseEnum(Class<E> type, String text, String field, E fallback, String rule) {
		String value = Checks.blankToNull(text);
		if (value == null) {
			return fallback;
		}
		try {
			return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException(field, "must be " + rule);
		}
	}

	private static String abbreviate(String value) {
		return value.length() > 20 ? value.substring(0, 20) + "…" : value;
	}
}
