package com.greenroom.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import com.greenroom.tasks.Task;
import com.greenroom.tasks.TaskStatus;
import com.greenroom.tasks.Tasks;
import com.greenroom.timers.TimerStatus;
import com.greenroom.timers.Timers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class ReviewsIntegrationTest {

	private static final Instant WEEK_LATER = TestClock.START.plus(Duration.ofDays(7));

	@Autowired
	TestData data;

	@Autowired
	TestClock clock;

	@Autowired
	Playbooks playbooks;

	@Autowired
	Timers timers;

	@Autowired
	Tasks tasks;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void reset() {
		data.reset();
	}

	private List<Task> reviewTasks() {
		return jdbc.sql("select id from task where source_type = 'PLAYBOOK_REVIEW' order by id").query(Long.class).list().stream()
			.map(id -> tasks.find(id).orElseThrow())
			.toList();
	}

	@Test
	void aWeeklyReviewFallsDueOnceAsATaskForTheOwnerAndThePlaybookShowsAsStaleUntilRecorded() {
		UserSummary lena = data.user("lena", List.of("REGIONAL_LEAD"), "LATAM");
		Playbook onboarding = playbooks.configure(data.admin(), "creator-onboarding", null,
				new Playbooks.Settings(null, lena.id(), null, null, null));
		assertThat(onboarding.nextReviewAt()).isEqualTo(WEEK_LATER);
		assertThat(playbooks.list(data.admin(), null, true)).isEmpty();

		timers.fireDue(WEEK_LATER.minusSeconds(1));
		assertThat(reviewTasks()).isEmpty();
		timers.fireDue(WEEK_LATER);
		timers.fireDue(WEEK_LATER.plusSeconds(30));

		List<Task> due = reviewTasks();
		assertThat(due).hasSize(4);
		Task lenas = due.stream().filter(t -> lena.id() == (t.ownerId() == null ? -1 : t.ownerId())).findFirst().orElseThrow();
		assertThat(lenas.title()).isEqualTo("Review playbook \"Creator onboarding\"");
		assertThat(lenas.regionCode()).isEqualTo("LATAM");
		assertThat(lenas.dueAt()).isEqualTo(WEEK_LATER.plus(Duration.ofDays(1)));
		assertThat(due.stream().filter(t -> t.ownerId() == null).map(Task::ownerRole).distinct().toList())
			.as("playbooks without an owner are the admins' to review").containsExactly(Role.ADMIN);
		clock.set(WEEK_LATER.plusSeconds(60));
		assertThat(playbooks.list(data.admin(), null, true)).hasSize(4);

		Review recorded = playbooks.review(data.viewerOf(lena), "creator-onboarding", null, "NO_CHANGE", "Still right", null);

		assertThat(recorded.outcome()).isEqualTo("NO_CHANGE");
		assertThat(tasks.find(lenas.id()).orElseThrow().status()).isEqualTo(TaskStatus.DONE);
		assertThat(playbooks.list(data.admin(), null, true)).extracting(Playbook::key).doesNotContain("creator-onboarding").hasSize(3);
	}

	@Test
	void anIgnoredReviewDoesNotPileUpTasksButTheNextCadenceStillComes() {
		timers.fireDue(WEEK_LATER);
		timers.fireDue(WEEK_LATER.plus(Duration.ofDays(7)));

		assertThat(reviewTasks()).hasSize(4);
		Playbook onboarding = playbooks.get(data.admin(), "creator-onboarding", null);
		assertThat(onboarding.reviewDueSince()).isEqualTo(WEEK_LATER);
		assertThat(onboarding.nextReviewAt()).isEqualTo(WEEK_LATER.plus(Duration.ofDays(14)));
		assertThat(timers.find(Reviews.timerKey(onboarding.id(), 1)).orElseThrow().status()).isEqualTo(TimerStatus.FIRED);
	}

	@Test
	void aReviewThatFindsAProblemOpensAChangeRequest() {
		Review recorded = playbooks.review(data.admin(), "event-calendar-formats", null, "CHANGE_REQUESTED", null,
				"PK battles need a safety note");

		ChangeRequest request = playbooks.changeRequest(data.admin(), recorded.changeRequestId());
		assertThat(request.source()).isEqualTo("REVIEW");
		assertThat(request.summary()).isEqualTo("PK battles need a safety note");
		assertThat(tasks.find(request.taskId()).orElseThrow().source().type()).isEqualTo("PLAYBOOK_CHANGE");
	}

	@Test
	void aShorterCadenceMovesThePendingReview() {
		Playbook changed = playbooks.configure(data.admin(), "creator-communication", null, new Playbooks.Settings(null, null, 2, null, null));

		assertThat(changed.nextReviewAt()).isEqualTo(TestClock.START.plus(Duration.ofDays(2)));
		timers.fireDue(TestClock.START.plus(Duration.ofDays(2)));
		assertThat(reviewTasks()).hasSize(1);
	}

	@Test
	void aPlaybookNotUpdatedWithinItsUpdateCadenceIsStale() {
		Instant published = playbooks.get(data.admin(), "creator-onboarding", null).publishedAt();
		clock.set(published.plus(Duration.ofDays(30)));
		assertThat(playbooks.list(data.admin(), null, true)).isEmpty();

		clock.set(published.plus(Duration.ofDays(31)));

		assertThat(playbooks.list(data.admin(), null, true)).allMatch(Playbook::updateOverdue).hasSize(4);
	}
}
