package com.greenroom.events.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The day partitions of the event log ({@code platform_event_pYYYYMMDD}, UTC days of event time): made
 * before a batch that needs them is written, in their own short transaction (creating a partition locks
 * the parent table), and dropped with their event ids once older than the retention.
 */
@Component
public class EventPartitions {

	private static final Logger log = LoggerFactory.getLogger(EventPartitions.class);

	/** Serializes partition DDL across nodes. */
	private static final long DDL_LOCK = 7_364_201_002L;

	/** How long a retention drop may wait for the log's lock before it gives up until the next run. */
	static final String DROP_LOCK_TIMEOUT = "3s";

	private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	private final EventsProperties properties;

	private final Clock clock;

	private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

	EventPartitions(JdbcClient jdbc, PlatformTransactionManager transactions, EventsProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.properties = properties;
		this.clock = clock;
	}

	/** Makes sure a partition exists for each day; cheap when they already do. */
	public void ensure(Collection<LocalDate> days) {
		List<LocalDate> missing = days.stream().filter(d -> !known.contains(d)).distinct().sorted().toList();
		if (missing.isEmpty()) {
			return;
		}
		ownTransaction.executeWithoutResult(status -> {
			jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", DDL_LOCK).query().singleRow();
			Set<LocalDate> existing = existing();
			for (LocalDate day : missing) {
				if (!existing.contains(day)) {
					// a table of its own, then attached: ATTACH takes a lock on the log that appends and reads do not
					// wait for (CREATE ... PARTITION OF would wait for every open reader, a projection batch included,
					// and hold up every append meanwhile)
					jdbc.sql("create table %s (like platform_event including defaults including constraints including generated)"
						.formatted(nameOf(day)))
						.update();
					jdbc.sql("alter table platform_event attach partition %s for values from ('%s 00:00:00+00') to ('%s 00:00:00+00')"
						.formatted(nameOf(day), day, day.plusDays(1))).update();
				}
			}
		});
		known.addAll(missing);
	}

	/** Forgets what it knows, after a write found a partition missing. */
	void forget() {
		known.clear();
	}

	/**
	 * Hourly: drops partitions past the retention, makes tomorrow's ahead of time, and merges the days noted by
	 * appends to one row per day ({@link #mergeAppendDays}).
	 */
	@Scheduled(cron = "${greenroom.events.retention-cron:0 17 * * * *}", zone = "UTC")
	void maintain() {
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		try {
			dropBefore(LocalDate.ofInstant(EventReader.oldestRetained(clock.instant(), properties.retentionDays()), ZoneOffset.UTC));
		}
		catch (DataAccessException ex) {
			log.warn("Dropping old event log partitions did not finish ({}); the next run tries again", ex.getMostSpecificCause().getMessage());
		}
		ensure(List.of(today, today.plusDays(1)));
		mergeAppendDays();
	}

	/**
	 * Replaces the rows every append notes per day it wrote to ({@code platform_event_append_day}: about one
	 * per batch) by one row per day with their largest seq: which days have a row above any seq stays the same,
	 * so readers read the same days. Rows of appends still running are not visible here and stay as they are.
	 * Returns the rows left.
	 */
	public int mergeAppendDays() {
		return ownTransaction.execute(status -> {
			jdbc.sql("""
					with noted as (delete from platform_event_append_day returning day, seq)
					insert into platform_event_append_day (day, seq) select day, max(seq) from noted group by day""").update();
			return jdbc.sql("select count(*) from platform_event_append_day").query(Integer.class).single();
		});
	}

	/** Drops every day partition before {@code firstKept}, with the ids of its events; returns the days dropped. */
	public List<LocalDate> dropBefore(LocalDate firstKept) {
		List<LocalDate> dropped = new ArrayList<>();
		for (LocalDate day : existing()) {
			if (!day.isBefore(firstKept)) {
				break;
			}
			ownTransaction.executeWithoutResult(status -> {
				jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", DDL_LOCK).query().singleRow();
				// dropping a partition locks the whole log, and appends queue behind a waiting lock: wait briefly
				// for open readers (a projection batch), else fail and try again at the next run
				jdbc.sql("set local lock_timeout = '" + DROP_LOCK_TIMEOUT + "'").update();
				if (existing().contains(day)) {
					String partition = nameOf(day);
					jdbc.sql("delete from platform_event_id i using %s p where i.event_id = p.event_id".formatted(partition)).update();
					jdbc.sql("delete from platform_event_append_day where day = :day").param("day", day).update();
					jdbc.sql("drop table " + partition).update();
				}
			});
			known.remove(day);
			dropped.add(day);
			log.info("Dropped event log partition of {} (retention {} days)", day, properties.retentionDays());
		}
		return dropped;
	}

	/** The days that have a partition, oldest first. */
	public TreeSet<LocalDate> existing() {
		return jdbc.sql("""
				select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
				where i.inhparent = 'platform_event'::regclass and c.relname ~ '^platform_event_p[0-9]{8}$'""")
			.query(String.class)
			.list()
			.stream()
			.map(name -> LocalDate.parse(name.substring("platform_event_p".length()), SUFFIX))
			.collect(java.util.stream.Collectors.toCollection(TreeSet::new));
	}

	static String nameOf(LocalDate day) {
		return "platform_event_p" + SUFFIX.format(day);
	}
}
