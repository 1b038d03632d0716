package com.greenroom.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.events.internal.ListenerRetries;
import com.greenroom.support.Api;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A failed cross-module listener is retried on a schedule with backoff, not only at the next restart.
 * The onboarding listener of {@code CreatorRegistered} is made to fail by the database itself: a trigger
 * refuses the first 60 checklist inserts (a sequence counts them, outside any transaction), so each of
 * 30 registrations fails twice before its checklist starts.
 */
@IntegrationTest
class ListenerRetryIntegrationTest {

	static final int CREATORS = 30;

	@Autowired
	TestData data;

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	@Autowired
	ListenerRetries retries;

	@Autowired
	EventFeed feed;

	@BeforeEach
	void reset() {
		data.reset();
		jdbc.sql("create sequence test_checklist_failures").update();
		jdbc.sql("""
				create function test_refuse_checklists() returns trigger language plpgsql as $$
				begin
				  if nextval('test_checklist_failures') <= %d then
				    raise exception 'checklist store unavailable (test)';
				  end if;
				  return new;
				end $$""".formatted(2 * CREATORS)).update();
		jdbc.sql("create trigger test_refuse_checklists before insert on onboarding_checklist for each row execute function test_refuse_checklists()")
			.update();
	}

	@AfterEach
	void dropTheFailure() {
		jdbc.sql("drop trigger if exists test_refuse_checklists on onboarding_checklist").update();
		jdbc.sql("drop function if exists test_refuse_checklists()").update();
		jdbc.sql("drop sequence if exists test_checklist_failures").update();
	}

	@Test
	void everyFailedListenerIsRetriedWithBackoffUntilAllChecklistsAreStartedWithoutARestart() {
		IntStream.range(0, CREATORS).forEach(i -> data.creator("c-" + i, "creator" + i, "BR"));
		await().atMost(Duration.ofSeconds(20)).until(() -> failedOnboarding() == CREATORS);
		assertThat(checklists()).isZero();

		assertThat(retries.resubmitDue()).as("not before the first backoff (10 s)").isZero();
		clock.advance(Duration.ofSeconds(10));
		assertThat(retries.resubmitDue()).isEqualTo(CREATORS);
		await().atMost(Duration.ofSeconds(20)).until(() -> failedOnboarding() == CREATORS && attempts() == 2 * CREATORS);
		assertThat(checklists()).isZero();

		clock.advance(Duration.ofSeconds(10));
		assertThat(retries.resubmitDue()).as("the second backoff is twice as long").isZero();
		clock.advance(Duration.ofSeconds(10));
		assertThat(retries.resubmitDue()).isEqualTo(CREATORS);
		await().atMost(Duration.ofSeconds(20)).until(() -> checklists() == CREATORS);

		await().atMost(Duration.ofSeconds(10)).until(() -> incompleteOnboarding() == 0);
		assertThat(retries.resubmitDue()).isZero();
		await().atMost(Duration.ofSeconds(10))
			.alias("a completed publication is deleted, not kept with its completion date")
			.until(() -> jdbc.sql("select count(*) from event_publication").query(Long.class).single() == 0);
	}

	@Test
	void adminsSeeIncompletePublicationsAndResubmitOneAtOnce() {
		data.creator("c-1", "one", "BR");
		await().atMost(Duration.ofSeconds(20)).until(() -> failedOnboarding() == 1);

		JsonNode listed = api.get("/api/v1/events/publications", TestData.ADMIN_TOKEN).json();
		assertThat(listed.get("failed").asLong()).isEqualTo(1);
		JsonNode publication = listed.get("page").get("items").valueStream()
			.filter(p -> p.get("listener").asString().contains("OnboardingStarter"))
			.findFirst()
			.orElseThrow();
		assertThat(publication.get("status").asString()).isEqualTo("FAILED");
		assertThat(publication.get("eventType").asString()).endsWith("CreatorRegistered");
		assertThat(publication.get("nextAttemptAt").asString()).isEqualTo(TestClock.START.plusSeconds(10).toString());

		jdbc.sql("drop trigger test_refuse_checklists on onboarding_checklist").update();
		Api.Response resubmitted = api.post("/api/v1/events/publications/" + publication.get("id").asString() + "/resubmit",
				TestData.ADMIN_TOKEN, "");

		assertThat(resubmitted.status()).as(resubmitted.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(20)).until(() -> checklists() == 1);
		Api.Response again = api.post("/api/v1/events/publications/" + publication.get("id").asString() + "/resubmit", TestData.ADMIN_TOKEN, "");
		assertThat(again.status()).as("a completed publication is no longer listed").isEqualTo(404);
		assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'event_publication' and action = 'resubmitted'")
			.query(Long.class)
			.single()).isEqualTo(1);
		String manager = data.tokenOf(data.manager("mia", "LATAM"));
		assertThat(api.get("/api/v1/events/publications", manager).status()).isEqualTo(403);
	}

	/**
	 * The platform's registrations of one batch start their checklists in one transaction, each under a savepoint: the
	 * one the database refuses is rolled back alone and published again by itself (a failed {@code CreatorRegistered},
	 * retried with backoff), while the others' checklists start at once.
	 */
	@Test
	void aBatchOfRegistrationsStartsEachChecklistAndOneThatFailsIsRetriedOnItsOwn() {
		dropTheFailure();
		jdbc.sql("""
				create function test_refuse_checklists() returns trigger language plpgsql as $$
				begin
				  if new.creator_id = 'p-2' then
				    raise exception 'checklist store unavailable for p-2 (test)';
				  end if;
				  return new;
				end $$""").update();
		jdbc.sql("create trigger test_refuse_checklists before insert on onboarding_checklist for each row execute function test_refuse_checklists()")
			.update();
		Instant at = TestClock.START.minusSeconds(3600);

		feed.send(EventFeed.registered("r-1", "p-1", "BR", null, at), EventFeed.registered("r-2", "p-2", "BR", null, at),
				EventFeed.registered("r-3", "p-3", "BR", null, at));

		await().atMost(Duration.ofSeconds(20)).until(() -> failedOnboarding() == 1 && checklists() == 2);
		assertThat(jdbc.sql("select event_type from event_publication where status = 'FAILED'").query(String.class).single())
			.as("the failed one alone, not the batch").endsWith(".CreatorRegistered");
		await().atMost(Duration.ofSeconds(10))
			.alias("the batch's publications completed")
			.until(() -> jdbc.sql("select count(*) from event_publication where event_type like '%CreatorsRegistered'").query(Long.class)
				.single() == 0);
		assertThat(jdbc.sql("select creator_id from onboarding_checklist order by creator_id").query(String.class).list()).containsExactly("p-1",
				"p-3");

		dropTheFailure();
		clock.advance(Duration.ofSeconds(10));
		assertThat(retries.resubmitDue()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(20)).until(() -> checklists() == 3);
		await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from event_publication").query(Long.class).single() == 0);
	}

	private long checklists() {
		return jdbc.sql("select count(*) from onboarding_checklist").query(Long.class).single();
	}

	private long failedOnboarding() {
		return jdbc.sql("select count(*) from event_publication where listener_id like '%OnboardingStarter%' and status = 'FAILED'")
			.query(Long.class)
			.single();
	}

	private long incompleteOnboarding() {
		return jdbc.sql("select count(*) from event_publication where listener_id like '%OnboardingStarter%' and completion_date is null")
			.query(Long.class)
			.single();
	}

	private long attempts() {
		return jdbc.sql("select coalesce(sum(completion_attempts), 0) from event_publication where listener_id like '%OnboardingStarter%'")
			.query(Long.class)
			.single();
	}
}
