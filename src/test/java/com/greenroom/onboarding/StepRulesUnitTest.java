package com.greenroom.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.greenroom.calendar.BusinessCalendar;
import com.greenroom.identity.Role;
import com.greenroom.system.InvalidInputException;

class StepRulesUnitTest {

	private static StepDefinition step(String key, int offset, String after) {
		return new StepDefinition(key, "Step " + key, "", "CREATOR_MANAGER", offset, "DAYS", after, true, null, null);
	}

	private static InvalidInputException refused(List<StepDefinition> steps) {
		try {
			StepRules.validate(steps, r -> true, t -> true);
		}
		catch (InvalidInputException ex) {
			return ex;
		}
		throw new AssertionError("accepted " + steps);
	}

	@Test
	void stepsThatWaitForEachOtherAreACycleNamedAtTheFirstOfThem() {
		InvalidInputException ex = refused(List.of(step("a", 1, null), step("b", 1, "c"), step("c", 1, "b")));

		assertThat(ex.errors()).hasSize(1);
		assertThat(ex.errors().get(0).field()).isEqualTo("steps[1].after");
		assertThat(ex.errors().get(0).reason()).contains("b → c → b");
	}

	@Test
	void aStepAfterItselfIsACycle() {
		assertThat(refused(List.of(step("a", 1, "a"))).errors().get(0).field()).isEqualTo("steps[0].after");
	}

	@Test
	void negativeOffsetsUnknownRolesAndUnknownAfterStepsAreNamed() {
		StepDefinition unknownRole = new StepDefinition("a", "A", "", "JANITOR", 1, "DAYS", null, true, null, null);
		InvalidInputException ex = refused(List.of(unknownRole, step("b", -2, null), new StepDefinition("c", "C", "", "SAFETY", 1, "WEEKS", null,
				true, null, null)));

		assertThat(ex.errors()).extracting(InvalidInputException.FieldError::field)
			.containsExactly("steps[0].ownerRole", "steps[1].dueOffset", "steps[2].dueUnit");
		assertThat(refused(List.of(step("a", 1, "nope"))).errors().get(0).field()).isEqualTo("steps[0].after");
	}

	@Test
	void aStepAfterAnotherFallsDueItsOffsetAfterThatStepsDue() {
		List<Step> steps = List.of(
				new Step(1, 1, "profile", "Profile", "", "", Role.CREATOR_MANAGER, 2, DueUnit.DAYS, null, true, StepCondition.none(), null),
				new Step(2, 2, "first-stream", "First stream", "", "", Role.CREATOR_MANAGER, 1, DueUnit.DAYS, "profile", true, StepCondition.none(),
						null),
				new Step(3, 3, "later", "Later", "", "", Role.CREATOR_MANAGER, 3, DueUnit.DAYS, "first-stream", true, StepCondition.none(), null));
		Instant start = Instant.parse("2026-03-02T09:00:00Z");

		Map<String, Instant> dues = StepRules.dues(steps, start, (base, offset, unit) -> base.plus(Duration.ofDays(offset)));

		assertThat(dues).containsEntry("profile", Instant.parse("2026-03-04T09:00:00Z"))
			.containsEntry("first-stream", Instant.parse("2026-03-05T09:00:00Z"))
			.containsEntry("later", Instant.parse("2026-03-08T09:00:00Z"));
	}

	private static Step managerStep(long id, String key, int offset, DueUnit unit) {
		return new Step(id, (int) id, key, key, "", "", Role.CREATOR_MANAGER, offset, unit, null, true, StepCondition.none(), null);
	}

	private static Map<String, Instant> duesIn(BusinessCalendar calendar, Instant from, Step... steps) {
		return StepRules.dues(List.of(steps), from,
				(base, offset, unit) -> unit == DueUnit.BUSINESS_DAYS ? calendar.addBusinessDays(base, offset) : calendar.addDays(base, offset));
	}

	@Test
	void aChecklistStartedLateCountsFromTheRegistrationSoItsDay7CheckInFallsOnDay7AcrossTheDstChange() {
		// Friday 20:30 in Berlin, winter time; the checklist only starts ten days later (a backfill)
		Instant registered = Instant.parse("2026-03-27T19:30:00Z");
		Instant started = Instant.parse("2026-04-06T10:00:00Z");
		BusinessCalendar berlin = BusinessCalendar.standard("EU", ZoneId.of("Europe/Berlin"));

		Instant from = StepRules.dueFrom(registered, started);
		Map<String, Instant> dues = duesIn(berlin, from, managerStep(1, "welcome-call", 1, DueUnit.BUSINESS_DAYS),
				managerStep(2, "day-7-check-in", 7, DueUnit.DAYS), managerStep(3, "review", 10, DueUnit.BUSINESS_DAYS));

		assertThat(from).isEqualTo(registered);
		// Monday and the next Friday at 20:30 Berlin summer time (UTC+2 since 29 March)
		assertThat(dues).containsEntry("welcome-call", Instant.parse("2026-03-30T18:30:00Z"))
			.containsEntry("day-7-check-in", Instant.parse("2026-04-03T18:30:00Z"))
			.containsEntry("review", Instant.parse("2026-04-10T18:30:00Z"));
		assertThat(dues.get("welcome-call")).as("already past due when the checklist starts").isBefore(started);
		assertThat(dues.get("day-7-check-in")).as("already past due when the checklist starts").isBefore(started);
		assertThat(dues.get("review")).isAfter(started);
	}

	@Test
	void theCreatorsDaysAreCountedInTheRegionsZoneNotInUtc() {
		// Friday 16:30 UTC is already Saturday 01:30 in Tokyo: the next business day there is Monday
		Instant registered = Instant.parse("2026-11-20T16:30:00Z");
		BusinessCalendar tokyo = BusinessCalendar.standard("EA", ZoneId.of("Asia/Tokyo"));

		Map<String, Instant> dues = duesIn(tokyo, StepRules.dueFrom(registered, Instant.parse("2026-11-20T16:31:00Z")),
				managerStep(1, "welcome-call", 1, DueUnit.BUSINESS_DAYS), managerStep(2, "day-7-check-in", 7, DueUnit.DAYS));

		assertThat(dues).containsEntry("welcome-call", Instant.parse("2026-11-22T16:30:00Z"))
			.containsEntry("day-7-check-in", Instant.parse("2026-11-27T16:30:00Z"));
	}

	@Test
	void aCreatorWithoutAKnownRegistrationTimeCountsFromTheStart() {
		Instant started = Instant.parse("2026-11-30T09:00:00Z");

		assertThat(StepRules.dueFrom(null, started)).isEqualTo(started);
	}

	@Test
	void aConditionMatchesEveryVariantOfALanguageWithoutSubtag() {
		StepCondition indonesian = new StepCondition(List.of(), List.of(), List.of("id"));

		assertThat(indonesian.matches("SEA", "ID", "id-ID")).isTrue();
		assertThat(indonesian.matches("SEA", "ID", "id")).isTrue();
		assertThat(indonesian.matches("SEA", "TH", "th")).isFalse();
		assertThat(indonesian.matches("SEA", "ID", null)).isFalse();
		assertThat(StepCondition.none().matches("SEA", "TH", null)).isTrue();
	}

	@Test
	void guidanceMarkdownIsRenderedWithoutRawHtmlOrScriptLinks() {
		String html = Guidance.html("<script>alert(1)</script>\n\n**Agree** a [schedule](javascript:alert(1)) and [docs](https://example.com)");

		assertThat(html).contains("&lt;script&gt;").contains("<strong>Agree</strong>").contains("href=\"https://example.com\"")
			.doesNotContain("<script>").doesNotContain("javascript:");
	}

	@Test
	void renderedGuidanceIsKeptByItsTextSoAnEditedTextIsRenderedAnew() {
		String first = Guidance.html("Call **within a day**");
		String again = Guidance.html("Call **within a day**");
		String edited = Guidance.html("Call **within two days**");

		assertThat(again).isSameAs(first).isEqualTo("<p>Call <strong>within a day</strong></p>\n");
		assertThat(edited).isEqualTo("<p>Call <strong>within two days</strong></p>\n");
		assertThat(Guidance.html("  ")).isEmpty();
		assertThat(Guidance.html(null)).isEmpty();
	}

	@Test
	void aTemplateNeedsSteps() {
		assertThatThrownBy(() -> StepRules.validate(List.of(), r -> true, t -> true)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("steps: a template needs at least one step");
	}
}
