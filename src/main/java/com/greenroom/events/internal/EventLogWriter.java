package com.greenroom.events.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends validated events to the log in one transaction per batch, with no SQL per event and each event
 * written once: claim the batch's ids in {@code platform_event_id} (concurrent batches do this in
 * parallel), then COPY the events whose id was new (binary format: {@link CopyBinary}) straight into the
 * partitioned log, each row with its seq, consecutive in batch order from a block the append reserved in one call
 * ({@link #RESERVE}), and its creator's slot ({@link CreatorSlots}). Appends run in parallel, so seqs
 * commit out of order; the same call announces the append, before it reserves, with a shared advisory
 * lock, from which readers find the seq below which every append has ended ({@link AppendHorizon}). Last,
 * each append notes the days it wrote to ({@link #NOTE_DAYS}), so readers by seq read only those days' partitions.
 */
@Component
public class EventLogWriter {

	/**
	 * Claims the batch's ids when none was seen before, the usual case: a binary COPY of the ids sorted in the JVM
	 * ({@link #claimNew}), which fails as a whole (unique violation) on the first id that exists. A concurrent batch
	 * with the same id waits on the unique index until this one ends (ids are claimed in sorted order, so two batches
	 * cannot deadlock). Unlike {@link #CLAIM_IDS} it needs no speculative insertion ({@code on conflict}, ~2 µs a row)
	 * and sends nothing back, and as a COPY it spares PostgreSQL an array's text and a sort.
	 */
	private static final String COPY_NEW_IDS = "copy platform_event_id (event_id) from stdin with (format binary)";

	/**
	 * Claims the batch's ids; returns those that were new. Runs in parallel with other batches as {@link #COPY_NEW_IDS}.
	 * Used when {@link #COPY_NEW_IDS} failed on a repeated id, and for the next {@value #TOLERANT_BATCHES} batches after.
	 */
	private static final String CLAIM_IDS = """
			insert into platform_event_id (event_id)
			select id from unnest(?::text[]) as batch(id) order by id collate "C"
			on conflict do nothing returning event_id""";

	/** After a batch with a repeated id, this many batches claim with {@link #CLAIM_IDS} at once (repeats come in runs: redeliveries, retries). */
	static final int TOLERANT_BATCHES = 16;

	/** How many of the next batches claim with {@link #CLAIM_IDS} directly. */
	private final java.util.concurrent.atomic.AtomicInteger tolerant = new java.util.concurrent.atomic.AtomicInteger();

	private static final String COPY = """
			copy platform_event (seq, event_id, type, occurred_at, creator_id, shard, stream_id, viewer_id, amount_value,
			                     amount_currency, amount_usd, attributes, received_at) from stdin with (format binary)""";

	/** The columns {@link #COPY} sends per row. */
	private static final int COLUMNS = 13;

	/**
	 * Announces the append (the shared advisory lock of {@link AppendHorizon}, held to the transaction's end), then
	 * reserves the given number of consecutive seqs and returns the last (V332): one call per append instead of a
	 * {@code nextval} per copied row, whose permission check and catalog cache reference cost 6.7% of PostgreSQL's time
	 * in a burst (docs/benchmarks.md, stops 53 and 54).
	 */
	private static final String RESERVE = "select platform_event_seq_reserve(?)";

	/**
	 * The days an append wrote to, each with the largest seq it reserved: a day holds an event with seq above P only if it
	 * has a row above P ({@code platform_event_append_day}, V291).
	 */
	private static final String NOTE_DAYS = """
			insert into platform_event_append_day (day, seq)
			select day, ? from unnest(?::date[]) as days(day)""";

	/** How much COPY data is built before it is sent (a 5,000-event batch is about 1 MB). */
	static final int CHUNK = 64 * 1024;

	private final DataSource dataSource;

	private final TransactionTemplate transaction;

	private final EventPartitions partitions;

	private final Clock clock;

	EventLogWriter(DataSource dataSource, PlatformTransactionManager transactions, EventPartitions partitions, Clock clock) {
		this.dataSource = dataSource;
		this.transaction = new TransactionTemplate(transactions);
		this.partitions = partitions;
		this.clock = clock;
	}

	/** How many events of a batch were appended, and how many repeated an id seen before. */
	public record Appended(int accepted, int duplicates) {
	}

	/**
	 * Appends the events; returns once they are committed. The loops over a batch's events are methods of their own
	 * ({@link #distinct}, {@link #ids}, {@link #claimRows}, {@link #copyRows}), which {@link IngestWarmUp} runs before the
	 * node takes traffic: a loop written here or in {@link #write} made the JIT compile that method, with all it calls,
	 * once the first batches came in (stop 47: six times, 2 s of compilation, in a fresh node's first burst).
	 */
	public Appended append(List<IncomingEvent> events) {
		Distinct distinct = distinct(events);
		List<IncomingEvent> unique = distinct.events();
		Set<LocalDate> days = distinct.days();
		int repeatedInBatch = events.size() - unique.size();
		if (unique.isEmpty()) {
			return new Appended(0, repeatedInBatch);
		}
		partitions.ensure(days);
		int inserted;
		try {
			inserted = writeClaiming(unique, days);
		}
		catch (DataAccessException ex) {
			if (!missingPartition(ex)) {
				throw ex;
			}
			// a partition was dropped or created elsewhere since it was cached: look again, once
			partitions.forget();
			partitions.ensure(days);
			inserted = writeClaiming(unique, days);
		}
		return new Appended(inserted, repeatedInBatch + unique.size() - inserted);
	}

	/** A batch's events without those whose id came earlier in the batch, and the UTC days of their event times. */
	record Distinct(List<IncomingEvent> events, Set<LocalDate> days) {
	}

	static Distinct distinct(List<IncomingEvent> events) {
		List<IncomingEvent> unique = new ArrayList<>(events.size());
		Set<String> ids = new HashSet<>(events.size() * 2);
		Set<LocalDate> days = new HashSet<>();
		long lastDay = Long.MIN_VALUE;
		for (IncomingEvent event : events) {
			if (ids.add(event.id())) {
				unique.add(event);
				// the UTC day from the epoch second (LocalDate.ofInstant looks up the zone's rules for every event);
				// a batch's events mostly share their day, so a day is added only when it changes
				long day = Math.floorDiv(event.occurredAt().getEpochSecond(), 86_400);
				if (day != lastDay) {
					days.add(LocalDate.ofEpochDay(day));
					lastDay = day;
				}
			}
		}
		return new Distinct(unique, days);
	}

	/** The events' ids, in order. */
	static String[] ids(List<IncomingEvent> events) {
		String[] ids = new String[events.size()];
		for (int i = 0; i < ids.length; i++) {
			ids[i] = events.get(i).id();
		}
		return ids;
	}

	/**
	 * Writes the events whose ids are new: first as if all were ({@link #COPY_NEW_IDS}); when one was seen
	 * before, that transaction is rolled back whole (the claim is its first statement, so nothing else is
	 * lost) and the batch written again claiming with {@link #CLAIM_IDS}. Inside a caller's transaction
	 * (which a failed statement would abort) and for a while after a repeat, {@link #CLAIM_IDS} at once.
	 */
	private int writeClaiming(List<IncomingEvent> events, Set<LocalDate> days) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			// inside a caller's transaction a failed statement would abort the caller's work too
			return write(events, days, true);
		}
		if (tolerant.get() > 0) {
			tolerant.decrementAndGet();
			return write(events, days, true);
		}
		try {
			return write(events, days, false);
		}
		catch (DataAccessException ex) {
			if (!(ex.getMostSpecificCause() instanceof SQLException sql && "23505".equals(sql.getSQLState()))) {
				throw ex;
			}
			// an id seen before (unique violation: only the claim has a unique index)
			tolerant.set(TOLERANT_BATCHES);
			return write(events, days, true);
		}
	}

	/** Writes the events whose ids are new, all on {@code days} (UTC days of event time), and notes the days. */
	private int write(List<IncomingEvent> events, Set<LocalDate> days, boolean repeatsPossible) {
		Integer inserted = transaction.execute(status -> {
			Connection connection = DataSourceUtils.getConnection(dataSource);
			try {
				String[] ids = ids(events);
				Set<String> claimed = null; // null: every id of the batch
				if (repeatsPossible) {
					claimed = new HashSet<>(events.size() * 2);
					try (PreparedStatement claim = connection.prepareStatement(CLAIM_IDS)) {
						claim.setArray(1, connection.createArrayOf("text", ids));
						try (ResultSet rs = claim.executeQuery()) {
							while (rs.next()) {
								claimed.add(rs.getString(1));
							}
						}
					}
					if (claimed.isEmpty()) {
						return 0;
					}
				}
				else {
					claimNew(connection, ids);
				}
				Instant receivedAt = clock.instant();
				int rows = claimed == null ? events.size() : claimed.size();
				long lastSeq = reserve(connection, rows);
				CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
				int copied;
				try {
					copyRows(events, claimed, receivedAt, lastSeq - rows + 1, (bytes, length) -> copy.writeToCopy(bytes, 0, length));
					copied = (int) copy.endCopy();
				}
				finally {
					if (copy.isActive()) {
						copy.cancelCopy();
					}
				}
				if (copied != rows) {
					throw new IllegalStateException("Copied " + copied + " events into the log, reserved seqs for " + rows);
				}
				try (PreparedStatement note = connection.prepareStatement(NOTE_DAYS)) {
					note.setLong(1, lastSeq);
					note.setArray(2, connection.createArrayOf("date", days.stream().map(java.sql.Date::valueOf).toArray()));
					note.executeUpdate();
				}
				return copied;
			}
			catch (SQLException ex) {
				throw new SQLExceptionSubclassTranslator().translate("append platform events", COPY, ex);
			}
			finally {
				DataSourceUtils.releaseConnection(connection, dataSource);
			}
		});
		return inserted == null ? 0 : inserted;
	}

	/** Reserves {@code rows} consecutive seqs ({@link #RESERVE}); returns the last. */
	private static long reserve(Connection connection, int rows) throws SQLException {
		try (PreparedStatement reserve = connection.prepareStatement(RESERVE)) {
			reserve.setInt(1, rows);
			try (ResultSet rs = reserve.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	/**
	 * Claims ids none of which was seen before ({@link #COPY_NEW_IDS}), in byte order: the order of the "C" collation,
	 * which {@link #CLAIM_IDS} claims in too, so two appends that share an id wait for each other in one order and
	 * cannot deadlock.
	 */
	private static void claimNew(Connection connection, String[] ids) throws SQLException {
		CopyBinary data = claimRows(claimOrder(ids));
		CopyIn claim = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_NEW_IDS);
		long rows;
		try {
			claim.writeToCopy(data.array(), 0, data.size());
			rows = claim.endCopy();
		}
		finally {
			if (claim.isActive()) {
				claim.cancelCopy();
			}
		}
		if (rows != ids.length) {
			throw new IllegalStateException("Claimed " + rows + " of " + ids.length + " new event ids");
		}
	}

	/** The claim's COPY data: a row per id. */
	static CopyBinary claimRows(byte[][] utf8) {
		CopyBinary data = new CopyBinary(19 + utf8.length * 40).header();
		for (byte[] id : utf8) {
			data.row(1).utf8(id);
		}
		return data.trailer();
	}

	/** The order of the "C" collation: byte by byte, unsigned, a prefix first. */
	private static final Comparator<Object> UNSIGNED = (a, b) -> Arrays.compareUnsigned((byte[]) a, (byte[]) b);

	/**
	 * The ids as UTF-8, sorted as the "C" collation sorts them ({@link #UNSIGNED}). Sorted in an {@code Object[]}, the
	 * array class the node's other sorts pass the JDK's shared sort code (a list's elements): sorting a {@code byte[][]}
	 * made the JIT compile that code for one array class, the next request's sort of a list threw it away, and the next
	 * batch's compiled it again (stop 47: 25 times, 2 s of compilation, in a fresh node's first burst).
	 */
	static byte[][] claimOrder(String[] ids) {
		Object[] utf8 = new Object[ids.length];
		for (int i = 0; i < ids.length; i++) {
			utf8[i] = ids[i].getBytes(StandardCharsets.UTF_8);
		}
		Arrays.sort(utf8, UNSIGNED);
		return Arrays.copyOf(utf8, utf8.length, byte[][].class);
	}

	private static boolean missingPartition(DataAccessException ex) {
		return ex.getMostSpecificCause() instanceof SQLException sql && "23514".equals(sql.getSQLState())
				&& String.valueOf(sql.getMessage()).contains("no partition");
	}

	/** Where {@link #copyRows} sends its data: the COPY in flight. */
	@FunctionalInterface
	interface Chunks {

		void write(byte[] bytes, int length) throws SQLException;

	}

	/**
	 * The claimed events ({@code claimed} null: all) in binary COPY format ({@link CopyBinary}), in batch order with seqs
	 * from {@code firstSeq} up, one by one, sent to
	 * {@code out} in chunks of about {@link #CHUNK} bytes, each ending at a row's end (the first opens with the header,
	 * the last closes with the trailer), as they are built: a batch is never held whole, and PostgreSQL starts on the
	 * first rows while the rest are written.
	 */
	static void copyRows(List<IncomingEvent> events, Set<String> claimed, Instant receivedAt, long firstSeq, Chunks out)
			throws SQLException {
		CopyBinary chunk = new CopyBinary(Math.min(CHUNK, (claimed == null ? events.size() : claimed.size()) * 200) + 1024);
		chunk.header();
		for (IncomingEvent e : events) {
			if (claimed != null && !claimed.contains(e.id())) {
				continue;
			}
			copyRow(e, firstSeq++, receivedAt, chunk);
			if (chunk.size() >= CHUNK) {
				out.write(chunk.array(), chunk.size());
				chunk.clear();
			}
		}
		chunk.trailer();
		out.write(chunk.array(), chunk.size());
	}

	/**
	 * One event's row, in {@link #COPY}'s column order. A method of its own, called per row, so the JIT compiles it
	 * once as a method rather than inside {@link #copyRows}' loop (on-stack, then again).
	 */
	private static void copyRow(IncomingEvent e, long seq, Instant receivedAt, CopyBinary row) {
		row.row(COLUMNS).bigint(seq).text(e.id()).text(e.type().wireName()).timestamp(e.occurredAt());
		int creator = row.size() + 4; // the creator id's UTF-8 bytes, after the field's length: its slot is hashed from them
		row.text(e.creatorId());
		row.smallint(CreatorSlots.of(row.array(), creator, row.size() - creator));
		row.text(e.streamId()).text(e.viewerId()).numeric(e.amountValue()).text(e.currency()).numeric(e.usd());
		row.jsonObject(e.attributes()).timestamp(receivedAt);
	}
}
