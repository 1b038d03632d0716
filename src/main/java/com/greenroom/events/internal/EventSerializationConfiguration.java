package com.greenroom.events.internal;

import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.util.function.SingletonSupplier;

/**
 * The serializer of the event publication registry (Spring Modulith's {@code event_publication} rows), in place of
 * the one Spring Modulith configures, which writes the same JSON with the same mapper but looks the mapper up in the
 * bean factory on every call ({@code ObjectProvider.getIfAvailable}: a dependency resolution per publication, 7% of a
 * projection worker's samples in a burst's catch-up, docs/benchmarks.md "Activity CPU per applied event, stop 19").
 * Here the mapper is resolved once, at the first use, as Spring Modulith's would be: the application's
 * {@link JsonMapper}, else one with every {@link JacksonModule} bean and empty beans allowed.
 * <p>
 * An event published to several cross-module listeners is stored once per listener, each row with the event
 * serialized again; the last event serialized on a thread and its JSON are kept, so the listeners' rows of one
 * publication serialize it once. Events are immutable records, compared by identity here: a different instance is
 * always serialized.
 */
@Configuration(proxyBeanMethods = false)
class EventSerializationConfiguration {

	@Bean
	@Primary
	EventSerializer greenroomEventSerializer(ObjectProvider<JsonMapper> mapper, ApplicationContext context) {
		return new CachingEventSerializer(SingletonSupplier.of(() -> mapper.getIfAvailable(() -> JsonMapper.builder()
			.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.addModules(context.getBeansOfType(JacksonModule.class).values())
			.build())));
	}

	/** JSON of events with one mapper, the last event of each thread remembered with its JSON. */
	static final class CachingEventSerializer implements EventSerializer {

		private final java.util.function.Supplier<JsonMapper> mapper;

		private final ThreadLocal<Object[]> last = new ThreadLocal<>();

		CachingEventSerializer(java.util.function.Supplier<JsonMapper> mapper) {
			this.mapper = mapper;
		}

		@Override
		public Object serialize(Object event) {
			Object[] remembered = last.get();
			if (remembered != null && remembered[0] == event) {
				return remembered[1];
			}
			String json = mapper.get().writeValueAsString(event);
			last.set(new Object[] { event, json });
			return json;
		}

		@Override
		public <T> T deserialize(Object serialized, Class<T> type) {
			return mapper.get().readerFor(type).readValue(serialized.toString());
		}
	}
}
