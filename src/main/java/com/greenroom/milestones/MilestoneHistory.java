package com.greenroom.milestones;

import com.greenroom.audit.AuditLog;
import com.greenroom.creators.Creators;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Writes each announced milestone into the creator's history. Being a transactional module listener, it
 * makes the event publication registry persist every {@link MilestoneReached} until it has run. Delivery is at
 * least once (a node killed between the listener's commit and the registry's completion mark has it delivered
 * again), so the entry is written by the delivery that claims the announcement's {@code history_written} flag,
 * in the same transaction: once.
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
