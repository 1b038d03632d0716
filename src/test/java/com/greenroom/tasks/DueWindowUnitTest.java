package com.greenroom.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class DueWindowUnitTest {

	private static final Instant NOW = Instant.parse("2026-03-10T15:00:00Z");

	@Test
	void theSameDueTimeIsDueTodayInNewYorkButTomorrowInSingapore() {
		DueWindow newYork = new DueWindow(NOW, ZoneId.of("America/New_York"));
		DueWindow singapore = new DueWindow(NOW, ZoneId.of("Asia/Singapore"));
		Instant due = Instant.parse("2026-03-10T18:00:00Z");

		assertThat(newYork.sectionOf(due)).isEqualTo(DueWindow.Section.TODAY);
		assertThat(singapore.sectionOf(due)).isEqualTo(DueWindow.Section.UPCOMING);
	}

	@Test
	void anythingDueBeforeNowIsOverdueWhateverTheZone() {
		Instant due = Instant.parse("2026-03-10T14:59:00Z");

		assertThat(new DueWindow(NOW, ZoneId.of("America/New_York")).sectionOf(due)).isEqualTo(DueWindow.Section.OVERDUE);
		assertThat(new DueWindow(NOW, ZoneId.of("Asia/Singapore")).sectionOf(due)).isEqualTo(DueWindow.Section.OVERDUE);
	}

	@Test
	void comingUpEndsWithTheSeventhDayAfterTodayInTheViewersZone() {
		DueWindow newYork = new DueWindow(NOW, ZoneId.of("America/New_York"));

		assertThat(newYork.endOfUpcoming()).isEqualTo(Instant.parse("2026-03-18T04:00:00Z"));
		assertThat(newYork.sectionOf(Instant.parse("2026-03-18T03:59:00Z"))).isEqualTo(DueWindow.Section.UPCOMING);
		assertThat(newYork.sectionOf(Instant.parse("2026-03-18T04:00:00Z"))).isEqualTo(DueWindow.Section.LATER);
	}

	@Test
	void todayIsShorterOnTheDayTheClocksGoForward() {
		DueWindow springForward = new DueWindow(Instant.parse("2026-03-08T05:00:00Z"), ZoneId.of("America/New_York"));

		assertThat(springForward.startOfTomorrow()).isEqualTo(Instant.parse("2026-03-09T04:00:00Z"));
	}
}
