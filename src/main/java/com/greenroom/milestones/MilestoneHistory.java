package com.greenroom.milestones;

import com.greenroom.audit.AuditLog;
import com.greenroom.creators.Creators;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Writes each announced milestone into the creator's history. Being a transactional module listener, it
 * makes the event publication registry persist every {@link MilestoneReached} until it has run.
 */
@Component
class MilestoneHistory {

	private final AuditLog audit;

	private final Creators creators;

	MilestoneHistory(AuditLog audit, Creators creators) {
		this.audit = audit;
		this.creators = creators;
	}

	@ApplicationModuleListener
	void on(MilestoneReached reached) {
		String region = creators.find(reached.creatorId()).map(c -> c.regionCode()).orElse(null);
		audit.record("creator", reached.creatorId(), "reached milestone " + reached.milestoneCode(), region, null, reached);
	}
}
