package com.greenroom.milestones;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.greenroom.audit.AuditLog;
import com.greenroom.creators.Creators;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Writes each announced milestone into the creator's history. Being a transactional module listener, it
 * makes the event publication registry persist every {@link MilestonesReached} (and {@link MilestoneReached}
 * published alone) until it has run. Delivery is at least once (a node killed between the listener's commit and
 * the registry's completion mark has it delivered again), so an entry is written by the delivery that claims the
 * announcement's {@code history_written} flag, in the same transaction: once.
 */
@Component
class MilestoneHistory {

	private final AuditLog audit;

	private final Creators creators;

	private final JdbcClient jdbc;

	MilestoneHistory(AuditLog audit, Creators creators, JdbcClient jdbc) {
		this.audit = audit;
		this.creators = creators;
		this.jdbc = jdbc;
	}

	/** A batch's reaches: their flags claimed in one statement, with each creator's region; written in the batch's order. */
	@ApplicationModuleListener
	void on(MilestonesReached batch) {
		List<MilestoneReached> reached = batch.reached();
		Map<List<String>, String> regionOfClaimed = new HashMap<>();
		jdbc.sql("""
				update milestone_announcement a set history_written = true
				from unnest(cast(:c as text[]), cast(:code as text[])) as x(creator_id, code)
				where a.creator_id = x.creator_id and a.code = x.code and not a.history_written
				returning a.creator_id, a.code, (select c.region_code from creator c where c.creator_id = a.creator_id)""")
			.param("c", reached.stream().map(MilestoneReached::creatorId).toArray(String[]::new))
			.param("code", reached.stream().map(MilestoneReached::milestoneCode).toArray(String[]::new))
			.query(rs -> {
				regionOfClaimed.put(List.of(rs.getString(1), rs.getString(2)), rs.getString(3));
			});
		for (MilestoneReached r : reached) {
			List<String> key = List.of(r.creatorId(), r.milestoneCode());
			if (regionOfClaimed.containsKey(key)) {
				audit.record("creator", r.creatorId(), "reached milestone " + r.milestoneCode(), regionOfClaimed.remove(key), null, r);
			}
		}
	}

	@ApplicationModuleListener
	void on(MilestoneReached reached) {
		int claimed = jdbc.sql("""
				update milestone_announcement set history_written = true
				where creator_id = :creator and code = :code and not history_written""")
			.param("creator", reached.creatorId())
			.param("code", reached.milestoneCode())
			.update();
		if (claimed == 0) {
			return; // an earlier delivery wrote it
		}
		String region = creators.find(reached.creatorId()).map(c -> c.regionCode()).orElse(null);
		audit.record("creator", reached.creatorId(), "reached milestone " + reached.milestoneCode(), region, null, reached);
	}
}
