package com.greenroom.onboarding;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.greenroom.audit.AuditLog;
import com.greenroom.calendar.BusinessCalendar;
import com.greenroom.calendar.BusinessCalendars;
import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorLinks;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Role;
import com.greenroom.identity.Viewer;
import com.greenroom.system.ConflictException;
import com.greenroom.system.NotFoundException;
import com.greenroom.tasks.Task;
import com.greenroom.tasks.TaskDraft;
import com.greenroom.tasks.TaskSource;
import com.greenroom.tasks.TaskStatus;
import com.greenroom.tasks.Tasks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creators' onboarding checklists. A checklist starts once per creator (the unique creator id makes a
 * second start a no-op), takes the current version of the creator's regional variant or the global
 * template, keeps it forever, and creates one task per included step, due on the creator's own timeline
 * (offsets count from the registration, see {@link StepRules#dueFrom}). A step that names a message
 * template sends it to the creator when the step opens ({@link StepMessages}).
 */
@Service
public class Checklists {

	public static final String SOURCE_TYPE = "ONBOARDING_STEP";

	private static final Logger log = LoggerFactory.getLogger(Checklists.class);

	private final JdbcClient jdbc;

	private final OnboardingTemplates templates;

	private final Creators creators;

	private final Tasks tasks;

	private final BusinessCalendars calendars;

	private final AuditLog audit;

	private final Clock clock;

	private final StepMessages messages;

	Checklists(JdbcClient jdbc, OnboardingTemplates templates, Creators creators, Tasks tasks, BusinessCalendars calendars, AuditLog audit,
			Clock clock, StepMessages messages) {
		this.messages = messages;
		this.jdbc = jdbc;
		this.templates = templates;
		this.creators = creators;
		this.tasks = tasks;
		this.calendars = calendars;
		this.audit = audit;
		this.clock = clock;
	}

	/** The creator's checklist if the viewer may see the creator (404 otherwise); empty when none started. */
	public Optional<Checklist> of(Viewer viewer, String creatorId) {
		creators.get(viewer, creatorId);
		return find(creatorId);
	}

	public Optional<Checklist> find(String creatorId) {
		return jdbc.sql("select id, creator_id, region_code, version_id, started_at, started_by from onboarding_checklist where creator_id = :id")
			.param("id", creatorId)
			.query((rs, n) -> new Row(rs.getLong("id"), rs.getString("creator_id"), rs.getString("region_code"), rs.getLong("version_id"),
					rs.getTimestamp("started_at").toInstant(), rs.getString("started_by")))
			.optional()
			.map(this::load);
	}

	/** Starts a checklist by hand; 409 when the creator has one, or no published template applies. */
	@Transactional
	public Checklist start(Viewer viewer, String creatorId) {
		if (!viewer.isAdmin() && !viewer.has(Role.REGIONAL_LEAD) && !viewer.has(Role.CREATOR_MANAGER)) {
			throw new AccessDeniedException("Only admins, regional leads and creator managers start onboarding");
		}
		Creator creator = creators.get(viewer, creatorId);
		Optional<Checklist> existing = find(creatorId);
		if (existing.isPresent()) {
			throw new ConflictException("creatorId", creator.handle() + " already has an onboarding checklist (" + existing.get().templateName()
					+ " v" + existing.get().templateVersion() + ")");
		}
		return startFor(creator, viewer.username())
			.orElseThrow(() -> new ConflictException("template", "No published onboarding template applies to region " + creator.regionCode()));
	}

	/**
	 * Starts the creator's checklist unless one exists (then returns empty, changing nothing): safe to call
	 * again for the same creator, which is what makes the registration listener exactly-once.
	 */
	@Transactional
	public Optional<Checklist> startFor(Creator creator, String startedBy) {
		return begin(creator, startedBy) ? find(creator.creatorId()) : Optional.empty();
	}

	/**
	 * As {@link #startFor}, without reading the new checklist back: whether it started one. The registration
	 * listener's way in (the read back was a fifth of its CPU in the steady feed, docs/benchmarks.md stop 24).
	 */
	@Transactional
	boolean begin(Creator creator, String startedBy) {
		return begin(creator, startedBy, new RegionReads());
	}

	/**
	 * {@link #begin(Creator, String)} with the region's template taken from {@code reads}, which a batch
	 * of registrations shares: the steps' tasks are created, their rows inserted and the tasks' creation audited in
	 * one statement each.
	 */
	@Transactional
	boolean begin(Creator creator, String startedBy, RegionReads reads) {
		Optional<TemplateVersion> current = reads.templates.computeIfAbsent(String.valueOf(creator.regionCode()),
				region -> templates.currentFor(creator.regionCode()));
		if (current.isEmpty()) {
			log.warn("No published onboarding template applies to region {}; creator {} starts without a checklist", creator.regionCode(),
					creator.creatorId());
			return false;
		}
		TemplateVersion version = current.get();
		Instant start = clock.instant();
		Instant dueFrom = StepRules.dueFrom(creator.registeredAt(), start);
		Optional<Long> inserted = jdbc.sql("""
				insert into onboarding_checklist (creator_id, region_code, template_id, version_id, started_at, started_by)
				values (:creator, :region, :template, :version, :now, :by) on conflict (creator_id) do nothing returning id""")
			.param("creator", creator.creatorId())
			.param("region", creator.regionCode())
			.param("template", version.templateId())
			.param("version", version.id())
			.param("now", Timestamp.from(start))
			.param("by", startedBy)
			.query(Long.class)
			.optional();
		if (inserted.isEmpty()) {
			return false;
		}
		long checklistId = inserted.get();
		BusinessCalendar calendar = calendars.of(creator.regionCode());
		Map<String, Instant> dues = StepRules.dues(version.steps(), dueFrom,
				(base, offset, unit) -> unit == DueUnit.BUSINESS_DAYS ? calendar.addBusinessDays(base, offset) : calendar.addDays(base, offset));
		String link = CreatorLinks.page(creator.creatorId());
		List<Step> included = version.steps()
			.stream()
			.filter(step -> step.condition().matches(creator.regionCode(), creator.country(), creator.language()))
			.toList();
		List<Task> created = tasks.createAll(included.stream().map(step -> draft(creator, checklistId, step, dues.get(step.key()), link)).toList());
		if (!included.isEmpty()) {
			jdbc.sql("""
					insert into onboarding_checklist_step (checklist_id, step_id, task_id, due_at)
					select :checklist, s.step_id, s.task_id, s.due_at
					from unnest(cast(:steps as bigint[]), cast(:tasks as bigint[]), cast(:dues as timestamptz[])) as s (step_id, task_id, due_at)""")
				.param("checklist", checklistId)
				.param("steps", included.stream().map(Step::id).toArray(Long[]::new))
				.param("tasks", created.stream().map(Task::id).toArray(Long[]::new))
				.param("dues", created.stream().map(task -> task.dueAt().toString()).toArray(String[]::new))
				.update();
		}
		for (Step step : included) {
			messages.plan(checklistId, creator, step, StepRules.opensAt(step, dues, dueFrom), dues.get(step.key()), start);
		}
		audit.record("onboarding_checklist", creator.creatorId(), "started", creator.regionCode(), null,
				Map.of("template", version.templateName(), "version", version.version(), "steps", included.size()));
		return true;
	}

	/**
	 * What a batch of registrations reads once per region: its current onboarding template. (Its business calendar is
	 * read once per transaction by {@link BusinessCalendars#of}, and a batch is one transaction.)
	 */
	static final class RegionReads {

		private final Map<String, Optional<TemplateVersion>> templates = new HashMap<>();
	}

	/**
	 * A step's task: a creator-manager step goes to the creator's manager when there is one who can own it (enabled,
	 * still in the region; {@link Tasks#createAll} checks); every other step waits in its role's pool in the creator's
	 * region.
	 */
	private static TaskDraft draft(Creator creator, long checklistId, Step step, Instant due, String link) {
		return new TaskDraft(step.title(), new TaskSource(SOURCE_TYPE, checklistId + ":" + step.key(), link), creator.creatorId(),
				creator.regionCode(), null, step.ownerRole(), due);
	}

	private Checklist load(Row row) {
		TemplateVersion version = templates.findVersionById(row.versionId()).orElseThrow();
		record Included(long stepId, long taskId, Instant due) {
		}
		List<Included> included = jdbc.sql("select step_id, task_id, due_at from onboarding_checklist_step where checklist_id = :id")
			.param("id", row.id())
			.query((rs, n) -> new Included(rs.getLong("step_id"), rs.getLong("task_id"), rs.getTimestamp("due_at").toInstant()))
			.list();
		Map<Long, Task> byId = tasks.findAll(included.stream().map(Included::taskId).toList());
		List<Checklist.ChecklistStep> steps = new ArrayList<>();
		int required = 0, resolved = 0, done = 0, skipped = 0, overdue = 0;
		for (Step step : version.steps()) {
			Optional<Included> in = included.stream().filter(i -> i.stepId() == step.id()).findFirst();
			if (in.isEmpty()) {
				continue;
			}
			Task task = byId.get(in.get().taskId());
			if (task == null) {
				continue;
			}
			steps.add(new Checklist.ChecklistStep(step.key(), step.title(), step.guidanceHtml(), step.ownerRole().name(), step.required(),
					task.dueAt(), task.id(), task.status().name(), task.ownerId(), task.ownerName(), task.overdue(), task.completedAt(),
					task.completionNote(), task.skipReason()));
			boolean isResolved = task.status() != TaskStatus.OPEN;
			done += task.status() == TaskStatus.DONE ? 1 : 0;
			skipped += task.status() == TaskStatus.SKIPPED ? 1 : 0;
			overdue += task.overdue() ? 1 : 0;
			if (step.required()) {
				required++;
				resolved += isResolved ? 1 : 0;
			}
		}
		return new Checklist(row.id(), row.creatorId(), row.region(), version.templateId(), version.templateName(), version.region(),
				version.version(), row.startedAt(), row.startedBy(),
				new Checklist.Progress(required, resolved, done, skipped, steps.size(), overdue, resolved == required), steps);
	}

	/** Looks a checklist's creator up for the console. */
	Creator creator(Viewer viewer, String creatorId) {
		return creators.get(viewer, creatorId);
	}

	private record Row(long id, String creatorId, String region, long versionId, Instant startedAt, String startedBy) {
	}

	static NotFoundException notStarted(String creatorId) {
		return new NotFoundException("Onboarding checklist of creator", creatorId);
	}
}
