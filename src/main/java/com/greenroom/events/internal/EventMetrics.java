package com.greenroom.events.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import com.greenroom.events.IngestResult;
import com.greenroom.events.Projection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What operators watch on /actuator/prometheus: events accepted, duplicated and rejected, and how far
 * each projection lags behind the log (in events).
 */
@Component
class EventMetrics implements MeterBinder {

	private static final String INGESTED = "platform events received over HTTP or Kafka, by outcome (accepted, duplicate, rejected)";

	private final JdbcClient jdbc;

	private final ObjectProvider<Projection> projections;

	private Counter accepted;

	private Counter duplicates;

	private Counter rejected;

	EventMetrics(JdbcClient jdbc, ObjectProvider<Projection> projections) {
		this.jdbc = jdbc;
		this.projections = projections;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		accepted = Counter.builder("greenroom.events.ingested").tag("outcome", "accepted").description(INGESTED).register(registry);
		duplicates = Counter.builder("greenroom.events.ingested").tag("outcome", "duplicate").description(INGESTED).register(registry);
		rejected = Counter.builder("greenroom.events.ingested").tag("outcome", "rejected").description(INGESTED).register(registry);
		projections.orderedStream().forEach(projection -> Gauge.builder("greenroom.projection.lag", () -> lag(projection.name()))
			.tag("projection", projection.name())
			.description("events appended to the log that this projection has not applied yet")
			.register(registry));
	}

	void count(IngestResult result) {
		if (accepted != null) {
			accepted.increment(result.accepted());
			duplicates.increment(result.duplicates());
			rejected.increment(result.rejected().size());
		}
	}

	private double lag(String projection) {
		Long lag = jdbc.sql("""
				select greatest(0, (select case when is_called then last_value else 0 end from platform_event_seq)
				       - coalesce((select position from projection_position where name = :name), 0))""")
			.param("name", projection)
			.query(Long.class)
			.single();
		return lag == null ? 0 : lag;
	}
}
