package com.greenroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.greenroom.identity.Role;
import com.greenroom.tasks.TaskStatus;

class ConsoleLabelsUnitTest {

	private final ConsoleLabels labels = new ConsoleLabels();

	@Test
	void codesAPersonReadsBecomeWords() {
		assertThat(labels.of("CREATOR_MANAGER")).isEqualTo("Creator manager");
		assertThat(labels.of("CREATORS_MANAGER")).isEqualTo("Creator’s manager");
		assertThat(labels.of("FIRST_REVENUE")).isEqualTo("First revenue");
		assertThat(labels.of(TaskStatus.SKIPPED)).isEqualTo("Skipped");
		assertThat(labels.of("BUSINESS_DAYS")).isEqualTo("business days");
		assertThat(labels.of("api_token")).isEqualTo("API token");
	}

	@Test
	void anEnumThatKnowsItsWordsIsReadByThem() {
		assertThat(labels.of(Role.SAFETY)).isEqualTo("Trust & safety");
	}

	@Test
	void anUnknownCodeReadsAsASentenceCasePhrase() {
		assertThat(labels.of("SEVEN_ACTIVE_DAYS")).isEqualTo("Seven active days");
		assertThat(labels.of("onboarding_template")).isEqualTo("Onboarding template");
		assertThat(labels.of("lastStreamAt")).isEqualTo("Last stream at");
	}

	@Test
	void wordsKeepTheirWordsAndOnlyTheCodesInsideThemChange() {
		assertThat(labels.of("draft v2 edited")).isEqualTo("draft v2 edited");
		assertThat(labels.of("created")).isEqualTo("created");
		assertThat(labels.of("reached milestone FIRST_STREAM")).isEqualTo("reached milestone First stream");
		assertThat(labels.of("unclaimed · CREATOR_MANAGER")).isEqualTo("unclaimed · Creator manager");
	}

	@Test
	void nothingReadsAsADash() {
		assertThat(labels.of(null)).isEqualTo("—");
		assertThat(labels.of(" ")).isEqualTo("—");
	}
}
