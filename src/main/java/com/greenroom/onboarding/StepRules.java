package com.greenroom.onboarding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import com.greenroom.identity.Role;
import com.greenroom.system.Checks;

/**
 * The rules of a template's steps: what a valid step is (a known owner role, a non-negative offset, an
 * {@code after} that names another step without a cycle), and when each step falls due.
 */
final class StepRules {

	static final int MAX_STEPS = 100;

	private StepRules() {
	}

	/** Checks the steps and reports every broken rule under {@code steps[i].field}; returns them with defaults filled in. */
	static List<StepDefinition> validate(List<StepDefinition> steps, Predicate<String> regionExists, Predicate<String> templateExists) {
		Checks checks = new Checks();
		if (steps == null || steps.isEmpty()) {
			checks.require(false, "steps", "a template needs at least one step");
			checks.throwIfAny();
		}
		checks.require(steps.size() <= MAX_STEPS, "steps", "at most " + MAX_STEPS + " steps");
		List<StepDefinition> normalized = new ArrayList<>();
		Map<String, Integer> keys = new HashMap<>();
		for (int i = 0; i < steps.size(); i++) {
			StepDefinition step = steps.get(i);
			String at = "steps[" + i + "]";
			if (step == null) {
				checks.require(false, at, "is empty");
				continue;
			}
			String key = step.key() == null || step.key().isBlank() ? "step-" + (i + 1) : step.key().strip();
			checks.require(key.matches("^[a-z0-9][a-z0-9-]{0,39}$"), at + ".key", "must be 1 to 40 lower-case letters, digits or dashes");
			checks.require(keys.putIfAbsent(key, i) == null, at + ".key", "is used by another step: " + key);
			checks.text(step.title(), at + ".title", 200).optionalText(step.guidance(), at + ".guidance", 20_000);
			Optional<Role> role = Role.parse(step.ownerRole() == null ? "" : step.ownerRole().strip()).filter(r -> r != Role.INTEGRATION);
			checks.require(role.isPresent(), at + ".ownerRole", "is not a role that owns work; use one of "
					+ Arrays.stream(Role.values()).filter(r -> r != Role.INTEGRATION).map(Role::name).toList());
			if (step.dueOffset() == null) {
				checks.require(false, at + ".dueOffset", "is required (days after the registration, or after the step named in after)");
			}
			else {
				checks.require(step.dueOffset() >= 0, at + ".dueOffset", "must not be negative");
				checks.require(step.dueOffset() <= 365, at + ".dueOffset", "must be at most 365");
			}
			DueUnit unit = parseUnit(step.dueUnit());
			checks.require(unit != null, at + ".dueUnit", "must be DAYS or BUSINESS_DAYS");
			StepCondition condition = step.condition() == null ? StepCondition.none() : step.condition();
			for (int j = 0; j < condition.regions().size(); j++) {
				checks.require(regionExists.test(condition.regions().get(j)), at + ".condition.regions[" + j + "]",
						"is not a known region: " + condition.regions().get(j));
			}
			for (int j = 0; j < condition.countries().size(); j++) {
				checks.country(condition.countries().get(j), at + ".condition.countries[" + j + "]");
			}
			for (int j = 0; j < condition.languages().size(); j++) {
				String language = condition.languages().get(j);
				checks.require(language != null && language.matches("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"), at + ".condition.languages[" + j + "]",
						"must be a BCP 47 language tag such as id or pt-BR");
			}
			String after = step.after() == null || step.after().isBlank() ? null : step.after().strip();
			String templateKey = Checks.blankToNull(step.templateKey());
			checks.require(templateKey == null || templateExists.test(templateKey.strip()), at + ".templateKey",
					"is not a known communication template: " + templateKey);
			normalized.add(new StepDefinition(key, step.title() == null ? null : step.title().strip(), step.guidance() == null ? "" : step.guidance(),
					role.map(Role::name).orElse(step.ownerRole()), step.dueOffset(), unit == null ? step.dueUnit() : unit.name(), after,
					step.required() == null || step.required(), condition, templateKey == null ? null : templateKey.strip()));
		}
		checks.throwIfAny();
		for (int i = 0; i < normalized.size(); i++) {
			String after = normalized.get(i).after();
			if (after != null) {
				checks.require(keys.containsKey(after), "steps[" + i + "].after", "names no step of this template: " + after);
			}
		}
		checks.throwIfAny();
		reportCycles(normalized, keys, checks);
		checks.throwIfAny();
		return normalized;
	}

	/** A step whose {@code after} chain comes back to itself can never fall due. */
	private static void reportCycles(List<StepDefinition> steps, Map<String, Integer> index, Checks checks) {
		Set<String> inReportedCycle = new HashSet<>();
		for (int i = 0; i < steps.size(); i++) {
			String key = steps.get(i).key();
			if (inReportedCycle.contains(key)) {
				continue;
			}
			List<String> path = new ArrayList<>(List.of(key));
			String current = steps.get(i).after();
			while (current != null && !path.contains(current)) {
				path.add(current);
				current = steps.get(index.get(current)).after();
			}
			if (key.equals(current)) {
				inReportedCycle.addAll(path);
				path.add(key);
				checks.require(false, "steps[" + i + "].after", "forms a cycle of due dates: " + String.join(" → ", path));
			}
		}
	}

	static DueUnit parseUnit(String value) {
		if (value == null || value.isBlank()) {
			return DueUnit.DAYS;
		}
		try {
			return DueUnit.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Where a checklist's offsets count from: the creator's registration (the event time of
	 * {@code creator.registered}), not the moment the checklist is started. A checklist started late (a
	 * backfill, an import, a lagging projection) keeps the creator's real timeline, so a day-7 check-in is
	 * due on day 7 of the creator's life and a step already past due starts overdue. The start itself only
	 * when the registration time is unknown.
	 */
	static Instant dueFrom(Instant registeredAt, Instant startedAt) {
		return registeredAt != null ? registeredAt : startedAt;
	}

	/** Adds an offset in a unit to an instant (in a region's calendar). */
	interface DueArithmetic {

		Instant add(Instant base, int offset, DueUnit unit);
	}

	/**
	 * When a step opens, the instant its due counts from: the checklist's start of the offsets for a step
	 * without {@code after}, else the due of the step it follows. {@code dues} as {@link #dues} computes them.
	 */
	static Instant opensAt(Step step, Map<String, Instant> dues, Instant start) {
		Instant base = step.after() == null ? null : dues.get(step.after());
		return base == null ? start : base;
	}

	/** The due of every step (included or not: a later step may count from an excluded one), by key. */
	static Map<String, Instant> dues(List<Step> steps, Instant start, DueArithmetic arithmetic) {
		Map<String, Step> byKey = new LinkedHashMap<>();
		steps.forEach(s -> byKey.put(s.key(), s));
		Map<String, Instant> dues = new LinkedHashMap<>();
		for (Step step : steps) {
			due(step, byKey, start, arithmetic, dues, 0);
		}
		return dues;
	}

	private static Instant due(Step step, Map<String, Step> byKey, Instant start, DueArithmetic arithmetic, Map<String, Instant> dues,
			int depth) {
		Instant known = dues.get(step.key());
		if (known != null) {
			return known;
		}
		if (depth > MAX_STEPS) {
			throw new IllegalStateException("Cyclic steps in a stored template: " + step.key());
		}
		Step base = step.after() == null ? null : byKey.get(step.after());
		Instant from = base == null ? start : due(base, byKey, start, arithmetic, dues, depth + 1);
		Instant due = arithmetic.add(from, step.dueOffset(), step.dueUnit());
		dues.put(step.key(), due);
		return due;
	}
}
