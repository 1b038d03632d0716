package com.greenroom.creators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Registrations travel in events of at most 64 (a listener's savepoints stay within PostgreSQL's cached subtransactions). */
class CreatorsRegisteredUnitTest {

	private static final Instant AT = Instant.parse("2026-12-04T12:00:00Z");

	@Test
	void registrationsAreSplitIntoEventsOfAtMost64InOrder() {
		List<CreatorRegistered> registered = IntStream.range(0, 130).mapToObj(i -> new CreatorRegistered("c-" + i, "EU", "DE", "de", AT)).toList();

		List<CreatorsRegistered> events = CreatorsRegistered.inEventsOf(registered);

		assertThat(events).extracting(e -> e.registered().size()).containsExactly(64, 64, 2);
		assertThat(events.stream().flatMap(e -> e.registered().stream())).containsExactlyElementsOf(registered);
		assertThat(CreatorsRegistered.inEventsOf(List.of())).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> new CreatorsRegistered(registered.subList(0, 65)));
	}
}
