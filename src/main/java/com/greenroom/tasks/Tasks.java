package com.greenroom.tasks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import com.greenroom.creators.Creator;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating and changing tasks: created by modules ({@link #create(TaskDraft)}) or people; changed only
 * through the task's own transitions by those {@link TaskRights} allows, after the task was loaded within
 * the viewer's regions (another region's task does not exist for them). Every change is audited. Reads
 * for Today, the board and the API are in {@link TaskQueries}.
 */
@Service
public class Tasks {

	private static final int MAX_BULK = 500;

	private final TaskStore store;

	private final Users users;

	private final Regions regions;

	private final Creators creators;

	private final Clock clock;

	Tasks(TaskStore store, Users users, Regions regions, Creators creators, Clock clock) {
		this.store = store;
		this.users = users;
		this.regions = regions;
		this.creators = creators;
		this.clock = clock;
	}

	// ---- creating ------------------------------------------------------------------------------------

	/**
	 * Creates a task on behalf of a module (joins the caller's transaction); the draft is validated. A
	 * manager-role task for a managed creator goes straight to the creator's manager.
	 */
	@Transactional
	public Task create(TaskDraft draft) {
		return createAll(List.of(draft)).get(0);
	}

	/**
	 * {@link #create} for several drafts at once (joins the caller's transaction): each draft validated as there (the
	 * first invalid one refuses them all), the regions, owners and creators each looked up once, the tasks inserted and
	 * their creation audited in one statement each. Answers the tasks in the drafts' order.
	 */
	@Transactional
	public List<Task> createAll(List<TaskDraft> drafts) {
		Map<String, Boolean> knownRegions = new HashMap<>();
		Map<Long, Optional<UserSummary>> owners = new HashMap<>();
		for (TaskDraft draft : drafts) {
			Checks checks = new Checks();
			checks.text(draft.title(), "title", 200);
			checks.require(draft.source() != null, "sourceType", "is required");
			if (draft.source() != null) {
				draft.source().check(checks);
			}
			checks.require(knownRegions.computeIfAbsent(String.valueOf(draft.regionCode()), code -> regions.exists(draft.regionCode())), "region",
					"is not a known region: " + draft.regionCode());
			checkDue(draft.dueAt(), checks);
			checks.require(draft.ownerId() != null || draft.ownerRole() != null, "ownerId", "name an owner (ownerId) or an owner role (ownerRole)");
			checks.require(draft.ownerRole() != Role.INTEGRATION, "ownerRole", "is not a role that owns work");
			checks.throwIfAny();
			if (draft.ownerId() != null) {
				checkOwner(owners.computeIfAbsent(draft.ownerId(), users::find), draft.ownerId(), draft.regionCode(), "ownerId");
			}
		}
		List<String> unrouted = drafts.stream()
			.filter(Tasks::goesToTheManager)
			.map(TaskDraft::creatorId)
			.distinct()
			.toList();
		Map<String, Creator> managed = unrouted.isEmpty() ? Map.of() : creators.findAll(unrouted);
		List<TaskDraft> routed = new ArrayList<>(drafts.size());
		for (TaskDraft draft : drafts) {
			Creator creator = goesToTheManager(draft) ? managed.get(draft.creatorId()) : null;
			Long manager = creator == null ? null : creator.managerId();
			if (manager != null && !canOwn(owners.computeIfAbsent(manager, users::find), manager, draft.regionCode())) {
				manager = null;
			}
			routed.add(manager == null ? draft : new TaskDraft(draft.title(), draft.source(), draft.creatorId(), draft.regionCode(), manager,
					draft.ownerRole(), draft.dueAt()));
		}
		return store.insertAll(routed, currentActor());
	}

	/** A due time is required and within what PostgreSQL and the console read back: 1970 to 9999. */
	private static void checkDue(Instant dueAt, Checks checks) {
		checks.require(dueAt != null, "dueAt", "is required (an RFC 3339 timestamp)");
		checks.require(dueAt == null || dueAt.getEpochSecond() > 0 && dueAt.getEpochSecond() < 253402300799L, "dueAt",
				"must be between 1970 and 9999");
	}

	/** A manager-role draft for a creator without a named owner: it goes to the creator's manager, if she can own it. */
	private static boolean goesToTheManager(TaskDraft draft) {
		return draft.ownerId() == null && draft.ownerRole() == Role.CREATOR_MANAGER && draft.creatorId() != null;
	}

	/** A to-do a person adds by hand; owner defaults to them, region to the creator's. */
	@Transactional
	public Task createManual(Viewer viewer, ManualTask manual) {
		if (!viewer.isAdmin() && !viewer.has(Role.REGIONAL_LEAD) && !viewer.has(Role.CREATOR_MANAGER)) {
			throw new AccessDeniedException("Only admins, regional leads and creator managers add tasks");
		}
		Checks checks = new Checks();
		Role role = manual.ownerRole() == null ? null : parseRole(manual.ownerRole(), "ownerRole", checks);
		checks.throwIfAny();
		String region = Checks.blankToNull(manual.region());
		if (manual.creatorId() != null && !manual.creatorId().isBlank()) {
			Creator creator = creators.get(viewer, manual.creatorId());
			if (region != null && !region.equals(creator.regionCode())) {
				throw new InvalidInputException("region", "differs from the creator's region " + creator.regionCode());
			}
			region = creator.regionCode();
		}
		if (region == null) {
			throw new InvalidInputException("region", "is required when no creatorId is given");
		}
		if (!viewer.canSee(region)) {
			throw new InvalidInputException("region", "is not one of your regions: " + region);
		}
		Long owner = manual.ownerId() == null && role == null ? Long.valueOf(viewer.userId()) : manual.ownerId();
		return create(new TaskDraft(manual.title(), TaskSource.manual(manual.sourceUrl()), Checks.blankToNull(manual.creatorId()), region,
				owner, role, manual.dueAt()));
	}

	// ---- reading one ---------------------------------------------------------------------------------

	/** The task if the viewer may see its region; otherwise 404. */
	public Task get(Viewer viewer, long id) {
		return store.find(id).filter(t -> viewer.canSee(t.regionCode())).orElseThrow(() -> new NotFoundException("Task", id));
	}

	/** Unscoped lookup for modules (onboarding reads its step tasks back). */
	public Optional<Task> find(long id) {
		return store.find(id);
	}

	/** Unscoped lookup of many tasks by id, for modules. */
	public Map<Long, Task> findAll(Collection<Long> ids) {
		return store.findAll(ids).stream().collect(Collectors.toMap(Task::id, t -> t));
	}

	/** Whether the viewer may complete, skip, reassign, reschedule or reopen the task. */
	public boolean mayChange(Viewer viewer, Task task) {
		return TaskRights.mayChange(viewer, task);
	}

	/** Whether the viewer may claim the (unclaimed) task. */
	public boolean mayClaim(Viewer viewer, Task task) {
		return TaskRights.mayClaim(viewer, task);
	}

	/**
	 * The viewer's time zone for "today": an explicit {@code tz} wins, else the user's own zone, else
	 * their first region's (by code), else UTC.
	 */
	public ZoneId zoneOf(Viewer viewer, String explicit) {
		if (explicit != null && !explicit.isBlank()) {
			if (!Checks.isTimeZone(explicit)) {
				throw new InvalidInputException("tz", "must be an IANA time zone such as Asia/Singapore");
			}
			return ZoneId.of(explicit);
		}
		return users.timeZoneOf(viewer);
	}

	// ---- changing ------------------------------------------------------------------------------------

	@Transactional
	public Task claim(Viewer viewer, long id) {
		Task before = lockVisible(viewer, id);
		if (before.open() && java.util.Objects.equals(before.ownerId(), viewer.userId())) {
			return before;
		}
		TaskRights.requireClaim(viewer, before);
		return store.save(before, before.claimBy(viewer.userId()), "claimed");
	}

	@Transactional
	public Task complete(Viewer viewer, long id, String note) {
		new Checks().optionalText(note, "note", 2000).throwIfAny();
		return change(viewer, id, "completed", t -> t.completeBy(viewer.userId(), Checks.blankToNull(note), clock.instant()));
	}

	@Transactional
	public Task skip(Viewer viewer, long id, String reason) {
		new Checks().text(reason, "reason", 2000).throwIfAny();
		return change(viewer, id, "skipped", t -> t.skipBy(viewer.userId(), reason.strip(), clock.instant()));
	}

	/** Hands a task to a user of its region, or back to a role's pool ({@code ownerRole}). */
	@Transactional
	public Task reassign(Viewer viewer, long id, Long ownerId, String ownerRole) {
		Checks checks = new Checks();
		checks.require(ownerId != null ^ (ownerRole != null && !ownerRole.isBlank()), "ownerId",
				"name either a new owner (ownerId) or a role to put the task back to (ownerRole)");
		Role role = ownerRole == null || ownerRole.isBlank() ? null : parseRole(ownerRole, "ownerRole", checks);
		checks.throwIfAny();
		Task before = lockVisible(viewer, id);
		TaskRights.requireChange(viewer, before);
		if (ownerId != null) {
			checkOwner(ownerId, before.regionCode(), "ownerId");
			return store.save(before, before.assignTo(ownerId), "reassigned");
		}
		return store.save(before, before.returnTo(role), "reassigned");
	}

	/** Snoozes (or brings forward) an open task to a new due time, with a reason. */
	@Transactional
	public Task reschedule(Viewer viewer, long id, Instant dueAt, String reason) {
		Checks checks = new Checks();
		checkDue(dueAt, checks);
		checks.text(reason, "reason", 2000);
		checks.throwIfAny();
		return change(viewer, id, "rescheduled", t -> t.reschedule(dueAt, reason.strip()));
	}

	/** Opens a done or skipped task again. */
	@Transactional
	public Task reopen(Viewer viewer, long id) {
		return change(viewer, id, "reopened", Task::reopen);
	}

	/** Applies one action to many tasks: all of them, or (on the first refusal) none. */
	@Transactional
	public List<Task> bulk(Viewer viewer, BulkAction action) {
		if (action.ids() == null || action.ids().isEmpty()) {
			throw new InvalidInputException("ids", "select at least one task");
		}
		if (action.ids().size() > MAX_BULK) {
			throw new InvalidInputException("ids", "at most " + MAX_BULK + " tasks at a time");
		}
		String verb = action.action() == null ? "" : action.action().strip().toLowerCase(Locale.ROOT);
		Checks checks = new Checks();
		checks.require(List.of("claim", "complete", "skip", "reassign", "reschedule").contains(verb), "action",
				"must be claim, complete, skip, reassign or reschedule");
		if (verb.equals("skip") || verb.equals("reschedule")) {
			checks.text(action.reason(), "reason", 2000);
		}
		if (verb.equals("reschedule")) {
			checks.require(action.dueAt() != null, "dueAt", "is required (an RFC 3339 timestamp)");
		}
		checks.throwIfAny();
		List<Task> changed = new ArrayList<>();
		List<Long> ids = action.ids().stream().distinct().toList();
		for (int i = 0; i < ids.size(); i++) {
			long id = ids.get(i);
			try {
				changed.add(switch (verb) {
					case "claim" -> claim(viewer, id);
					case "complete" -> complete(viewer, id, action.note());
					case "skip" -> skip(viewer, id, action.reason());
					case "reschedule" -> reschedule(viewer, id, action.dueAt(), action.reason());
					default -> reassign(viewer, id, action.ownerId(), action.ownerRole());
				});
			}
			catch (ConflictException ex) {
				throw new ConflictException("ids[" + i + "]", ex.getMessage() + "; nothing was changed");
			}
			catch (NotFoundException ex) {
				throw new InvalidInputException("ids[" + i + "]", "task " + id + " does not exist; nothing was changed");
			}
			catch (AccessDeniedException ex) {
				throw new AccessDeniedException("Task " + id + ": " + ex.getMessage() + "; nothing was changed", ex);
			}
		}
		return changed;
	}

	private Task change(Viewer viewer, long id, String action, UnaryOperator<Task> transition) {
		Task before = lockVisible(viewer, id);
		TaskRights.requireChange(viewer, before);
		return store.save(before, transition.apply(before), action);
	}

	private Task lockVisible(Viewer viewer, long id) {
		return store.lock(id).filter(t -> viewer.canSee(t.regionCode())).orElseThrow(() -> new NotFoundException("Task", id));
	}

	// ---- owners --------------------------------------------------------------------------------------

	/** Whether a user could own a task in the region (enabled, a person, working there). */
	public boolean canOwn(long userId, String regionCode) {
		return canOwn(users.find(userId), userId, regionCode);
	}

	private static boolean canOwn(Optional<UserSummary> user, long userId, String regionCode) {
		try {
			checkOwner(user, userId, regionCode, "ownerId");
			return true;
		}
		catch (InvalidInputException ex) {
			return false;
		}
	}

	private void checkOwner(long ownerId, String regionCode, String field) {
		checkOwner(users.find(ownerId), ownerId, regionCode, field);
	}

	private static void checkOwner(Optional<UserSummary> user, long ownerId, String regionCode, String field) {
		UserSummary owner = user.orElseThrow(() -> new InvalidInputException(field, "is not a known user: " + ownerId));
		if (!owner.enabled()) {
			throw new InvalidInputException(field, owner.username() + " is disabled");
		}
		if (!owner.isAdmin() && !owner.regions().contains(regionCode)) {
			throw new InvalidInputException(field, owner.username() + " does not work in region " + regionCode);
		}
		if (owner.roles().equals(List.of(Role.INTEGRATION))) {
			throw new InvalidInputException(field, owner.username() + " is an integration, not a person");
		}
	}

	/** A role that can own work: any but INTEGRATION. */
	static Role parseRole(String value, String field, Checks checks) {
		Optional<Role> role = Role.parse(value == null ? "" : value.strip()).filter(r -> r != Role.INTEGRATION);
		checks.require(role.isPresent(), field, "is not a role that owns work; use one of "
				+ Arrays.stream(Role.values()).filter(r -> r != Role.INTEGRATION).map(Role::name).toList());
		return role.orElse(null);
	}

	private static String currentActor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication == null || !authentication.isAuthenticated() ? "system" : authentication.getName();
	}

	// ---- shapes --------------------------------------------------------------------------------------

	/** A to-do added by a person. */
	public record ManualTask(String title, String creatorId, String region, Long ownerId, String ownerRole, Instant dueAt,
			String sourceUrl) {
	}

	/**
	 * One action on many tasks: {@code claim}, {@code complete} (optional note), {@code skip} (reason),
	 * {@code reassign} (ownerId or ownerRole) or {@code reschedule} (dueAt and reason).
	 */
	public record BulkAction(List<Long> ids, String action, String note, String reason, Long ownerId, String ownerRole, Instant dueAt) {
	}
}
