package com.greenroom.playbooks;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.InvalidInputException;
import com.greenroom.tasks.Task;
import com.greenroom.tasks.TaskDraft;
import com.greenroom.tasks.TaskSource;
import com.greenroom.tasks.Tasks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Raises change requests, each with a task for the playbook's owner, and closes them when a version that
 * references them is published. An incident's request is due in 2 days ("immediately after major
 * incidents"); any other in 7.
 */
@Service
class ChangeRequests {

	static final Set<String> SOURCES = Set.of("INCIDENT", "RELEASE", "EXPERIMENT", "MANUAL", "REVIEW");

	static final String TASK_SOURCE = "PLAYBOOK_CHANGE";

	private final JdbcClient jdbc;

	private final PlaybookStore store;

	private final Tasks tasks;

	private final OwnerRouting routing;

	private final Regions regions;

	private final AuditLog audit;

	private final Clock clock;

	ChangeRequests(JdbcClient jdbc, PlaybookStore store, Tasks tasks, OwnerRouting routing, Regions regions, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.store = store;
		this.tasks = tasks;
		this.routing = routing;
		this.regions = regions;
		this.audit = audit;
		this.clock = clock;
	}

	/** Validates and files the request with its task; the same origin (source and ref) gets its existing request back. */
	@Transactional
	long raise(ChangeRequestDraft draft, String actor) {
		String key = draft.playbookKey() == null ? null : draft.playbookKey().strip();
		String region = Checks.blankToNull(draft.region());
		String source = draft.source() == null ? null : draft.source().strip();
		String ref = Checks.blankToNull(draft.sourceRef());
		Checks checks = new Checks();
		checks.require(key != null && !key.isEmpty(), "playbookKey", "is required");
		checks.require(key == null || key.isEmpty() || store.exists(key), "playbookKey", "is not a known playbook: " + key);
		checks.require(region == null || regions.exists(region), "region", "is not a known region: " + region);
		checks.text(draft.summary(), "summary", 2000);
		checks.require(source != null && SOURCES.contains(source), "source", "must be one of INCIDENT, RELEASE, EXPERIMENT, MANUAL, REVIEW");
		checks.optionalText(ref, "sourceRef", 200);
		checks.throwIfAny();
		if (ref != null) {
			Optional<Long> existing = jdbc
				.sql("""
						select id from playbook_change_request where playbook_key = :key and coalesce(region_code, '*') = coalesce(cast(:region as text), '*')
						and source = :source and source_ref = :ref""")
				.param("key", key)
				.param("region", region)
				.param("source", source)
				.param("ref", ref)
				.query(Long.class)
				.optional();
			if (existing.isPresent()) {
				return existing.get();
			}
		}
		Playbook target = store.find(key, region).or(() -> store.find(key, null)).orElseThrow();
		Instant now = clock.instant();
		long id = jdbc.sql("""
				insert into playbook_change_request (playbook_key, region_code, summary, source, source_ref, created_by, created_at)
				values (:key, :region, :summary, :source, :ref, :by, :now) returning id""")
			.param("key", key)
			.param("region", region)
			.param("summary", draft.summary().strip())
			.param("source", source)
			.param("ref", ref)
			.param("by", actor)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
		Task task = tasks.create(taskFor(target, region, id, draft.summary().strip(), source, now));
		jdbc.sql("update playbook_change_request set task_id = :task where id = :id").param("task", task.id()).param("id", id).update();
		ChangeRequest created = store.changeRequest(id).orElseThrow();
		audit.recordAs(actor, "playbook_change_request", id, "raised", region, null, created);
		return id;
	}

	/** By hand: MANUAL by default, only for playbooks the viewer can see. */
	@Transactional
	ChangeRequest raiseByHand(Viewer viewer, ChangeRequestDraft draft) {
		String region = Checks.blankToNull(draft.region());
		if (region != null && !viewer.canSee(region)) {
			throw new InvalidInputException("region", "is not one of your regions: " + region);
		}
		String source = draft.source() == null || draft.source().isBlank() ? "MANUAL" : draft.source();
		long id = raise(new ChangeRequestDraft(draft.playbookKey(), region, draft.summary(), source, draft.sourceRef()), viewer.username());
		return store.changeRequest(id).orElseThrow();
	}

	/**
	 * Closes the open requests a published version references and completes their tasks, as the publisher.
	 */
	void closeFor(Viewer publisher, PlaybookVersion published) {
		for (long id : published.changeRequestIds()) {
			ChangeRequest before = store.changeRequest(id).orElseThrow();
			if (!before.open()) {
				continue;
			}
			jdbc.sql("update playbook_change_request set status = 'CLOSED', closed_at = :now, closed_by_version_id = :version where id = :id")
				.param("now", Timestamp.from(clock.instant()))
				.param("version", published.id())
				.param("id", id)
				.update();
			if (before.taskId() != null) {
				tasks.find(before.taskId())
					.filter(Task::open)
					.ifPresent(t -> tasks.complete(publisher, t.id(),
							"Published " + published.title() + " v" + published.version() + " (" + scope(published.region()) + ")"));
			}
			audit.record("playbook_change_request", id, "closed by v" + published.version(), before.region(), before,
					store.changeRequest(id).orElseThrow());
		}
	}

	/**
	 * The requests a version of this playbook may reference: open, of its key, and of its scope (a variant
	 * answers its region's requests; the global playbook the rest).
	 */
	void checkReferences(Playbook playbook, List<Long> ids, String field) {
		if (ids == null) {
			return;
		}
		Checks checks = new Checks();
		for (int i = 0; i < ids.size(); i++) {
			Long id = ids.get(i);
			Optional<ChangeRequest> request = id == null ? Optional.empty() : store.changeRequest(id);
			String at = field + "[" + i + "]";
			if (request.isEmpty() || !request.get().playbookKey().equals(playbook.key())) {
				checks.require(false, at, "is not a change request of playbook " + playbook.key() + ": " + id);
			}
			else if (!request.get().open()) {
				checks.require(false, at, "change request " + id + " is already closed");
			}
			else if (!belongsTo(request.get(), playbook)) {
				checks.require(false, at, "change request " + id + " is for " + scope(request.get().region()) + ", not "
						+ scope(playbook.region()));
			}
		}
		checks.throwIfAny();
	}

	/** The open requests a new version of this playbook may answer, within the viewer's regions (null: all). */
	List<ChangeRequest> openFor(Playbook playbook, String[] regions) {
		return store.changeRequests(playbook.key(), "OPEN", regions, 200).stream().filter(c -> belongsTo(c, playbook)).toList();
	}

	/** Every request of this playbook's scope (open first), within the viewer's regions (null: all). */
	List<ChangeRequest> allFor(Playbook playbook, String[] regions) {
		return store.changeRequests(playbook.key(), null, regions, 200).stream().filter(c -> belongsTo(c, playbook)).toList();
	}

	private boolean belongsTo(ChangeRequest request, Playbook playbook) {
		if (playbook.region() != null) {
			return playbook.region().equals(request.region());
		}
		return request.region() == null || store.find(request.playbookKey(), request.region()).isEmpty();
	}

	private TaskDraft taskFor(Playbook target, String region, long requestId, String summary, String source, Instant now) {
		Duration due = "INCIDENT".equals(source) ? Duration.ofDays(2) : Duration.ofDays(7);
		return routing.task(target, region, "Update playbook \"" + target.title() + "\": " + summary,
				new TaskSource(TASK_SOURCE, String.valueOf(requestId), Playbooks.link(target.key(), region) + "#change-requests"), now.plus(due));
	}

	static String scope(String region) {
		return region == null ? "the global playbook" : "region " + region;
	}
}
