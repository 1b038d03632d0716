package com.greenroom.creators;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Objects;

import com.greenroom.audit.AuditLog;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one way a creator's manager changes: the row, the audit entry and {@link CreatorManagerChanged},
 * all in the caller's transaction. Callers have checked that the manager may own the creator.
 */
@Component
class ManagerChanges {

	private final JdbcClient jdbc;

	private final CreatorRows rows;

	private final AuditLog audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	ManagerChanges(JdbcClient jdbc, CreatorRows rows, AuditLog audit, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.rows = rows;
		this.audit = audit;
		this.clock = clock;
		this.events = events;
	}

	/** Audited as the signed-in user, or as {@code actor} when the platform or a rule acts (non-null). */
	Creator set(Creator creator, Long managerId, String action, String actor) {
		jdbc.sql("update creator set manager_id = :manager, updated_at = :now where id = :id")
			.param("manager", managerId)
			.param("now", Timestamp.from(clock.instant()))
			.param("id", creator.id())
			.update();
		Creator after = rows.find(creator.creatorId()).orElseThrow();
		if (actor == null) {
			audit.record("creator", creator.creatorId(), action, creator.regionCode(), creator, after);
		}
		else {
			audit.recordAs(actor, "creator", creator.creatorId(), action, creator.regionCode(), creator, after);
		}
		if (!Objects.equals(creator.managerId(), managerId)) {
			events.publishEvent(new CreatorManagerChanged(creator.creatorId(), creator.regionCode(), creator.managerId(), managerId));
		}
		return after;
	}
}
