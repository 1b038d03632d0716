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

	private volatile MeterRegistry registry;

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
		projections.orderedStream().forEach(projection -> Gauge.builder("greenroom.projection.quarantine", () -> inQuarantine(projection.name()))
			.tag("projection", projection.name())
			.baseUnit("events")
			.description("events of the log this projection could not apply and set aside (quarantined) until an admin retries them")
			.register(registry));
		Gauge.builder("greenroom.listener.incomplete", () -> count("select count(*) from event_publication where completion_date is null"))
			.baseUnit("publications")
			.description("cross-module event publications whose listener has not completed yet")
			.register(registry);
		Gauge.builder("greenroom.listener.failed",
				() -> count("select count(*) from event_publication where completion_date is null and status = 'FAILED'"))
			.baseUnit("publications")
			.description("cross-module event publications whose listener failed; they are resubmitted with backoff")
			.register(registry);
		this.registry = registry;
	}

	/** Counts one more event set aside by a projection. */
	void quarantined(String projection) {
		MeterRegistry meters = registry;
		if (meters != null) {
			Counter.builder("greenroom.projection.quarantined")
				.tag("projection", projection)
				.baseUnit("events")
				.description("events a projection has quarantined since this node started")
				.register(meters)
				.increment();
		}
	}

	private double count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	private double inQuarantine(String projection) {
		return jdbc.sql("select count(*) from projection_quarantine where projection = :name")
			.param("name", projection)
			.query(Long.class)
			.single();
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
				       - (select case when count(*) < 64 then 0 else min(position) end from projection_position where name = :name))""")
			.param("name", projection)
			.query(Long.class)
			.single();
		return lag == null ? 0 : lag;
	}
}
