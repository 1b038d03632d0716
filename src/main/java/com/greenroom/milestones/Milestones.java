package com.greenroom.milestones;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.greenroom.activity.Activity;
import com.greenroom.activity.CreatorTotals;
import com.greenroom.audit.AuditLog;
import com.greenroom.creators.Creator;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Milestone definitions, and where each creator stands on them. */
@Service
public class Milestones {

	private final JdbcClient jdbc;

	private final MilestoneTracker tracker;

	private final Activity activity;

	private final Creators creators;

	private final AuditLog audit;

	private final Clock clock;

	Milestones(JdbcClient jdbc, MilestoneTracker tracker, Activity activity, Creators creators, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.tracker = tracker;
		this.activity = activity;
		this.creators = creators;
		this.audit = audit;
		this.clock = clock;
	}

	/** Every milestone, built-in ones first, in the order of the success path. */
	public List<Milestone> definitions() {
		return tracker.definitions();
	}

	/**
	 * Adds a milestone (admins only) and evaluates it for every creator with activity in the same
	 * transaction, so creators already past it are marked (and announced) at once.
	 */
	@Transactional
	public Milestone define(Viewer viewer, MilestoneDraft draft) {
		if (!viewer.isAdmin()) {
			throw new AccessDeniedException("Only admins define milestones");
		}
		Checks checks = new Checks();
		checks.require(draft.code() != null && draft.code().matches("^[A-Z][A-Z0-9_]{1,47}$"), "code",
				"must be 2 to 48 upper-case letters, digits or underscores, starting with a letter, such as SEVEN_ACTIVE_DAYS");
		checks.text(draft.name(), "name", 100);
		MilestoneKind kind = Arrays.stream(MilestoneKind.values()).filter(k -> k.name().equals(draft.kind())).findFirst().orElse(null);
		checks.require(kind != null, "kind", "must be one of " + Arrays.toString(MilestoneKind.values()));
		BigDecimal threshold = draft.threshold();
		if (threshold == null) {
			checks.require(false, "threshold", "is required");
		}
		else {
			checks.require(threshold.signum() > 0, "threshold", "must be greater than zero");
			checks.require(threshold.compareTo(new BigDecimal("1000000000")) < 0, "threshold", "must be below 1,000,000,000");
			if (kind != null && kind.wholeNumbers()) {
				checks.require(threshold.stripTrailingZeros().scale() <= 0, "threshold", "must be a whole number for " + kind);
			}
			else {
				checks.require(threshold.stripTrailingZeros().scale() <= 2, "threshold", "must have at most two decimals");
			}
		}
		checks.throwIfAny();
		if (jdbc.sql("select count(*) from milestone_definition where code = :code").param("code", draft.code()).query(Long.class).single() > 0) {
			throw new ConflictException("code", "A milestone with code " + draft.code() + " already exists");
		}
		jdbc.sql("""
				insert into milestone_definition (code, name, kind, threshold, built_in, position, created_at)
				values (:code, :name, :kind, :threshold, false, (select coalesce(max(position), 0) + 1 from milestone_definition), :now)""")
			.param("code", draft.code())
			.param("name", draft.name().strip())
			.param("kind", kind.name())
			.param("threshold", threshold)
			.param("now", Timestamp.from(clock.instant()))
			.update();
		Milestone created = definitions().stream().filter(m -> m.code().equals(draft.code())).findFirst().orElseThrow();
		audit.record("milestone", created.code(), "created", null, null, created);
		for (String creatorId : activity.creatorIds()) {
			tracker.evaluate(creatorId, List.of(created), Set.of(), null, true);
		}
		return created;
	}

	/** Each milestone with the creator's reachedAt or progress; 404 outside the viewer's regions. */
	public List<CreatorMilestone> of(Viewer viewer, String creatorId) {
		Creator creator = creators.get(viewer, creatorId);
		CreatorTotals totals = activity.totals(creatorId).orElse(null);
		Map<String, Instant> reached = jdbc.sql("select code, reached_at from creator_milestone where creator_id = :c")
			.param("c", creatorId)
			.query((rs, n) -> Map.entry(rs.getString("code"), rs.getTimestamp("reached_at").toInstant()))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		return definitions().stream().map(m -> {
			Instant at = reached.get(m.code());
			Long days = at == null || creator.registeredAt() == null ? null
					: Math.max(0, Duration.between(creator.registeredAt(), at).toDays());
			return new CreatorMilestone(m.code(), m.name(), m.kind(), m.threshold(), at != null, at, days,
					MilestoneRules.total(m.kind(), totals));
		}).toList();
	}

	/** Platform ids of the creators who reached a milestone; 400 naming {@code milestone} when unknown. */
	public Set<String> creatorsWhoReached(String code) {
		if (definitions().stream().noneMatch(m -> m.code().equals(code))) {
			throw new InvalidInputException("milestone", "is not a known milestone: " + code);
		}
		return new LinkedHashSet<>(jdbc.sql("select creator_id from creator_milestone where code = :code order by creator_id")
			.param("code", code)
			.query(String.class)
			.list());
	}

	/** Whether the creator has reached the milestone (unscoped: for schedulers that act on one creator). */
	public boolean reached(String creatorId, String code) {
		return jdbc.sql("select exists (select 1 from creator_milestone where creator_id = :creator and code = :code)")
			.param("creator", creatorId)
			.param("code", code)
			.query(Boolean.class)
			.single();
	}
}
