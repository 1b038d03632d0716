package com.greenroom.system;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every JSON body is checked before PostgreSQL sees it, in one place for all modules: no string may
 * contain the NUL character (PostgreSQL text cannot hold it), no date or timestamp may fall outside
 * the years 0001 to 9999 (PostgreSQL's range is wider, Java's wider still), {@code 1.5} is not an
 * integer (Jackson would otherwise truncate it to 1), and a list or set holds no {@code null} items
 * (ids, codes and countries are never null). Each refusal is a 400 problem naming the field.
 */
@Configuration(proxyBeanMethods = false)
class SafeJsonInput {

	static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

	/** Time zones shift local dates by up to a day either way around the instant range. */
	private static final long ZONE_SLACK_SECONDS = 86_400;

	private static final Set<Class<?>> TIMES = Set.of(Instant.class, OffsetDateTime.class, ZonedDateTime.class, LocalDateTime.class,
			LocalDate.class);

	@Bean
	JsonMapperBuilderCustomizer safeJsonInputCustomizer() {
		SimpleModule module = new SimpleModule("greenroom-safe-input");
		module.setDeserializerModifier(new ValueDeserializerModifier() {

			@Override
			public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier description,
					ValueDeserializer<?> deserializer) {
				Class<?> type = description.getBeanClass();
				return type == String.class || TIMES.contains(type) ? new Checked(deserializer) : deserializer;
			}
		});
		JsonSetter.Value noNullItems = JsonSetter.Value.forContentNulls(Nulls.FAIL);
		return builder -> builder.addModule(module)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.withConfigOverride(List.class, o -> o.setNullHandling(noNullItems))
			.withConfigOverride(Set.class, o -> o.setNullHandling(noNullItems))
			.withConfigOverride(Collection.class, o -> o.setNullHandling(noNullItems));
	}

	/** Whether a date-time lies in the years PostgreSQL and every client can hold (0001 to 9999). */
	static boolean inRange(Object value) {
		Instant instant = null;
		if (value instanceof Instant i) {
			instant = i;
		}
		else if (value instanceof OffsetDateTime o) {
			instant = o.toInstant();
		}
		else if (value instanceof ZonedDateTime z) {
			instant = z.toInstant();
		}
		else if (value instanceof LocalDateTime l) {
			instant = l.toInstant(ZoneOffset.UTC);
		}
		else if (value instanceof LocalDate d) {
			instant = d.atStartOfDay().toInstant(ZoneOffset.UTC);
		}
		return instant == null
				|| !instant.isBefore(EARLIEST.minusSeconds(ZONE_SLACK_SECONDS)) && !instant.isAfter(LATEST.plusSeconds(ZONE_SLACK_SECONDS));
	}

	private static final class Checked extends DelegatingDeserializer {

		Checked(ValueDeserializer<?> delegate) {
			super(delegate);
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
			return new Checked(delegate);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) {
			return check(super.deserialize(parser, context), context);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context, Object into) {
			return check(super.deserialize(parser, context, into), context);
		}

		private Object check(Object value, DeserializationContext context) {
			if (value instanceof String text && text.indexOf('\0') >= 0) {
				return context.reportInputMismatch(this, "must not contain the NUL character (\\u0000)");
			}
			if (value != null && !(value instanceof String) && !inRange(value)) {
				return context.reportInputMismatch(this, "must be between the years 0001 and 9999");
			}
			return value;
		}
	}
}
