package com.greenroom.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Viewer;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import com.greenroom.system.InvalidInputException;
import com.greenroom.tasks.Task;
import com.greenroom.tasks.TaskKind;
import com.greenroom.tasks.TaskStatus;
import com.greenroom.tasks.Tasks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class ChangeRequestsIntegrationTest {

	@Autowired
	TestData data;

	@Autowired
	Playbooks playbooks;

	@Autowired
	Tasks tasks;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@BeforeEach
	void reset() {
		data.reset();
	}

	private UserSummary ownerOfIssueResolution(String username, String region) {
		UserSummary lead = data.user(username, List.of("REGIONAL_LEAD"), region);
		playbooks.configure(data.admin(), "issue-resolution-timelines", null, new Playbooks.Settings(null, lead.id(), null, null, null));
		return lead;
	}

	@Test
	void anIncidentLessonBecomesATaskForThePlaybookOwnerDueInTwoDays() {
		UserSummary lena = ownerOfIssueResolution("lena", "LATAM");

		long id = playbooks.requestChange(new ChangeRequestDraft("issue-resolution-timelines", null,
				"Add the payout-outage runbook from incident 17", "INCIDENT", "incident-17"));

		ChangeRequest request = playbooks.changeRequest(data.admin(), id);
		assertThat(request.open()).isTrue();
		Task task = tasks.find(request.taskId()).orElseThrow();
		assertThat(task.ownerId()).isEqualTo(lena.id());
		assertThat(task.regionCode()).isEqualTo("LATAM");
		assertThat(task.source().kind()).isEqualTo(TaskKind.PLAYBOOK);
		assertThat(task.source().type()).isEqualTo("PLAYBOOK_CHANGE");
		assertThat(task.source().url()).isEqualTo("/playbooks/issue-resolution-timelines#change-requests");
		assertThat(task.dueAt()).isEqualTo(request.createdAt().plus(java.time.Duration.ofDays(2)));
	}

	@Test
	void theSameIncidentAskingTwiceGetsTheSameRequestAndOneTask() {
		ChangeRequestDraft draft = new ChangeRequestDraft("issue-resolution-timelines", "SEA", "Lesson", "INCIDENT", "incident-9");
		long first = playbooks.requestChange(draft);
		long second = playbooks.requestChange(draft);

		assertThat(second).isEqualTo(first);
		assertThat(jdbc.sql("select count(*) from playbook_change_request").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void aRequestJoinsTheCallersTransactionAndVanishesWithItsRollback() {
		transactions.executeWithoutResult(status -> {
			playbooks.requestChange(new ChangeRequestDraft("creator-onboarding", null, "Lesson", "INCIDENT", "incident-1"));
			status.setRollbackOnly();
		});

		assertThat(jdbc.sql("select count(*) from playbook_change_request").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from task where source_type = 'PLAYBOOK_CHANGE'").query(Long.class).single()).isZero();
	}

	@Test
	void anUnknownPlaybookKeyOrSourceIsRefusedNamingTheFieldAndNothingIsFiled() {
		assertThatThrownBy(() -> playbooks.requestChange(new ChangeRequestDraft("no-such-playbook", null, "x", "INCIDENT", "i-1")))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.errors()).extracting(InvalidInputException.FieldError::field).containsExactly("playbookKey"));
		assertThatThrownBy(() -> playbooks.requestChange(new ChangeRequestDraft("creator-onboarding", "MARS", " ", "GOSSIP", null)))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.errors()).extracting(InvalidInputException.FieldError::field).containsExactly("region", "summary", "source"));
		assertThat(jdbc.sql("select count(*) from playbook_change_request").query(Long.class).single()).isZero();
	}

	@Test
	void publishingAVersionThatReferencesARequestClosesItAndItsTaskLinkedBothWays() {
		UserSummary lena = ownerOfIssueResolution("lena", "LATAM");
		long id = playbooks.requestChange(new ChangeRequestDraft("issue-resolution-timelines", null, "Payout runbook", "INCIDENT", "incident-17"));
		Viewer author = data.viewerOf(lena);
		PlaybookVersion draft = playbooks.newDraft(author, "issue-resolution-timelines", null,
				new Playbooks.VersionText(null, "# Issue resolution timelines\n\n## Payout outage\n\nPause payouts, tell creators.", "Payout runbook",
						List.of(id)));
		playbooks.submit(author, "issue-resolution-timelines", null, draft.version());
		playbooks.approve(data.admin(), "issue-resolution-timelines", null, draft.version());

		PlaybookVersion published = playbooks.publish(data.admin(), "issue-resolution-timelines", null, draft.version());

		assertThat(published.changeRequestIds()).containsExactly(id);
		ChangeRequest closed = playbooks.changeRequest(data.admin(), id);
		assertThat(closed.open()).isFalse();
		assertThat(closed.closedByVersion()).isEqualTo(2);
		assertThat(tasks.find(closed.taskId()).orElseThrow().status()).isEqualTo(TaskStatus.DONE);
		assertThat(playbooks.current(author, "issue-resolution-timelines", null).version()).isEqualTo(2);
	}
}
