package com.greenroom.growth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.coaching.CoachingSessions;
import com.greenroom.coaching.SessionDraft;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.insights.RetentionRefresh;
import com.greenroom.notifications.InboxEntry;
import com.greenroom.notifications.Notifications;
import com.greenroom.support.Api;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import com.greenroom.tickets.Priority;
import com.greenroom.tickets.Ticket;
import com.greenroom.tickets.TicketDraft;
import com.greenroom.tickets.Tickets;
import com.greenroom.timers.Timers;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The weekly review of Europe for 2026-W47 (Monday 16 to Sunday 22 November, Berlin time), section by section,
 * and its Monday send to the region's leads exactly once.
 */
@IntegrationTest
class WeeklyReviewIntegrationTest {

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	static final LocalDate MONDAY = LocalDate.of(2026, 11, 16);

	@Autowired
	TestData data;

	@Autowired
	EventFeed feed;

	@Autowired
	Api api;

	@Autowired
	TestClock clock;

	@Autowired
	Timers timers;

	@Autowired
	Tickets tickets;

	@Autowired
	CoachingSessions coaching;

	@Autowired
	Notifications notifications;

	@Autowired
	WeeklyReviewSender sender;

	@Autowired
	org.springframework.context.ApplicationContext context;

	UserSummary lead;

	@BeforeEach
	void week() {
		data.reset();
		lead = data.user("lea", List.of(Role.REGIONAL_LEAD.name()), "EU");
		Instant sundayLate = MONDAY.plusDays(6).atTime(23, 30).atZone(BERLIN).toInstant();
		feed.send(EventFeed.registered("r1", "de-1", "DE", "Europe/Berlin", MONDAY.atTime(10, 0).atZone(BERLIN).toInstant()),
				EventFeed.registered("r2", "de-2", "DE", "Europe/Berlin", MONDAY.plusDays(3).atTime(9, 0).atZone(BERLIN).toInstant()),
				// Sunday 23:30 in Berlin is in the week; Monday 00:30 is the next week's
				EventFeed.registered("r3", "de-3", "DE", "Europe/Berlin", sundayLate),
				EventFeed.registered("r4", "de-4", "DE", "Europe/Berlin", sundayLate.plus(Duration.ofHours(1))),
				EventFeed.registered("r5", "br-1", "BR", "America/Sao_Paulo", MONDAY.atTime(10, 0).atZone(BERLIN).toInstant()),
				EventFeed.started("s1", "de-1", "de-1-s", MONDAY.atTime(20, 0).atZone(BERLIN).toInstant()),
				EventFeed.gift("g1", "de-1", "de-1-s", "v1", "5.00", MONDAY.atTime(20, 30).atZone(BERLIN).toInstant()),
				EventFeed.started("s2", "de-2", "de-2-s", MONDAY.plusDays(4).atTime(20, 0).atZone(BERLIN).toInstant()));
		RetentionRefresh.refresh(context);
	}

	@Test
	void eachSectionCountsTheRegionsWeekInItsZone() {
		UserSummary coach = data.manager("cora", "EU");
		// coaching: two sessions in the week with one creator, one the Monday after (not counted)
		Instant wednesday = MONDAY.plusDays(2).atTime(12, 0).atZone(BERLIN).toInstant();
		coaching.log(data.admin(), "de-1", new SessionDraft(wednesday.toString(), coach.id(), List.of("community"), "", null, null));
		coaching.log(data.admin(), "de-1",
				new SessionDraft(wednesday.plusSeconds(3600).toString(), coach.id(), List.of("community"), "", null, null));
		coaching.log(data.admin(), "de-2", new SessionDraft(MONDAY.plusDays(7).atTime(9, 0).atZone(BERLIN).toInstant().toString(), coach.id(),
				List.of("community"), "", null, null));
		// tickets: two P1 opened in the week, one answered within minutes, one never
		clock.set(wednesday);
		Ticket answered = tickets.open(new TicketDraft("Payout question", "", "de-1", null, "", Priority.P1, "API"));
		clock.advance(Duration.ofMinutes(5));
		tickets.comment(data.admin(), answered.id(), new Tickets.CommentDraft("REPLY", "On it"));
		tickets.open(new TicketDraft("Stream key lost", "", "de-2", null, "", Priority.P1, "API"));
		clock.set(TestClock.START);

		JsonNode review = api.get("/api/v1/insights/review?region=EU&week=2026-W47", data.tokenOf(lead)).json();
		assertThat(review.get("week").asText()).isEqualTo("2026-W47");
		assertThat(review.get("from").asText()).isEqualTo("2026-11-15T23:00:00Z");

		JsonNode funnel = review.get("funnel");
		assertThat(funnel.get("registered").asInt()).isEqualTo(3);
		assertThat(step(funnel, "FIRST_STREAM").get("reached").asInt()).isEqualTo(2);
		assertThat(step(funnel, "FIRST_REVENUE").get("reached").asInt()).isEqualTo(1);

		JsonNode cohorts = review.at("/retention/cohorts");
		JsonNode week = cohorts.get(cohorts.size() - 1);
		assertThat(week.get("cohort").asText()).isEqualTo("2026-11-16");
		assertThat(week.get("size").asInt()).isEqualTo(3);

		assertThat(review.at("/coaching/sessions").asInt()).isEqualTo(2);
		assertThat(review.at("/coaching/creators").asInt()).isEqualTo(1);

		JsonNode p1 = review.at("/sla/0");
		assertThat(p1.get("priority").asText()).isEqualTo("P1");
		assertThat(p1.get("opened").asInt()).isEqualTo(2);
		assertThat(p1.get("firstResponseMet").asInt()).isEqualTo(1);
		assertThat(p1.get("firstResponseBreached").asInt()).isEqualTo(1);
		assertThat(review.at("/sla/1/opened").asInt()).isZero();

		assertThat(review.at("/moderation/open").asInt()).isZero();
		assertThat(review.at("/routines/missed").asInt()).isZero();

		Api.Response csv = api.get("/api/v1/insights/review.csv?region=EU&week=2026-W47", data.tokenOf(lead));
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.body()).contains("EU,2026-W47,funnel,registered,creators,3")
			.contains("EU,2026-W47,sla,P1,first response breached,1")
			.contains("EU,2026-W47,coaching,all,sessions,2");
	}

	@Test
	void aCampaignRunningInTheWeekShowsTheRegionsFigures() {
		api.post("/api/v1/campaigns", TestData.ADMIN_TOKEN, """
				{"name": "Welcome week", "regions": ["EU", "LATAM"], "start": "2026-11-20", "end": "2026-11-26",
				 "cost": {"value": "100", "currency": "USD"}, "creators": ["de-1", "br-1"]}""");
		api.post("/api/v1/campaigns", TestData.ADMIN_TOKEN, """
				{"name": "Later", "regions": ["EU"], "start": "2026-11-23", "end": "2026-11-29", "cost": {"value": "100", "currency": "USD"},
				 "creators": ["de-1"]}""");
		JsonNode review = api.get("/api/v1/insights/review?region=EU&week=2026-W47", data.tokenOf(lead)).json();
		assertThat(review.get("campaigns")).hasSize(1);
		assertThat(review.at("/campaigns/0/name").asText()).isEqualTo("Welcome week");
		assertThat(review.at("/campaigns/0/figures/participants").asInt()).isEqualTo(1);
		assertThat(review.at("/campaigns/0/figures/costUsd").decimalValue()).isEqualByComparingTo("50");
	}

	@Test
	void aBadWeekOrAnotherRegionIsRefused() {
		String token = data.tokenOf(lead);
		Api.Response bad = api.get("/api/v1/insights/review?region=EU&week=2026-48", token);
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("week");
		assertThat(api.get("/api/v1/insights/review?region=EU&week=2026-W54", token).json().at("/errors/0/field").asText()).isEqualTo("week");
		assertThat(api.get("/api/v1/insights/review?region=XX&week=2026-W47", token).json().at("/errors/0/field").asText()).isEqualTo("region");
		assertThat(api.get("/api/v1/insights/review?region=SA&week=2026-W47", token).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/insights/review.csv?region=SA&week=2026-W47", token).status()).isEqualTo(404);
	}

	@Test
	void theLeadsGetTheReviewOnMondayMorningInTheRegionsZoneExactlyOnce() {
		UserSummary manager = data.manager("mona", "EU");
		// Sunday 29 November: the next send in Berlin is Monday 30 November 08:00 (07:00 UTC)
		Instant sunday = Instant.parse("2026-11-29T12:00:00Z");
		clock.set(sunday);
		sender.seed(sunday);
		Instant due = LocalDate.of(2026, 11, 30).atTime(8, 0).atZone(BERLIN).toInstant();
		timers.fireDue(due.minusSeconds(1));
		assertThat(reviews(lead)).isEmpty();

		clock.set(due);
		timers.fireDue(due);
		timers.fireDue(due.plusSeconds(60));
		sender.send(new com.greenroom.identity.Region("EU", "Europe & CIS", "Europe/Berlin", List.of()), MONDAY.plusWeeks(1));
		List<InboxEntry> inbox = reviews(lead);
		assertThat(inbox).hasSize(1);
		assertThat(inbox.get(0).subject()).isEqualTo("Weekly review 2026-W48 · Europe & CIS");
		assertThat(inbox.get(0).link()).isEqualTo("/insights/review?region=EU&week=2026-W48");
		assertThat(reviews(manager)).isEmpty();
		// the next Monday is armed
		assertThat(timers.find(WeeklyReviewSender.key("EU", LocalDate.of(2026, 12, 7)))).isPresent();
	}

	List<InboxEntry> reviews(UserSummary user) {
		return notifications.inbox(user.id(), 50).stream().filter(e -> e.kind() == com.greenroom.notifications.NoticeKind.REPORT).toList();
	}

	static JsonNode step(JsonNode funnel, String code) {
		for (JsonNode step : funnel.get("steps")) {
			if (step.get("code").asText().equals(code)) {
				return step;
			}
		}
		throw new AssertionError("no step " + code + " in " + funnel);
	}
}
