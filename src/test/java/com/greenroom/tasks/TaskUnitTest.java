package com.greenroom.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.greenroom.identity.Role;
import com.greenroom.system.ConflictException;

class TaskUnitTest {

	private static final Instant NOW = Instant.parse("2026-03-10T15:00:00Z");

	private static Task unclaimed() {
		return new Task(7, "Welcome call", new TaskSource("ONBOARDING_STEP", "1:welcome", null), "c-1", "luna", "LATAM", null, null,
				Role.CREATOR_MANAGER, NOW.plusSeconds(3600), TaskStatus.OPEN, null, null, null, null, null, null, false, "system", NOW, NOW);
	}

	@Test
	void anUnclaimedTaskIsClaimedOnceAndASecondClaimantIsToldWhoHasIt() {
		Task claimed = unclaimed().claimBy(2);
		assertThat(claimed.ownerId()).isEqualTo(2L);
		assertThat(claimed.ownerRole()).isEqualTo(Role.CREATOR_MANAGER);
		assertThat(claimed.claimBy(2)).isEqualTo(claimed);
		assertThatThrownBy(() -> claimed.claimBy(3)).isInstanceOf(ConflictException.class)
			.satisfies(ex -> assertThat(((ConflictException) ex).field()).isEqualTo("owner"));
	}

	@Test
	void whoeverCompletesAnUnclaimedTaskOwnsItAndADoneTaskCannotBeDoneSkippedOrMovedAgain() {
		Task done = unclaimed().completeBy(4, "Went well", NOW);
		assertThat(done.status()).isEqualTo(TaskStatus.DONE);
		assertThat(done.ownerId()).isEqualTo(4L);
		assertThat(done.completedById()).isEqualTo(4L);
		assertThat(done.completedAt()).isEqualTo(NOW);
		for (Runnable illegal : new Runnable[] { () -> done.completeBy(4, null, NOW), () -> done.skipBy(4, "why", NOW), () -> done.claimBy(5),
				() -> done.assignTo(5), () -> done.returnTo(Role.CREATOR_MANAGER), () -> done.reschedule(NOW, "later") }) {
			assertThatThrownBy(illegal::run).isInstanceOf(ConflictException.class)
				.satisfies(ex -> assertThat(((ConflictException) ex).field()).isEqualTo("status"));
		}
	}

	@Test
	void skippingAndReschedulingNeedAReason() {
		assertThatThrownBy(() -> unclaimed().skipBy(4, " ", NOW)).isInstanceOf(ConflictException.class);
		assertThatThrownBy(() -> unclaimed().reschedule(NOW.plusSeconds(86_400), null)).isInstanceOf(ConflictException.class);
		Task snoozed = unclaimed().reschedule(NOW.plusSeconds(86_400), "Creator travels this week");
		assertThat(snoozed.dueAt()).isEqualTo(NOW.plusSeconds(86_400));
		assertThat(snoozed.rescheduleReason()).isEqualTo("Creator travels this week");
		assertThat(unclaimed().skipBy(4, "Duplicate", NOW).skipReason()).isEqualTo("Duplicate");
	}

	@Test
	void aDoneOrSkippedTaskReopensWithItsOwnerAndForgetsItsResolutionButAnOpenOneCannotReopen() {
		Task reopened = unclaimed().claimBy(2).completeBy(2, "Done", NOW).reopen();
		assertThat(reopened.status()).isEqualTo(TaskStatus.OPEN);
		assertThat(reopened.ownerId()).isEqualTo(2L);
		assertThat(reopened.completedAt()).isNull();
		assertThat(reopened.completionNote()).isNull();
		assertThat(unclaimed().skipBy(2, "No", NOW).reopen().skipReason()).isNull();
		assertThatThrownBy(() -> unclaimed().reopen()).isInstanceOf(ConflictException.class);
	}

	@Test
	void aTaskGoesBackUpForGrabsForARoleAndIsHandedToAPerson() {
		Task mine = unclaimed().assignTo(9);
		assertThat(mine.ownerId()).isEqualTo(9L);
		Task pooled = mine.returnTo(Role.SAFETY);
		assertThat(pooled.ownerId()).isNull();
		assertThat(pooled.ownerRole()).isEqualTo(Role.SAFETY);
	}

	@Test
	void theKindComesFromTheSourceType() {
		assertThat(unclaimed().kind()).isEqualTo(TaskKind.CHECKLIST_STEP);
		assertThat(TaskKind.of("STALL_RULE")).isEqualTo(TaskKind.SUPPORT_ACTION);
		assertThat(TaskKind.of("COACHING")).isEqualTo(TaskKind.FOLLOW_UP);
		assertThat(TaskKind.of("ROUTINE")).isEqualTo(TaskKind.ROUTINE);
		assertThat(TaskKind.of("SOMETHING_NEW")).isEqualTo(TaskKind.OTHER);
		assertThat(TaskKind.parse("checklist-step")).contains(TaskKind.CHECKLIST_STEP);
	}
}
