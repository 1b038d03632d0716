package com.greenroom.milestones;

import static com.greenroom.support.EventFeed.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.support.Api;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.PublishedMilestones;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class MilestonesIntegrationTest {

	static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	EventFeed feed;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PublishedMilestones published;

	@Autowired
	Clock clock;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	TransactionTemplate transactions;

	LocalDate today;

	@BeforeEach
	void reset() {
		data.reset();
		today = LocalDate.ofInstant(clock.instant(), SAO_PAULO);
		data.creator("ana", "ana", "BR");
		data.creator("kenji", "kenji", "JP");
	}

	Instant local(LocalDate day, int hour, int minute) {
		return day.atTime(hour, minute).atZone(SAO_PAULO).toInstant();
	}

	JsonNode milestone(String creatorId, String code) {
		Api.Response response = api.get("/api/v1/creators/" + creatorId + "/milestones", TestData.ADMIN_TOKEN);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().valueStream().filter(m -> m.get("code").asString().equals(code)).findFirst().orElseThrow();
	}

	Instant reachedAt(String creatorId, String code) {
		JsonNode m = milestone(creatorId, code);
		assertThat(m.get("reached").asBoolean()).as(code + " reached").isTrue();
		return Instant.parse(m.get("reachedAt").asString());
	}

	long allAnnouncements() {
		return published.count();
	}

	long announcements(String creatorId, String code) {
		return published.count(creatorId, code);
	}

	@Test
	void builtInMilestonesAreReachedAtTheEventTimeOfTheQualifyingEvent() {
		Instant t = local(today.minusDays(3), 20, 0);
		feed.send(started("s1", "ana", "s1", t), gift("g1", "ana", "s1", "v1", "1.00", t.plusSeconds(120)),
				gift("g2", "ana", "s1", "v1", "1.00", t.plusSeconds(180)), subscription("sub1", "ana", "v2", "4.99", t.plusSeconds(300)),
				started("s2", "ana", "s2", t.plusSeconds(7200)));

		assertThat(reachedAt("ana", "FIRST_STREAM")).isEqualTo(t);
		assertThat(reachedAt("ana", "FIRST_REVENUE")).isEqualTo(t.plusSeconds(120));
		assertThat(reachedAt("ana", "FIRST_SUBSCRIPTION")).isEqualTo(t.plusSeconds(300));
		JsonNode retained = milestone("ana", "TEN_RETAINED_VIEWERS");
		assertThat(retained.get("reached").asBoolean()).isFalse();
		assertThat(retained.get("current").decimalValue()).isEqualByComparingTo("0");
		assertThat(retained.get("threshold").decimalValue()).isEqualByComparingTo("10");
		assertThat(milestone("kenji", "FIRST_STREAM").get("reached").asBoolean()).isFalse();
		assertThat(announcements("ana", "FIRST_STREAM")).isEqualTo(1);
	}

	@Test
	void aLateEventMovesReachedAtEarlierWithoutAnnouncingTheMilestoneAgain() {
		Instant t = local(today.minusDays(2), 21, 0);
		feed.send(started("s1", "ana", "s1", t), subscription("sub1", "ana", "v2", "4.99", t.plusSeconds(600)));
		assertThat(reachedAt("ana", "FIRST_REVENUE")).isEqualTo(t.plusSeconds(600));

		Instant earlierDay = local(today.minusDays(5), 10, 0);
		feed.send(gift("late-gift", "ana", "s0", "v1", "0.50", earlierDay.plusSeconds(30)), started("late-start", "ana", "s0", earlierDay));

		assertThat(reachedAt("ana", "FIRST_REVENUE")).isEqualTo(earlierDay.plusSeconds(30));
		assertThat(reachedAt("ana", "FIRST_STREAM")).isEqualTo(earlierDay);
		assertThat(reachedAt("ana", "FIRST_SUBSCRIPTION")).isEqualTo(t.plusSeconds(600));
		assertThat(announcements("ana", "FIRST_REVENUE")).isEqualTo(1);
		assertThat(announcements("ana", "FIRST_STREAM")).isEqualTo(1);
	}

	@Test
	void theJoinThatMakesTheTenthRetainedViewerReachesTenRetainedViewers() {
		LocalDate first = today.minusDays(6);
		Instant day1 = local(first, 22, 0); // after 21:00 local, so already the next UTC day
		Instant day2 = local(first.plusDays(1), 18, 0);
		List<String> lines = new ArrayList<>(joins("d1-", "ana", "s1", "v", 12, day1));
		lines.add(joined("d1-again", "ana", "s1", "v1", day1.plusSeconds(3600))); // twice on one day is not retained
		feed.send(lines);
		List<String> secondDay = new ArrayList<>(joins("d2-", "ana", "s2", "v", 11, day2));
		java.util.Collections.reverse(secondDay); // arrival order does not matter
		feed.send(secondDay.subList(0, 5));
		feed.send(secondDay.subList(5, 11));

		// v1..v9 became retained at day2 + 0..8 s; v10 at day2 + 9 s is the tenth
		assertThat(reachedAt("ana", "TEN_RETAINED_VIEWERS")).isEqualTo(day2.plusSeconds(9));
		assertThat(milestone("ana", "TEN_RETAINED_VIEWERS").get("current").decimalValue()).isEqualByComparingTo("11");
		assertThat(api.get("/api/v1/creators/ana/activity?from=" + first + "&to=" + first.plusDays(1), TestData.ADMIN_TOKEN).json()
			.get("totals").get("retainedViewers").asInt()).isEqualTo(11);
	}

	@Test
	void adminsDefineMilestonesOfTheSameKindsWithOtherThresholds() {
		Instant t = local(today.minusDays(4), 15, 0);
		feed.send(started("s1", "ana", "s1", t), gift("g1", "ana", "s1", "v1", "60.00", t.plusSeconds(60)),
				subscription("sub1", "ana", "v2", "45.00", t.plusSeconds(120)), started("s2", "ana", "s2", t.plus(1, ChronoUnit.DAYS)));

		Api.Response created = api.post("/api/v1/milestones", TestData.ADMIN_TOKEN,
				"""
						{"code":"HUNDRED_DOLLARS","name":"$100 revenue","kind":"REVENUE_USD","threshold":100}""");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(api.post("/api/v1/milestones", TestData.ADMIN_TOKEN, """
				{"code":"SEVEN_ACTIVE_DAYS","name":"Seven active days","kind":"ACTIVE_DAYS","threshold":7}""").status()).isEqualTo(201);

		assertThat(reachedAt("ana", "HUNDRED_DOLLARS")).isEqualTo(t.plusSeconds(120));
		assertThat(announcements("ana", "HUNDRED_DOLLARS")).isEqualTo(1);
		JsonNode seven = milestone("ana", "SEVEN_ACTIVE_DAYS");
		assertThat(seven.get("reached").asBoolean()).isFalse();
		assertThat(seven.get("current").decimalValue()).isEqualByComparingTo("2");
		assertThat(api.get("/api/v1/milestones", TestData.ADMIN_TOKEN).json().valueStream().map(m -> m.get("code").asString()))
			.containsExactly("FIRST_STREAM", "FIRST_REVENUE", "TEN_RETAINED_VIEWERS", "FIRST_SUBSCRIPTION", "HUNDRED_DOLLARS",
					"SEVEN_ACTIVE_DAYS");
		// detected as events arrive, too
		feed.send(follow("f1", "ana", "v9", t.plusSeconds(10)));
		assertThat(reachedAt("ana", "HUNDRED_DOLLARS")).isEqualTo(t.plusSeconds(120));
	}

	@Test
	void lateEventsOnEarlierDaysMoveMilestonesAsAnEvaluationOfTheWholeHistoryDoes() {
		for (String definition : List.of("""
				{"code":"FOUR_VIEWERS","name":"Four viewers","kind":"UNIQUE_VIEWERS","threshold":4}""", """
				{"code":"TWO_RETAINED","name":"Two retained","kind":"RETAINED_VIEWERS","threshold":2}""", """
				{"code":"THREE_FOLLOWS","name":"Three follows","kind":"FOLLOWS","threshold":3}""", """
				{"code":"THREE_ACTIVE_DAYS","name":"Three active days","kind":"ACTIVE_DAYS","threshold":3}""")) {
			assertThat(api.post("/api/v1/milestones", TestData.ADMIN_TOKEN, definition).status()).isEqualTo(201);
		}
		LocalDate a = today.minusDays(9);
		LocalDate b = today.minusDays(7);
		LocalDate c = today.minusDays(5);
		LocalDate lateDay = today.minusDays(8);
		// one event per batch, each evaluated from its own day on
		for (String line : List.of(started("a1", "ana", "sa", local(a, 10, 0)), joined("a2", "ana", "sa", "v1", local(a, 10, 1)),
				joined("a3", "ana", "sa", "v2", local(a, 10, 2)), follow("a4", "ana", "f1", local(a, 11, 0)),
				started("b1", "ana", "sb", local(b, 10, 0)), joined("b2", "ana", "sb", "v1", local(b, 10, 1)),
				joined("b3", "ana", "sb", "v3", local(b, 10, 2)), started("c1", "ana", "sc", local(c, 10, 0)),
				joined("c2", "ana", "sc", "v2", local(c, 10, 1)), joined("c3", "ana", "sc", "v4", local(c, 10, 2)),
				follow("c4", "ana", "f2", local(c, 11, 0)), follow("c5", "ana", "f3", local(c, 12, 0)))) {
			feed.send(line);
		}
		assertThat(reachedAt("ana", "FOUR_VIEWERS")).isEqualTo(local(c, 10, 2));
		assertThat(reachedAt("ana", "TWO_RETAINED")).isEqualTo(local(c, 10, 1));
		assertThat(reachedAt("ana", "THREE_FOLLOWS")).isEqualTo(local(c, 12, 0));
		assertThat(reachedAt("ana", "THREE_ACTIVE_DAYS")).isEqualTo(local(c, 10, 0));
		assertThat(milestonesEqualAnEvaluationOfTheWholeHistory()).isTrue();

		// late, on a day between the first two: a stream, v3 and v4 (v3 now retained on b), and a follow
		for (String line : List.of(joined("l2", "ana", "sl", "v3", local(lateDay, 10, 1)), started("l1", "ana", "sl", local(lateDay, 10, 0)),
				joined("l3", "ana", "sl", "v4", local(lateDay, 10, 2)), follow("l4", "ana", "f4", local(lateDay, 11, 0)))) {
			feed.send(line);
			assertThat(milestonesEqualAnEvaluationOfTheWholeHistory()).as("after " + line).isTrue();
		}
		// v1, v2, v3, v4 by the late v4 join; v1 (a, b) and v3 (late day, b) retained on b, v3's join b3 second
		assertThat(reachedAt("ana", "FOUR_VIEWERS")).isEqualTo(local(lateDay, 10, 2));
		assertThat(reachedAt("ana", "TWO_RETAINED")).isEqualTo(local(b, 10, 2));
		assertThat(reachedAt("ana", "THREE_FOLLOWS")).isEqualTo(local(c, 11, 0));
		assertThat(reachedAt("ana", "THREE_ACTIVE_DAYS")).isEqualTo(local(b, 10, 0));
		List<String> incremental = jdbc.sql("select t::text from creator_milestone t order by 1").query(String.class).list();

		feed.rebuild();

		assertThat(jdbc.sql("select t::text from creator_milestone t order by 1").query(String.class).list()).isEqualTo(incremental);
	}

	@Autowired
	MilestoneTracker tracker;

	/** Evaluates every milestone of every creator from its whole history; true when that changed nothing. */
	boolean milestonesEqualAnEvaluationOfTheWholeHistory() {
		List<String> before = jdbc.sql("select t::text from creator_milestone t order by 1").query(String.class).list();
		transactions.executeWithoutResult(status -> {
			for (String creatorId : List.of("ana", "kenji")) {
				tracker.evaluate(creatorId, tracker.definitions(), java.util.Set.of(), null, true);
			}
		});
		return jdbc.sql("select t::text from creator_milestone t order by 1").query(String.class).list().equals(before);
	}

	@Test
	void aMilestoneDefinitionIsValidatedFieldByField() {
		assertProblem(api.post("/api/v1/milestones", TestData.ADMIN_TOKEN, """
				{"code":"FIFTY_FOLLOWS","name":"Fifty follows","kind":"LIKES","threshold":50}"""), 400, "kind");
		assertProblem(api.post("/api/v1/milestones", TestData.ADMIN_TOKEN, """
				{"code":"FIFTY_FOLLOWS","name":"Fifty follows","kind":"FOLLOWS","threshold":0}"""), 400, "threshold");
		assertProblem(api.post("/api/v1/milestones", TestData.ADMIN_TOKEN, """
				{"code":"FIFTY_FOLLOWS","name":"Fifty follows","kind":"FOLLOWS","threshold":2.5}"""), 400, "threshold");
		assertProblem(api.post("/api/v1/milestones", TestData.ADMIN_TOKEN, """
				{"code":"FIRST_STREAM","name":"Again","kind":"STREAMS","threshold":1}"""), 409, "code");
		assertProblem(api.post("/api/v1/milestones", TestData.ADMIN_TOKEN, """
				{"code":"fifty","name":"Fifty follows","kind":"FOLLOWS","threshold":50}"""), 400, "code");
		String manager = data.tokenOf(data.manager("lucia", "LATAM"));
		assertThat(api.post("/api/v1/milestones", manager, """
				{"code":"FIFTY_FOLLOWS","name":"Fifty follows","kind":"FOLLOWS","threshold":50}""").status()).isEqualTo(403);
		assertThat(api.get("/api/v1/milestones", TestData.ADMIN_TOKEN).json().size()).isEqualTo(4);
	}

	@Test
	void aCreatorOfAnotherRegionHasNoMilestonesForTheCaller() {
		String latam = data.tokenOf(data.manager("lucia", "LATAM"));
		assertThat(api.get("/api/v1/creators/ana/milestones", latam).status()).isEqualTo(200);
		Api.Response other = api.get("/api/v1/creators/kenji/milestones", latam);
		assertThat(other.status()).isEqualTo(404);
		assertThat(other.contentType()).startsWith("application/problem+json");
	}

	@Test
	void anAnnouncementDeliveredTwiceIsWrittenIntoTheCreatorsHistoryOnce() {
		Instant t = local(today.minusDays(1), 19, 0);
		feed.send(started("s1", "ana", "s1", t));
		await().atMost(Duration.ofSeconds(10)).until(() -> historyEntries("ana", "FIRST_STREAM") == 1);

		// as after a node died between the listener's commit and the registry's completion mark
		transactions.executeWithoutResult(status -> publisher.publishEvent(new MilestoneReached("ana", "FIRST_STREAM", t)));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("select count(*) from event_publication where completion_date is null").query(Long.class).single() == 0);

		assertThat(historyEntries("ana", "FIRST_STREAM")).isEqualTo(1);
	}

	long historyEntries(String creatorId, String code) {
		return jdbc.sql("select count(*) from audit_log where entity_type = 'creator' and entity_id = :creator and action = :action")
			.param("creator", creatorId)
			.param("action", "reached milestone " + code)
			.query(Long.class)
			.single();
	}

	@Test
	void aRebuildRecomputesMilestonesWithoutAnnouncingThemAgain() {
		Instant t = local(today.minusDays(3), 9, 0);
		feed.send(started("s1", "ana", "s1", t), subscription("sub1", "ana", "v2", "4.99", t.plusSeconds(60)),
				started("k1", "kenji", "k1", t));
		List<String> before = jdbc.sql("select t::text from creator_milestone t order by 1").query(String.class).list();
		long announced = allAnnouncements();
		assertThat(announced).isEqualTo(4);

		feed.rebuild();

		assertThat(jdbc.sql("select t::text from creator_milestone t order by 1").query(String.class).list()).isEqualTo(before);
		assertThat(allAnnouncements()).isEqualTo(announced);
	}

	@Test
	void theRosterFiltersByMilestoneReachedOrNot() {
		Instant t = local(today.minusDays(3), 9, 0);
		feed.send(started("s1", "ana", "s1", t), gift("g1", "ana", "s1", "v1", "1.00", t.plusSeconds(60)), started("k1", "kenji", "k1", t));

		assertThat(handles("/api/v1/creators?milestone=FIRST_REVENUE")).containsExactly("ana");
		assertThat(handles("/api/v1/creators?milestone=FIRST_REVENUE&reached=false")).containsExactly("kenji");
		assertThat(handles("/api/v1/creators?milestone=FIRST_STREAM&reached=true")).containsExactly("ana", "kenji");
		assertProblem(api.get("/api/v1/creators?milestone=NOPE", TestData.ADMIN_TOKEN), 400, "milestone");
		assertProblem(api.get("/api/v1/creators?milestone=FIRST_STREAM&reached=maybe", TestData.ADMIN_TOKEN), 400, "reached");
	}

	List<String> handles(String path) {
		Api.Response response = api.get(path, TestData.ADMIN_TOKEN);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("items").valueStream().map(c -> c.get("handle").asString()).toList();
	}

	void assertProblem(Api.Response response, int status, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("field").asString()).isEqualTo(field);
	}
}
