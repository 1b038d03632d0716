package com.greenroom.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.greenroom.creators.CreatorRegistered;
import com.greenroom.creators.CreatorsRegistered;
import com.greenroom.milestones.MilestoneReached;
import com.greenroom.milestones.MilestonesReached;
import com.greenroom.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.core.EventSerializer;

/**
 * The event publication registry's serializer: the application's mapper, looked up once; an event stored for several
 * listeners serialized once; the JSON the same as the mapper's and read back as the same event.
 */
@IntegrationTest
class EventSerializationIntegrationTest {

	record Reached(String creatorId, String code, Instant at) {
	}

	@Autowired
	EventSerializer serializer;

	@Autowired
	JsonMapper mapper;

	@Test
	void theRegistryWritesTheApplicationMappersJsonAndReadsItBack() {
		Reached event = new Reached("c-1", "FIRST_STREAM", Instant.parse("2026-11-02T10:15:30.123456Z"));

		Object json = serializer.serialize(event);

		assertThat(serializer).isInstanceOf(EventSerializationConfiguration.CachingEventSerializer.class);
		assertThat(json).isEqualTo(mapper.writeValueAsString(event));
		assertThat(serializer.deserialize(json, Reached.class)).isEqualTo(event);
	}

	/** A batch event's publication that failed is resubmitted from its JSON: the list comes back whole, in order. */
	@Test
	void batchEventsAreReadBackWhole() {
		Instant at = Instant.parse("2026-11-02T10:15:30.123456Z");
		MilestonesReached reached = new MilestonesReached(
				List.of(new MilestoneReached("c-1", "FIRST_STREAM", at), new MilestoneReached("c-2", "FIRST_REVENUE", at.plusSeconds(1))));
		CreatorsRegistered registered = new CreatorsRegistered(
				List.of(new CreatorRegistered("c-1", "EU", "DE", "de", at), new CreatorRegistered("c-2", null, null, null, at)));

		assertThat(serializer.deserialize(serializer.serialize(reached), MilestonesReached.class)).isEqualTo(reached);
		assertThat(serializer.deserialize(serializer.serialize(registered), CreatorsRegistered.class)).isEqualTo(registered);
	}

	@Test
	void theSameEventIsSerializedOnceForItsListenersAndAnEqualNewOneAgain() {
		// the serializer asks its mapper supplier once per JSON it writes
		AtomicInteger writes = new AtomicInteger();
		JsonMapper plain = JsonMapper.builder().build();
		EventSerializer caching = new EventSerializationConfiguration.CachingEventSerializer(() -> {
			writes.incrementAndGet();
			return plain;
		});
		Reached first = new Reached("c-1", "FIRST_STREAM", Instant.parse("2026-11-02T10:15:30Z"));
		Reached equalButNew = new Reached("c-1", "FIRST_STREAM", Instant.parse("2026-11-02T10:15:30Z"));
		Reached other = new Reached("c-2", "FIRST_REVENUE", Instant.parse("2026-11-03T10:15:30Z"));

		Object a = caching.serialize(first);
		Object b = caching.serialize(first);
		Object c = caching.serialize(first);
		assertThat(writes).hasValue(1);
		assertThat(b).isSameAs(a);
		assertThat(c).isSameAs(a);

		assertThat(caching.serialize(equalButNew)).isEqualTo(a);
		assertThat(writes).hasValue(2);
		assertThat(caching.serialize(other)).asString().contains("c-2").contains("FIRST_REVENUE");
		assertThat(caching.serialize(first)).isEqualTo(a);
		assertThat(writes).hasValue(4);
	}
}
