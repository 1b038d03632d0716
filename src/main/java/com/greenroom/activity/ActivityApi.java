package com.greenroom.activity;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.creators.Creators;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A creator's activity over HTTP: lifetime totals and creator days, scoped to the caller's regions. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Activity", description = "Creator days (in the creator's time zone) and lifetime totals")
@SecurityRequirement(name = "bearer")
class ActivityApi {

	private final Activity activity;

	private final Creators creators;

	ActivityApi(Activity activity, Creators creators) {
		this.activity = activity;
		this.creators = creators;
	}

	/** Totals (null before any event) and each creator day of the range, quiet days included. */
	record CreatorActivity(String creatorId, String timeZone, CreatorTotals totals, List<CreatorDay> days) {
	}

	@GetMapping("/creators/{creatorId}/activity")
	@Operation(summary = "A creator's lifetime totals and creator days; the last 28 days unless from/to are given")
	CreatorActivity get(Viewer viewer, @PathVariable String creatorId,
			@Parameter(description = "first creator day, YYYY-MM-DD") @RequestParam(required = false) String from,
			@Parameter(description = "last creator day, YYYY-MM-DD (inclusive)") @RequestParam(required = false) String to) {
		creators.get(viewer, creatorId);
		Checks checks = new Checks();
		LocalDate last = to == null ? activity.today(creatorId) : date(to, "to", checks);
		LocalDate first = from == null ? (last == null ? null : last.minusDays(27)) : date(from, "from", checks);
		if (first != null && last != null) {
			checks.require(!first.isAfter(last), "from", "must not be after to");
			checks.require(ChronoUnit.DAYS.between(first, last) < 366, "to", "at most 366 days at a time");
		}
		checks.throwIfAny();
		return new CreatorActivity(creatorId, activity.zoneOf(creatorId).getId(), activity.totals(creatorId).orElse(null),
				activity.daysBetween(creatorId, first, last));
	}

	private static LocalDate date(String value, String field, Checks checks) {
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			checks.require(false, field, "must be a date such as 2026-11-24");
			return null;
		}
	}
}
