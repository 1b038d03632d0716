package com.greenroom.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.util.com.google.ical.compat.javautil.DateIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.onboarding.Checklists;
import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import com.greenroom.tasks.TaskDraft;
import com.greenroom.tasks.TaskSource;
import com.greenroom.tasks.Tasks;
import com.greenroom.tickets.Priority;
import com.greenroom.tickets.Ticket;
import com.greenroom.tickets.TicketDraft;
import com.greenroom.tickets.Tickets;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class CalendarIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	AuditLog audit;

	@Autowired
	Users users;

	@Autowired
	Checklists checklists;

	@Autowired
	Tasks tasks;

	@Autowired
	Tickets tickets;

	UserSummary hans;

	String hansToken;

	@BeforeEach
	void reset() {
		data.reset();
		hans = data.manager("hans", "EU");
		hansToken = data.tokenOf(hans);
		data.creator("c-eu-1", "lena", "DE");
		data.creator("c-eu-2", "marco", "IT");
		data.creator("c-br-1", "luna", "BR");
		// onboarding starts after each registration commits; let it finish so nothing lands after the next reset
		await().atMost(Duration.ofSeconds(10))
			.until(() -> checklists.find("c-eu-1").isPresent() && checklists.find("c-eu-2").isPresent() && checklists.find("c-br-1").isPresent());
	}

	private Api.Response create(String token, String json) {
		return api.post("/api/v1/calendar/events", token, json);
	}

	private long weeklyBerlinPkBattle(String extra) {
		Api.Response created = create(hansToken, """
				{"title": "PK night", "kind": "PK_BATTLE", "region": "EU", "timeZone": "Europe/Berlin",
				 "start": "2026-10-12T18:00", "end": "2026-10-12T19:30", "rrule": "FREQ=WEEKLY;COUNT=4", "creatorIds": ["c-eu-1"]%s}"""
			.formatted(extra));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asLong();
	}

	private String feedUrl(String token, String scope, String id) {
		Api.Response feed = api.post("/api/v1/calendar/feeds", token, "{\"scope\": \"%s\", \"id\": \"%s\"}".formatted(scope, id));
		assertThat(feed.status()).as(feed.body()).isEqualTo(201);
		String url = feed.json().get("url").asString();
		assertThat(url).startsWith(api.baseUrl() + "/ical/").endsWith(".ics");
		return url.substring(api.baseUrl().length());
	}

	private ICalendar readFeed(String path) {
		Api.Response response = api.get(path, null);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("text/calendar");
		return Biweekly.parse(response.body()).first();
	}

	private static List<Instant> instants(ICalendar calendar, VEvent event) {
		DateIterator it = event.getDateIterator(calendar.getTimezoneInfo().getTimezone(event.getDateStart()).getTimeZone());
		List<Instant> starts = new ArrayList<>();
		while (it.hasNext() && starts.size() < 50) {
			starts.add(it.next().toInstant());
		}
		return starts;
	}

	private static VEvent master(ICalendar calendar, String summary) {
		return calendar.getEvents().stream().filter(e -> e.getRecurrenceId() == null && e.getSummary().getValue().equals(summary)).findFirst()
			.orElseThrow();
	}

	private static List<String> fields(Api.Response response) {
		List<String> fields = new ArrayList<>();
		response.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
		return fields;
	}

	@Test
	void routineTaskAndOpenTicketSlaDueTimesAppearInTheFeedsOfTheirRegionOnly() {
		Instant due = TestClock.START.plus(Duration.ofDays(2));
		long routine = tasks.create(new TaskDraft("Weekly check-in with lena", new TaskSource("ROUTINE", "r-1", "/routines"), "c-eu-1", "EU",
				hans.id(), null, due))
			.id();
		tasks.create(new TaskDraft("Weekly check-in with luna", new TaskSource("ROUTINE", "r-2", "/routines"), "c-br-1", "LATAM", null,
				com.greenroom.identity.Role.REGIONAL_LEAD, due));
		tasks.create(new TaskDraft("Call marco back", new TaskSource(TaskSource.MANUAL, null, null), "c-eu-2", "EU", hans.id(), null, due));
		Ticket payout = tickets.open(new TicketDraft("Payout late", "Since Monday", "c-eu-1", "EU", "payouts", Priority.P2, "API"));
		tickets.open(new TicketDraft("Gift missing", "Since noon", "c-br-1", "LATAM", "gifts", Priority.P1, "API"));
		Ticket sla = tickets.get(data.admin(), payout.id());

		ICalendar region = readFeed(feedUrl(hansToken, "region", "EU"));
		List<String> summaries = region.getEvents().stream().map(e -> e.getSummary().getValue()).toList();
		assertThat(summaries).contains("Due: Weekly check-in with lena", "First response due: #" + payout.id() + " Payout late",
				"Resolution due: #" + payout.id() + " Payout late");
		assertThat(summaries).noneMatch(s -> s.contains("luna") || s.contains("Gift missing") || s.contains("Call marco"));
		VEvent routineEvent = region.getEvents().stream().filter(e -> e.getSummary().getValue().equals("Due: Weekly check-in with lena"))
			.findFirst().orElseThrow();
		assertThat(routineEvent.getDateStart().getValue().toInstant()).isEqualTo(due);
		assertThat(routineEvent.getUid().getValue()).isEqualTo("task-" + routine + "@greenroom");
		assertThat(region.getEvents().stream().filter(e -> e.getSummary().getValue().startsWith("First response due: #" + payout.id()))
			.findFirst().orElseThrow().getDateStart().getValue().toInstant()).isEqualTo(sla.sla().firstResponseDueAt());
		assertThat(region.getEvents().stream().filter(e -> e.getSummary().getValue().startsWith("Resolution due: #" + payout.id()))
			.findFirst().orElseThrow().getDateStart().getValue().toInstant()).isEqualTo(sla.sla().resolutionDueAt());

		ICalendar mine = readFeed(feedUrl(hansToken, "user", String.valueOf(hans.id())));
		assertThat(mine.getEvents()).extracting(e -> e.getSummary().getValue()).containsExactly("Due: Weekly check-in with lena");

		// resolved, the ticket leaves the feed
		tickets.update(data.admin(), payout.id(),
				new Tickets.TicketChanges(null, null, null, null, "RESOLVED", null, null, null, "Paid out", null, null));
		assertThat(readFeed(feedUrl(hansToken, "region", "EU")).getEvents()).extracting(e -> e.getSummary().getValue())
			.noneMatch(s -> s.contains("Payout late"));
	}

	@Test
	void aWeeklyBerlinEventKeepsItsLocalTimeAcrossTheOctoberDstChangeInApiAndFeed() {
		long id = weeklyBerlinPkBattle("");

		JsonNode occurrences = api.get("/api/v1/calendar/events/" + id + "/occurrences?from=2026-10-01&to=2026-12-01", hansToken).json();
		List<String> starts = new ArrayList<>();
		occurrences.forEach(o -> starts.add(o.get("start").asString()));
		// 18:00 in Berlin is 16:00 UTC in summer time and 17:00 UTC after the clocks go back on 2026-10-25
		assertThat(starts).containsExactly("2026-10-12T16:00:00Z", "2026-10-19T16:00:00Z", "2026-10-26T17:00:00Z", "2026-11-02T17:00:00Z");
		assertThat(occurrences.get(2).get("localStart").asString()).isEqualTo("2026-10-26T18:00:00");

		ICalendar feed = readFeed(feedUrl(hansToken, "region", "EU"));
		assertThat(feed.getTimezoneInfo().getComponents()).extracting(tz -> tz.getTimezoneId().getValue()).containsExactly("Europe/Berlin");
		VEvent pk = master(feed, "PK night");
		assertThat(pk.getRecurrenceRule().getValue().getCount()).isEqualTo(4);
		assertThat(instants(feed, pk)).containsExactly(Instant.parse("2026-10-12T16:00:00Z"), Instant.parse("2026-10-19T16:00:00Z"),
				Instant.parse("2026-10-26T17:00:00Z"), Instant.parse("2026-11-02T17:00:00Z"));
	}

	@Test
	void aCancelledAndAMovedOccurrenceShowInTheOccurrencesAndTheFeedAsExdateAndRecurrenceId() {
		long id = weeklyBerlinPkBattle("");

		assertThat(api.delete("/api/v1/calendar/events/" + id + "/occurrences/2026-10-19T18:00", hansToken).status()).isEqualTo(200);
		Api.Response moved = api.put("/api/v1/calendar/events/" + id + "/occurrences/2026-10-26T18:00", hansToken,
				"{\"start\": \"2026-10-27T10:00\", \"end\": \"2026-10-27T11:00\", \"title\": \"PK night (moved)\"}");
		assertThat(moved.status()).as(moved.body()).isEqualTo(200);
		assertThat(moved.json().get("exdates").get(0).asString()).isEqualTo("2026-10-19T18:00");
		assertThat(moved.json().get("moved").get(0).get("recurrenceId").asString()).isEqualTo("2026-10-26T18:00");

		List<String> starts = new ArrayList<>();
		api.get("/api/v1/calendar/occurrences?from=2026-10-01&to=2026-12-01&region=EU", hansToken)
			.json()
			.forEach(o -> starts.add(o.get("start").asString() + " " + o.get("title").asString() + " " + o.get("moved").asBoolean()));
		assertThat(starts).containsExactly("2026-10-12T16:00:00Z PK night false", "2026-10-27T09:00:00Z PK night (moved) true",
				"2026-11-02T17:00:00Z PK night false");

		ICalendar feed = readFeed(feedUrl(hansToken, "region", "EU"));
		VEvent master = master(feed, "PK night");
		assertThat(master.getExceptionDates()).hasSize(1);
		assertThat(master.getExceptionDates().get(0).getValues().get(0).toInstant()).isEqualTo(Instant.parse("2026-10-19T16:00:00Z"));
		VEvent override = feed.getEvents().stream().filter(e -> e.getRecurrenceId() != null).findFirst().orElseThrow();
		assertThat(override.getUid().getValue()).isEqualTo(master.getUid().getValue());
		assertThat(override.getRecurrenceId().getValue().toInstant()).isEqualTo(Instant.parse("2026-10-26T17:00:00Z"));
		assertThat(override.getDateStart().getValue().toInstant()).isEqualTo(Instant.parse("2026-10-27T09:00:00Z"));
		// the rule still yields the moved slot; a client replaces it with the override, and skips the exception
		assertThat(instants(feed, master)).containsExactly(Instant.parse("2026-10-12T16:00:00Z"), Instant.parse("2026-10-26T17:00:00Z"),
				Instant.parse("2026-11-02T17:00:00Z"));

		assertThat(audit.search(new AuditLog.AuditQuery("calendar_event", String.valueOf(id), "hans"), null, 10).items())
			.extracting(e -> e.action())
			.containsExactly("occurrence moved", "occurrence cancelled", "created");
	}

	@Test
	void aCreatorBookedInTwoOverlappingEventsIsFlaggedOnBothButBackToBackIsNot() {
		long pk = weeklyBerlinPkBattle("");
		Api.Response coaching = create(hansToken, """
				{"title": "Coaching lena", "kind": "COACHING", "region": "EU", "start": "2026-10-26T19:00", "end": "2026-10-26T20:00",
				 "creatorIds": ["c-eu-1", "c-eu-2"]}""");
		Api.Response later = create(hansToken, """
				{"title": "Review", "kind": "REVIEW", "region": "EU", "start": "2026-10-19T19:30", "end": "2026-10-19T20:00",
				 "creatorIds": ["c-eu-1"]}""");
		assertThat(coaching.status()).as(coaching.body()).isEqualTo(201);
		assertThat(later.status()).isEqualTo(201);
		assertThat(coaching.json().get("timeZone").asString()).as("the region's zone by default").isEqualTo("Europe/Berlin");

		JsonNode conflicts = coaching.json().get("conflicts");
		assertThat(conflicts).hasSize(1);
		assertThat(conflicts.get(0).get("creatorId").asString()).isEqualTo("c-eu-1");
		assertThat(conflicts.get(0).get("otherEventId").asLong()).isEqualTo(pk);
		assertThat(conflicts.get(0).get("otherStart").asString()).isEqualTo("2026-10-26T17:00:00Z");
		JsonNode pkConflicts = api.get("/api/v1/calendar/events/" + pk, hansToken).json().get("conflicts");
		assertThat(pkConflicts).hasSize(1);
		assertThat(pkConflicts.get(0).get("start").asString()).isEqualTo("2026-10-26T17:00:00Z");
		assertThat(api.get("/api/v1/calendar/events/" + later.json().get("id").asLong(), hansToken).json().get("conflicts")).isEmpty();

		List<String> flagged = new ArrayList<>();
		api.get("/api/v1/calendar/occurrences?from=2026-10-01&to=2026-11-30&timeZone=Europe/Berlin", hansToken)
			.json()
			.forEach(o -> flagged.add(o.get("title").asString() + " " + o.get("localStart").asString() + " " + o.get("conflictingCreatorIds")));
		assertThat(flagged).contains("PK night 2026-10-26T18:00:00 [\"c-eu-1\"]", "Coaching lena 2026-10-26T19:00:00 [\"c-eu-1\"]",
				"PK night 2026-10-19T18:00:00 []", "Review 2026-10-19T19:30:00 []");

		// moving the clashing occurrence away clears the flag
		api.put("/api/v1/calendar/events/" + pk + "/occurrences/2026-10-26T18:00", hansToken,
				"{\"start\": \"2026-10-26T16:00\", \"end\": \"2026-10-26T17:00\"}");
		assertThat(api.get("/api/v1/calendar/events/" + coaching.json().get("id").asLong(), hansToken).json().get("conflicts")).isEmpty();
	}

	@Test
	void badInputIsOneProblemNamingEachFieldAndStoresNothing() {
		Api.Response bad = create(hansToken, """
				{"title": "", "kind": "PARTY", "region": "EU", "timeZone": "Mars/Olympus", "start": "2026-10-12T18:00", "end": "2026-10-12T17:00",
				 "rrule": "FREQ=SOMETIMES", "creatorIds": ["c-nobody", "c-br-1"]}""");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.contentType()).startsWith("application/problem+json");
		assertThat(fields(bad)).contains("title", "kind", "timeZone", "rrule", "creatorIds[0]", "creatorIds[1]");

		Api.Response backwards = create(hansToken, """
				{"title": "x", "kind": "REVIEW", "region": "EU", "start": "2026-10-12T18:00", "end": "2026-10-12T17:00"}""");
		assertThat(fields(backwards)).containsExactly("end");
		Api.Response badRule = create(hansToken, """
				{"title": "x", "kind": "REVIEW", "region": "EU", "start": "2026-10-12T18:00", "end": "2026-10-12T19:00", "rrule": "every monday"}""");
		assertThat(fields(badRule)).containsExactly("rrule");
		Api.Response otherRegion = create(hansToken, """
				{"title": "x", "kind": "REVIEW", "region": "LATAM", "start": "2026-10-12T18:00", "end": "2026-10-12T19:00"}""");
		assertThat(fields(otherRegion)).containsExactly("region");
		assertThat(api.get("/api/v1/calendar/events", hansToken).json().get("items")).isEmpty();

		// a rule without end needs a horizon
		long forever = create(hansToken,
				"""
						{"title": "Daily standup", "kind": "REVIEW", "region": "EU", "start": "2026-12-01T09:00", "end": "2026-12-01T09:15", "rrule": "FREQ=DAILY"}""")
			.json()
			.get("id")
			.asLong();
		Api.Response noHorizon = api.get("/api/v1/calendar/occurrences?from=2026-12-01", hansToken);
		assertThat(noHorizon.status()).isEqualTo(400);
		assertThat(fields(noHorizon)).containsExactly("to");
		assertThat(fields(api.get("/api/v1/calendar/events/" + forever + "/occurrences?from=2026-12-01", hansToken))).containsExactly("to");
		assertThat(api.get("/api/v1/calendar/occurrences?from=2026-12-01&to=2026-12-08", hansToken).json()).hasSize(7);
		assertThat(fields(api.put("/api/v1/calendar/events/" + forever + "/occurrences/2026-12-01T10:00", hansToken,
				"{\"start\": \"2026-12-01T11:00\", \"end\": \"2026-12-01T11:15\"}")))
			.containsExactly("recurrenceId");
	}

	@Test
	void aFeedShowsOnlyTheRegionsItsMakerMaySeeAndARevokedOrRotatedSecretAnswersABare404() {
		weeklyBerlinPkBattle("");
		UserSummary ana = data.manager("ana", "LATAM");
		String anaToken = data.tokenOf(ana);
		assertThat(create(anaToken, """
				{"title": "Carnival campaign", "kind": "CAMPAIGN", "region": "LATAM", "start": "2027-02-05", "end": "2027-02-17", "allDay": true,
				 "creatorIds": ["c-br-1"]}""").status()).isEqualTo(201);

		// Ana may not make feeds of what she cannot see
		assertThat(fields(api.post("/api/v1/calendar/feeds", anaToken, "{\"scope\": \"region\", \"id\": \"EU\"}"))).containsExactly("id");
		assertThat(fields(api.post("/api/v1/calendar/feeds", anaToken, "{\"scope\": \"creator\", \"id\": \"c-eu-1\"}"))).containsExactly("id");
		assertThat(fields(api.post("/api/v1/calendar/feeds", anaToken, "{\"scope\": \"user\", \"id\": \"" + hans.id() + "\"}")))
			.containsExactly("id");
		assertThat(fields(api.post("/api/v1/calendar/feeds", anaToken, "{\"scope\": \"planet\", \"id\": \"x\"}"))).containsExactly("scope");

		String latam = feedUrl(anaToken, "region", "LATAM");
		String mine = feedUrl(anaToken, "user", String.valueOf(ana.id()));
		String luna = feedUrl(anaToken, "creator", "c-br-1");
		ICalendar latamFeed = readFeed(latam);
		assertThat(latamFeed.getEvents()).extracting(e -> e.getSummary().getValue()).containsExactly("Carnival campaign");
		VEvent carnival = latamFeed.getEvents().get(0);
		assertThat(carnival.getDateStart().getValue().hasTime()).isFalse();
		assertThat(carnival.getDateEnd().getValue().hasTime()).isFalse();
		assertThat(readFeed(mine).getEvents()).hasSize(1);
		assertThat(readFeed(luna).getEvents()).hasSize(1);
		assertThat(readFeed(feedUrl(hansToken, "region", "EU")).getEvents()).extracting(e -> e.getSummary().getValue())
			.containsExactly("PK night");

		// Ana leaves LATAM: her feeds show nothing of it any more
		users.update(ana.id(), new Users.UserChanges(null, null, null, null, List.of("EU"), null));
		assertThat(readFeed(latam).getEvents()).isEmpty();
		assertThat(readFeed(luna).getEvents()).isEmpty();

		// rotate and revoke
		JsonNode feeds = api.get("/api/v1/calendar/feeds", anaToken).json();
		assertThat(feeds).hasSize(3);
		assertThat(feeds.toString()).doesNotContain(latam.substring(6, 30));
		long latamId = feeds.get(2).get("id").asLong();
		Api.Response rotated = api.post("/api/v1/calendar/feeds/" + latamId + "/rotate", anaToken, "");
		assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
		Api.Response old = api.get(latam, null);
		assertThat(old.status()).isEqualTo(404);
		assertThat(old.body()).isEmpty();
		String fresh = rotated.json().get("url").asString().substring(api.baseUrl().length());
		assertThat(api.get(fresh, null).status()).isEqualTo(200);
		assertThat(api.delete("/api/v1/calendar/feeds/" + latamId, anaToken).status()).isEqualTo(200);
		assertThat(api.get(fresh, null).status()).isEqualTo(404);
		assertThat(api.get("/ical/" + "x".repeat(43) + ".ics", null).status()).isEqualTo(404);
		assertThat(api.delete("/api/v1/calendar/feeds/" + latamId, hansToken).status()).as("someone else's feed").isEqualTo(404);
	}
}
