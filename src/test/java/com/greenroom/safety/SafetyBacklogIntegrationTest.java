package com.greenroom.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.support.Api;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

/** The moderation backlog from ingested reports at fixed instants: age buckets, rows oldest first, time to first action per week. */
@IntegrationTest
class SafetyBacklogIntegrationTest {

	/** Monday 2026-11-30T09:00Z. */
	static final Instant NOW = TestClock.START;

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	EventFeed feed;

	@Autowired
	TestClock clock;

	String admin = TestData.ADMIN_TOKEN;

	String samToken;

	@BeforeEach
	void reset() {
		data.reset();
		samToken = data.tokenOf(data.user("sam", List.of("SAFETY"), "LATAM"));
		data.creator("c-1", "luna", "BR");
		data.creator("c-2", "sol", "BR");
		data.creator("c-3", "mar", "BR");
		data.creator("c-9", "kai", "SG");
	}

	private static String report(String id, String creatorId, String category, Duration age) {
		return EventFeed.report(id, creatorId, creatorId + "-stream", "v-" + id, category, "seen", NOW.minus(age));
	}

	private long caseOf(String creatorId, String category) {
		return api.get("/api/v1/safety/cases?creator=" + creatorId + "&category=" + category, admin).json().get("items").get(0).get("id").asLong();
	}

	private static long count(JsonNode row, String bucket) {
		return row.get("counts").get(bucket).asLong();
	}

	@Test
	void openCasesFallIntoAgeBucketsByTheirEarliestReportOldestRowFirst() {
		feed.send(report("a", "c-1", "spam", Duration.ofMinutes(30)), // < 1 h
				report("b", "c-2", "spam", Duration.ofHours(1)), // exactly 1 h: 1–4 h
				report("c", "c-3", "spam", Duration.ofHours(4).minusSeconds(1)), // 1–4 h
				report("d", "c-1", "harassment", Duration.ofHours(4)), // 4–24 h
				report("e", "c-2", "violence", Duration.ofDays(2)), // 1–3 days
				report("f", "c-3", "violence", Duration.ofDays(3)), // exactly 3 days: > 3 days
				report("g", "c-9", "spam", Duration.ofDays(5)), // > 3 days, in SEA
				report("h", "c-1", "copyright", Duration.ofHours(2)));
		// an actioned case leaves the backlog
		api.post("/api/v1/safety/cases/" + caseOf("c-1", "intellectual-property") + "/actions", admin,
				"{\"kind\":\"CLEARED\",\"reason\":\"Licensed music\"}");

		JsonNode backlog = api.get("/api/v1/safety/backlog", admin).json();

		assertThat(backlog.get("open").asLong()).isEqualTo(7);
		JsonNode rows = backlog.get("rows");
		assertThat(rows).extracting(r -> r.get("category").asString() + "/" + r.get("regionCode").asString())
			.containsExactly("spam/SEA", "violence-incitement/LATAM", "bullying-harassment/LATAM", "spam/LATAM");
		JsonNode violence = rows.get(1);
		assertThat(count(violence, "D1_TO_3D")).isEqualTo(1);
		assertThat(count(violence, "OVER_3D")).isEqualTo(1);
		JsonNode spam = rows.get(3);
		assertThat(count(spam, "UNDER_1H")).isEqualTo(1);
		assertThat(count(spam, "H1_TO_4H")).isEqualTo(2);
		assertThat(spam.get("total").asLong()).isEqualTo(3);
		assertThat(count(rows.get(2), "H4_TO_24H")).isEqualTo(1);
		JsonNode totals = backlog.get("totals");
		assertThat(List.of("UNDER_1H", "H1_TO_4H", "H4_TO_24H", "D1_TO_3D", "OVER_3D")).extracting(b -> totals.get(b).asLong())
			.containsExactly(1L, 2L, 1L, 1L, 2L);
		assertThat(backlog.get("oldest").get(0).get("creatorId").asString()).isEqualTo("c-9");

		// a LATAM moderator sees LATAM only; filters narrow it
		JsonNode latam = api.get("/api/v1/safety/backlog", samToken).json();
		assertThat(latam.get("open").asLong()).isEqualTo(6);
		assertThat(latam.get("rows")).noneMatch(r -> r.get("regionCode").asString().equals("SEA"));
		assertThat(api.get("/api/v1/safety/backlog?category=spam", samToken).json().get("open").asLong()).isEqualTo(3);
		assertThat(api.get("/api/v1/safety/backlog?region=MARS", samToken).json().get("field").asString()).isEqualTo("region");

		// an hour later the youngest case has moved on
		clock.advance(Duration.ofHours(1));
		assertThat(api.get("/api/v1/safety/backlog", admin).json().get("totals").get("UNDER_1H").asLong()).isZero();
	}

	@Test
	void timeToFirstActionIsTheMedianAndNinetiethPercentileOfTheWeeksFirstActions() {
		String[] categories = { "spam", "harassment", "violence", "nudity", "scam" };
		long[] minutes = { 10, 30, 60, 120, 240 };
		for (int i = 0; i < minutes.length; i++) {
			feed.send(report("r" + i, "c-1", categories[i], Duration.ofMinutes(minutes[i])));
		}
		// last week: a case reported on Tuesday, first acted on a day later
		feed.send(EventFeed.report("old", "c-2", "s", "v", "spam", "seen", Instant.parse("2026-11-24T00:00:00Z")));
		long old = caseOf("c-2", "spam");
		clock.set(Instant.parse("2026-11-25T00:00:00Z"));
		api.post("/api/v1/safety/cases/" + old + "/actions", admin, "{\"kind\":\"WARNING\",\"reason\":\"Spam links\"}");
		clock.set(NOW);
		for (String category : List.of("spam", "bullying-harassment", "violence-incitement", "adult-nudity", "fraud-scams")) {
			long id = caseOf("c-1", category);
			api.post("/api/v1/safety/cases/" + id + "/actions", admin, "{\"kind\":\"WARNING\",\"reason\":\"Seen on replay\"}");
			// a second action does not move the first
			clock.advance(Duration.ofSeconds(0));
			api.post("/api/v1/safety/cases/" + id + "/actions", admin, "{\"kind\":\"SUSPENSION\",\"reason\":\"Repeat\"}");
		}

		JsonNode weeks = api.get("/api/v1/safety/backlog", admin).json().get("timeToFirstAction");

		assertThat(weeks).hasSize(SafetyBacklog.WEEKS);
		JsonNode thisWeek = weeks.get(SafetyBacklog.WEEKS - 1);
		assertThat(thisWeek.get("weekStarting").asString()).isEqualTo("2026-11-30");
		assertThat(thisWeek.get("actioned").asLong()).isEqualTo(5);
		assertThat(thisWeek.get("medianMinutes").asDouble()).isEqualTo(60.0);
		assertThat(thisWeek.get("p90Minutes").asDouble()).isEqualTo(240.0);
		JsonNode lastWeek = weeks.get(SafetyBacklog.WEEKS - 2);
		assertThat(lastWeek.get("weekStarting").asString()).isEqualTo("2026-11-23");
		assertThat(lastWeek.get("actioned").asLong()).isEqualTo(1);
		assertThat(lastWeek.get("medianMinutes").asDouble()).isEqualTo(1440.0);
		assertThat(weeks.get(0).get("actioned").asLong()).isZero();
		assertThat(weeks.get(0).has("medianMinutes")).isFalse();
	}
}
