package com.greenroom.events.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends validated events to the log: COPY into a per-session staging table and claim the ids there
 * (concurrent batches do this in parallel), then, under an advisory lock that makes seq order equal
 * commit order, insert the events whose id was new. One transaction per batch, no SQL per event.
 */
@Component
public class EventLogWriter {

	/** Serializes the final insert of every append, so no seq can commit after a larger one. */
	static final long APPEND_LOCK = 7_364_201_001L;

	private static final String STAGING = """
			create temp table if not exists platform_event_staging (
			    ord int not null, event_id text collate "C" not null, type text not null, occurred_at timestamptz not null,
			    creator_id text collate "C" not null, stream_id text collate "C", viewer_id text collate "C", amount_value numeric, amount_currency text, amount_usd numeric, attributes jsonb
			) on commit delete rows""";

	private static final String COPY = """
			copy platform_event_staging (ord, event_id, type, occurred_at, creator_id, stream_id, viewer_id, amount_value, amount_currency,
			                             amount_usd, attributes) from stdin""";

	/**
	 * Claims the batch's ids and drops the events whose id was already taken. Runs before the append lock,
	 * in parallel with other batches: a concurrent batch with the same id waits on the unique index until
	 * this one ends (ids are claimed in sorted order, so two batches cannot deadlock).
	 */
	private static final String CLAIM_IDS = """
			with fresh as (
			    insert into platform_event_id (event_id) select event_id from platform_event_staging order by event_id
			    on conflict do nothing returning event_id
			)
			delete from platform_event_staging s where not exists (select 1 from fresh f where f.event_id = s.event_id)""";

	private static final String INSERT = """
			insert into platform_event (seq, event_id, type, occurred_at, creator_id, stream_id, viewer_id, amount_value, amount_currency,
			                            amount_usd, attributes, received_at)
			select nextval('platform_event_seq'), event_id, type, occurred_at, creator_id, stream_id, viewer_id, amount_value,
			       amount_currency, amount_usd, attributes, ?
			from platform_event_staging order by ord""";

	private final DataSource dataSource;

	private final TransactionTemplate transaction;

	private final EventPartitions partitions;

	private final JsonMapper json;

	private final Clock clock;

	EventLogWriter(DataSource dataSource, PlatformTransactionManager transactions, EventPartitions partitions, JsonMapper json,
			Clock clock) {
		this.dataSource = dataSource;
		this.transaction = new TransactionTemplate(transactions);
		this.partitions = partitions;
		this.json = json;
		this.clock = clock;
	}

	/** How many events of a batch were appended, and how many repeated an id seen before. */
	public record Appended(int accepted, int duplicates) {
	}

	/** Appends the events; returns once they are committed. */
	public Appended append(List<IncomingEvent> events) {
		List<IncomingEvent> unique = new ArrayList<>(events.size());
		Set<String> ids = new HashSet<>(events.size() * 2);
		Set<LocalDate> days = new HashSet<>();
		for (IncomingEvent event : events) {
			if (ids.add(event.id())) {
				unique.add(event);
				days.add(LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC));
			}
		}
		int repeatedInBatch = events.size() - unique.size();
		if (unique.isEmpty()) {
			return new Appended(0, repeatedInBatch);
		}
		byte[] rows = copyRows(unique);
		partitions.ensure(days);
		int inserted;
		try {
			inserted = write(rows);
		}
		catch (DataAccessException ex) {
			if (!missingPartition(ex)) {
				throw ex;
			}
			// a partition was dropped or created elsewhere since it was cached: look again, once
			partitions.forget();
			partitions.ensure(days);
			inserted = write(rows);
		}
		return new Appended(inserted, repeatedInBatch + unique.size() - inserted);
	}

	private int write(byte[] rows) {
		Integer inserted = transaction.execute(status -> {
			Connection connection = DataSourceUtils.getConnection(dataSource);
			try {
				try (Statement statement = connection.createStatement()) {
					statement.execute(STAGING);
				}
				CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
				try {
					copy.writeToCopy(rows, 0, rows.length);
					copy.endCopy();
				}
				finally {
					if (copy.isActive()) {
						copy.cancelCopy();
					}
				}
				try (Statement statement = connection.createStatement()) {
					statement.executeUpdate(CLAIM_IDS);
				}
				try (Statement statement = connection.createStatement()) {
					statement.execute("select pg_advisory_xact_lock(" + APPEND_LOCK + ")");
				}
				try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
					insert.setTimestamp(1, Timestamp.from(clock.instant()));
					return insert.executeUpdate();
				}
			}
			catch (SQLException ex) {
				throw new SQLExceptionSubclassTranslator().translate("append platform events", INSERT, ex);
			}
			finally {
				DataSourceUtils.releaseConnection(connection, dataSource);
			}
		});
		return inserted == null ? 0 : inserted;
	}

	private static boolean missingPartition(DataAccessException ex) {
		return ex.getMostSpecificCause() instanceof SQLException sql && "23514".equals(sql.getSQLState())
				&& String.valueOf(sql.getMessage()).contains("no partition");
	}

	/** The batch in COPY text format: tab-separated, \N for null, backslash escapes. */
	private byte[] copyRows(List<IncomingEvent> events) {
		StringBuilder out = new StringBuilder(events.size() * 160);
		for (IncomingEvent e : events) {
			out.append(e.index()).append('\t');
			field(out, e.id());
			field(out, e.type().wireName());
			field(out, e.occurredAt().toString());
			field(out, e.creatorId());
			field(out, e.streamId());
			field(out, e.viewerId());
			field(out, e.amountValue() == null ? null : e.amountValue().toPlainString());
			field(out, e.currency());
			field(out, e.usd() == null ? null : e.usd().toPlainString());
			Map<String, String> attributes = e.attributes();
			escape(out, attributes == null ? null : json.writeValueAsString(attributes));
			out.append('\n');
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static void field(StringBuilder out, String value) {
		escape(out, value);
		out.append('\t');
	}

	private static void escape(StringBuilder out, String value) {
		if (value == null) {
			out.append("\\N");
			return;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> out.append(c);
			}
		}
	}
}
