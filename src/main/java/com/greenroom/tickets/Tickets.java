package com.greenroom.tickets;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.greenroom.audit.AuditLog;
import com.greenroom.creators.Creator;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.notifications.Notice;
import com.greenroom.notifications.NoticeKind;
import com.greenroom.notifications.Notifications;
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
 * Opening and changing tickets. Modules open tickets with {@link #open(TicketDraft)}; people act through
 * the API and console, only on tickets of their regions (another region's ticket does not exist for them),
 * and only if their role works tickets (analysts read). Every change is validated before anything is
 * written, goes into the ticket's history and the audit log, and re-arms the ticket's SLA timers.
 */
@Service
public class Tickets {

	static final int MAX_BULK = 500;

	private final TicketStore store;

	private final TicketClocks clocks;

	private final SlaClocks slas;

	private final EscalationMap map;

	private final Creators creators;

	private final Regions regions;

	private final Users users;

	private final AuditLog audit;

	private final Notifications notifications;

	private final Clock clock;

	Tickets(TicketStore store, TicketClocks clocks, SlaClocks slas, EscalationMap map, Creators creators, Regions regions, Users users,
			AuditLog audit,
			Notifications notifications, Clock clock) {
		this.store = store;
		this.clocks = clocks;
		this.slas = slas;
		this.map = map;
		this.creators = creators;
		this.regions = regions;
		this.users = users;
		this.audit = audit;
		this.notifications = notifications;
		this.clock = clock;
	}

	// ---- opening -------------------------------------------------------------------------------------

	/**
	 * Opens a ticket on behalf of a module (joins the caller's transaction): the draft is validated, the
	 * region defaults to the creator's, the priority to P3, the owner role comes from the escalation map.
	 */
	@Transactional
	public Ticket open(TicketDraft draft) {
		Checks checks = new Checks();
		String region = checkDraft(draft, checks);
		checks.throwIfAny();
		Instant now = clock.instant();
		return view(insert(draft, region, null, now, List.of(new StatusChange(TicketStatus.NEW, now)), null, null, List.of(), false));
	}

	/** A ticket a person opens in the console or over the API, optionally assigned and tagged. */
	@Transactional
	public Ticket create(Viewer viewer, NewTicket request) {
		requireWorker(viewer);
		Checks checks = new Checks();
		Priority priority = parsePriority(request.priority(), "priority", checks, true);
		TicketDraft draft = new TicketDraft(request.subject(), request.description(), Checks.blankToNull(request.creatorId()),
				Checks.blankToNull(request.region()), request.category(), priority,
				request.source() == null || request.source().isBlank() ? "API" : request.source().strip());
		if (draft.creatorId() != null && creators.find(draft.creatorId()).filter(c -> viewer.canSee(c.regionCode())).isEmpty()) {
			checks.require(false, "creatorId", "is not a creator you can see: " + draft.creatorId());
		}
		String region = checkDraft(draft, checks);
		checks.require(region == null || viewer.canSee(region), "region", "is not one of your regions: " + region);
		List<String> tags = tags(request.tags(), checks);
		checks.throwIfAny();
		if (request.assigneeId() != null) {
			checkAssignee(request.assigneeId(), region, "assigneeId");
		}
		Instant now = clock.instant();
		TicketRow row = insert(draft, region, null, now, List.of(new StatusChange(TicketStatus.NEW, now)), null, request.assigneeId(), tags,
				false);
		if (row.assigneeId() != null) {
			tellAssignee(viewer, row);
		}
		return view(row);
	}

	/**
	 * One checked import line in its own transaction: the ticket as it was in the other helpdesk, its SLA
	 * computed from its own history, nothing already due announced.
	 */
	@Transactional
	public Ticket importOne(TicketImport.ImportLine line) {
		Checks checks = new Checks();
		String region = checkDraft(line.draft(), checks);
		checks.require(region == null || line.viewer().canSee(region), "region", "is not one of your regions: " + region);
		if (line.draft().creatorId() != null && creators.find(line.draft().creatorId()).filter(c -> line.viewer().canSee(c.regionCode())).isEmpty()) {
			checks.require(false, "creatorId", "is not a creator you can see: " + line.draft().creatorId());
		}
		checks.throwIfAny();
		TicketRow row = insert(line.draft(), region, line.externalId(), line.openedAt(), line.history(), line.firstResponseAt(), null, line.tags(),
				true);
		if (line.outcome() != null && row.status().done()) {
			store.save(withOutcome(row, line.outcome().strip()));
		}
		return view(store.find(row.id()).orElseThrow());
	}

	/** Checks a draft and answers its region (the creator's when not given). */
	private String checkDraft(TicketDraft draft, Checks checks) {
		checks.text(draft.subject(), "subject", 200);
		checks.optionalText(draft.description(), "description", 20000);
		checks.optionalText(draft.category(), "category", 100);
		checks.optionalText(draft.source(), "source", 100);
		String region = Checks.blankToNull(draft.region());
		if (draft.creatorId() != null) {
			Creator creator = creators.find(draft.creatorId()).orElse(null);
			checks.require(creator != null, "creatorId", "is not a known creator: " + draft.creatorId());
			if (creator != null) {
				checks.require(region == null || region.equals(creator.regionCode()), "region",
						"differs from the creator's region " + creator.regionCode());
				region = creator.regionCode();
			}
		}
		if (region == null) {
			checks.require(false, "region", "is required when no creatorId is given");
		}
		else {
			checks.require(regions.exists(region), "region", "is not a known region: " + region);
		}
		return region;
	}

	/** Writes a new ticket with its history, audit entry and timers; the draft is already checked. */
	TicketRow insert(TicketDraft draft, String region, String externalId, Instant openedAt, List<StatusChange> history, Instant firstResponseAt,
			Long assigneeId, List<String> tags, boolean quiet) {
		Priority priority = draft.priority() == null ? Priority.P3 : draft.priority();
		EscalationPolicy policy = map.of(priority);
		TicketStatus status = history.stream().max(java.util.Comparator.comparing(StatusChange::at)).map(StatusChange::status)
			.orElse(TicketStatus.NEW);
		TicketRow row = new TicketRow(0, externalId, draft.subject().strip(), draft.description() == null ? "" : draft.description().strip(),
				draft.creatorId(), region, draft.category() == null ? "" : draft.category().strip(), priority, status, assigneeId, null,
				policy.ownerRole(), tags, draft.source() == null || draft.source().isBlank() ? "MODULE" : draft.source().strip(), null, openedAt,
				firstResponseAt, null, history, 1, openedAt);
		TicketRow placed = SlaClock.of(openedAt, history, firstResponseAt, policy.targets(), WorkingTime.always()).resolvedAt() == null ? row
				: resolvedAt(row, SlaClock.of(openedAt, history, firstResponseAt, policy.targets(), WorkingTime.always()).resolvedAt());
		long id = store.insert(placed, externalId, actor());
		TicketRow saved = store.find(id).orElseThrow();
		store.history(id, clock.instant(), actor(), externalId == null ? "opened" : "imported",
				priority + " in " + region + (externalId == null ? "" : " from " + externalId));
		audit.record("ticket", id, externalId == null ? "opened" : "imported", region, null, auditView(saved));
		clocks.rearm(saved, quiet);
		return saved;
	}

	private static TicketRow resolvedAt(TicketRow row, Instant resolvedAt) {
		return new TicketRow(row.id(), row.externalId(), row.subject(), row.description(), row.creatorId(), row.region(), row.category(),
				row.priority(), row.status(), row.assigneeId(), row.assigneeName(), row.ownerRole(), row.tags(), row.source(), row.outcome(),
				row.openedAt(), row.firstResponseAt(), resolvedAt, row.statusHistory(), row.slaVersion(), row.updatedAt());
	}

	// ---- reading -------------------------------------------------------------------------------------

	/** The ticket if the viewer may see its region; otherwise 404. */
	public Ticket get(Viewer viewer, long id) {
		return view(visible(viewer, id));
	}

	/** The ticket with its comments and history. */
	public TicketDetail detail(Viewer viewer, long id) {
		TicketRow row = visible(viewer, id);
		return new TicketDetail(view(row), store.commentsOf(id), store.historyOf(id));
	}

	/** Tickets about one creator, newest first (unscoped: callers have checked the creator is visible). */
	public List<Ticket> ofCreator(String creatorId, int limit) {
		return store.ofCreator(creatorId, limit).stream().map(this::view).toList();
	}

	/**
	 * Tickets of a region opened in {@code [from, to)}, oldest first, each with its SLA as of now, at most 10,000
	 * (unscoped: callers have checked the viewer sees the region). For reports such as the weekly review.
	 */
	public List<Ticket> openedIn(String region, Instant from, Instant to) {
		return store.openedIn(region, from, to, 10_000).stream().map(this::view).toList();
	}

	/** Whether the viewer works tickets (opens, replies, changes); analysts only read. */
	public boolean mayWork(Viewer viewer) {
		return viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD) || viewer.has(Role.CREATOR_MANAGER) || viewer.has(Role.SAFETY);
	}

	Ticket view(TicketRow row) {
		return view(row, slas.sla(row));
	}

	Ticket view(TicketRow row, Sla sla) {
		return new Ticket(row.id(), row.externalId(), row.subject(), row.description(), row.creatorId(), row.region(), row.category(),
				row.priority(), row.status(), row.assigneeId(), row.assigneeName(), row.ownerRole(), row.tags(), row.source(), row.outcome(),
				row.openedAt(), row.firstResponseAt(), row.resolvedAt(), row.statusHistory(), store.linksOf(row.id()), sla, row.updatedAt());
	}

	private TicketRow visible(Viewer viewer, long id) {
		return store.find(id).filter(t -> viewer.canSee(t.region())).orElseThrow(() -> new NotFoundException("Ticket", id));
	}

	private TicketRow lockVisible(Viewer viewer, long id) {
		return store.lock(id).filter(t -> viewer.canSee(t.region())).orElseThrow(() -> new NotFoundException("Ticket", id));
	}

	// ---- changing ------------------------------------------------------------------------------------

	/**
	 * Applies a partial change: fields left null stay as they are. Everything is checked before anything is
	 * written; a status the lifecycle forbids is refused (409, naming {@code status}); resolving needs an
	 * {@code outcome}; {@code assignee} is {@code me}, {@code none} or a user id.
	 */
	@Transactional
	public Ticket update(Viewer viewer, long id, TicketChanges changes) {
		requireWorker(viewer);
		TicketRow before = lockVisible(viewer, id);
		Checks checks = new Checks();
		if (changes.subject() != null) {
			checks.text(changes.subject(), "subject", 200);
		}
		checks.optionalText(changes.description(), "description", 20000);
		checks.optionalText(changes.category(), "category", 100);
		checks.optionalText(changes.outcome(), "outcome", 2000);
		Priority priority = parsePriority(changes.priority(), "priority", checks, false);
		TicketStatus status = null;
		if (changes.status() != null) {
			status = TicketStatus.parse(changes.status());
			checks.require(status != null, "status", "is not a status; use one of " + List.of(TicketStatus.values()));
		}
		Role ownerRole = null;
		if (changes.ownerRole() != null) {
			ownerRole = EscalationMap.role(changes.ownerRole());
			checks.require(ownerRole != null, "ownerRole", "is not a role that owns work");
		}
		List<String> tags = changes.tags() == null ? null : tags(changes.tags(), checks);
		Long assignee = changes.assignee() == null ? null : parseAssignee(viewer, changes.assignee(), checks);
		boolean unassign = changes.assignee() != null && changes.assignee().strip().equalsIgnoreCase("none");
		List<Long> addLinks = changes.addLinks() == null ? List.of() : changes.addLinks();
		for (int i = 0; i < addLinks.size(); i++) {
			Long other = addLinks.get(i);
			checks.require(other != null && other != id && store.find(other).filter(t -> viewer.canSee(t.region())).isPresent(),
					"addLinks[" + i + "]",
					"is not another ticket you can see: " + other);
		}
		checks.throwIfAny();
		if (status != null && status != before.status() && !before.status().mayBecome(status)) {
			throw new ConflictException("status", "a " + before.status() + " ticket cannot become " + status + "; it may become "
					+ (before.status().next().isEmpty() ? "nothing (closed is final)" : before.status().next()));
		}
		String outcome = changes.outcome() != null ? Checks.blankToNull(changes.outcome()) : before.outcome();
		if (status == TicketStatus.RESOLVED && status != before.status() && outcome == null) {
			throw new InvalidInputException("outcome", "is required to resolve a ticket: say what was done");
		}
		if (assignee != null) {
			checkAssignee(assignee, before.region(), "assignee");
		}
		Instant now = clock.instant();
		String actor = actor();
		TicketRow row = before;
		List<String> said = new ArrayList<>();
		if (status != null && status != before.status()) {
			row = row.moveTo(status, now, status.done() ? outcome : null);
			said.add("status " + before.status() + " → " + status);
		}
		else if (changes.outcome() != null && before.status().done()) {
			row = withOutcome(row, outcome);
		}
		boolean newVersion = priority != null && priority != before.priority();
		Long newAssignee = unassign ? null : assignee != null ? assignee : row.assigneeId();
		row = new TicketRow(row.id(), row.externalId(), changes.subject() == null ? row.subject() : changes.subject().strip(),
				changes.description() == null ? row.description() : changes.description().strip(),
				row.creatorId(), row.region(), changes.category() == null ? row.category() : changes.category().strip(),
				priority == null ? row.priority() : priority, row.status(), newAssignee, row.assigneeName(),
				ownerRole == null ? row.ownerRole() : ownerRole.name(), tags == null ? row.tags() : tags, row.source(), row.outcome(),
				row.openedAt(), row.firstResponseAt(), row.resolvedAt(), row.statusHistory(),
				newVersion ? row.slaVersion() + 1 : row.slaVersion(), row.updatedAt());
		if (newVersion) {
			said.add("priority " + before.priority() + " → " + priority);
		}
		if (!Objects.equals(newAssignee, before.assigneeId())) {
			said.add(newAssignee == null ? "unassigned" : "assigned to " + users.find(newAssignee).map(UserSummary::displayName).orElse("?"));
		}
		if (ownerRole != null && !ownerRole.name().equals(before.ownerRole())) {
			said.add("owner role " + before.ownerRole() + " → " + ownerRole);
		}
		if (changes.subject() != null || changes.description() != null || changes.category() != null || tags != null) {
			said.add("details edited");
		}
		store.save(row);
		for (Long other : addLinks) {
			if (store.link(id, other)) {
				said.add("linked to #" + other);
				store.history(other, now, actor, "linked", "linked to #" + id);
			}
		}
		for (Long other : changes.removeLinks() == null ? List.<Long>of() : changes.removeLinks()) {
			if (other != null && store.unlink(id, other)) {
				said.add("unlinked from #" + other);
			}
		}
		if (said.isEmpty()) {
			return view(before);
		}
		store.history(id, now, actor, status != null && status != before.status() ? status.name().toLowerCase(Locale.ROOT) : "changed",
				String.join("; ", said) + (status == TicketStatus.RESOLVED && outcome != null ? ". Outcome: " + outcome : ""));
		TicketRow after = store.find(id).orElseThrow();
		audit.record("ticket", id, "updated", after.region(), auditView(before), auditView(after));
		if (newVersion) {
			clocks.retire(id, before.slaVersion());
		}
		clocks.rearm(after, false);
		if (after.assigneeId() != null && !after.assigneeId().equals(before.assigneeId())) {
			tellAssignee(viewer, after);
		}
		return view(after);
	}

	/**
	 * Adds a note or a reply. The first reply to the creator is the ticket's first response (a new ticket
	 * becomes open with it); a closed ticket takes no reply.
	 */
	@Transactional
	public TicketComment comment(Viewer viewer, long id, CommentDraft draft) {
		requireWorker(viewer);
		Checks checks = new Checks();
		CommentKind kind = null;
		String kindText = draft.kind() == null ? "" : draft.kind().strip().toUpperCase(Locale.ROOT);
		for (CommentKind k : CommentKind.values()) {
			kind = k.name().equals(kindText) ? k : kind;
		}
		checks.require(kind != null, "kind", "must be NOTE (internal) or REPLY (to the creator)");
		checks.text(draft.body(), "body", 20000);
		checks.throwIfAny();
		TicketRow before = lockVisible(viewer, id);
		if (kind == CommentKind.REPLY && before.status() == TicketStatus.CLOSED) {
			throw new ConflictException("kind", "ticket #" + id + " is closed: it takes no reply");
		}
		Instant now = clock.instant();
		TicketComment comment = store.comment(id, kind, draft.body().strip(), viewer.userId(), viewer.displayName(), now);
		TicketRow row = before;
		if (kind == CommentKind.REPLY) {
			if (row.firstResponseAt() == null) {
				row = new TicketRow(row.id(), row.externalId(), row.subject(), row.description(), row.creatorId(), row.region(), row.category(),
						row.priority(), row.status(), row.assigneeId(), row.assigneeName(), row.ownerRole(), row.tags(), row.source(), row.outcome(),
						row.openedAt(), now, row.resolvedAt(), row.statusHistory(), row.slaVersion(), row.updatedAt());
			}
			if (row.status() == TicketStatus.NEW) {
				row = row.moveTo(TicketStatus.OPEN, now, null);
			}
			store.save(row);
		}
		store.history(id, now, actor(), kind == CommentKind.REPLY ? "replied" : "noted",
				(before.firstResponseAt() == null && kind == CommentKind.REPLY ? "first response; " : "") + abbreviate(draft.body().strip()));
		audit.record("ticket", id, kind == CommentKind.REPLY ? "replied" : "noted", before.region(), null,
				Map.of("commentId", comment.id(), "kind", kind.name()));
		if (kind == CommentKind.REPLY) {
			clocks.rearm(store.find(id).orElseThrow(), false);
		}
		return comment;
	}

	/**
	 * One action on many tickets, all or none: {@code assign} (assignee: me, none or a user id),
	 * {@code priority} (P1 to P3) or {@code close} (resolves open tickets with the given outcome, then
	 * closes them).
	 */
	@Transactional
	public List<Ticket> bulk(Viewer viewer, BulkChange change) {
		requireWorker(viewer);
		Checks checks = new Checks();
		checks.require(change.ids() != null && !change.ids().isEmpty(), "ids", "select at least one ticket");
		checks.require(change.ids() == null || change.ids().size() <= MAX_BULK, "ids", "at most " + MAX_BULK + " tickets at a time");
		String action = change.action() == null ? "" : change.action().strip().toLowerCase(Locale.ROOT);
		checks.require(List.of("assign", "priority", "close").contains(action), "action", "must be assign, priority or close");
		if (action.equals("assign")) {
			checks.require(change.assignee() != null && !change.assignee().isBlank(), "assignee", "is required: me, none or a user id");
		}
		if (action.equals("priority")) {
			parsePriority(change.priority(), "priority", checks, false);
			checks.require(change.priority() != null, "priority", "is required: P1, P2 or P3");
		}
		checks.throwIfAny();
		List<Long> ids = change.ids().stream().distinct().toList();
		List<Ticket> changed = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			long id = ids.get(i);
			try {
				changed.add(switch (action) {
					case "assign" -> update(viewer, id, TicketChanges.assign(change.assignee()));
					case "priority" -> update(viewer, id, TicketChanges.priority(change.priority()));
					default -> close(viewer, id, change.outcome());
				});
			}
			catch (NotFoundException ex) {
				throw new InvalidInputException("ids[" + i + "]", "ticket " + id + " does not exist; nothing was changed");
			}
			catch (ConflictException | InvalidInputException ex) {
				throw new ConflictException("ids[" + i + "]", "ticket " + id + ": " + ex.getMessage() + "; nothing was changed");
			}
		}
		return changed;
	}

	private Ticket close(Viewer viewer, long id, String outcome) {
		TicketRow row = lockVisible(viewer, id);
		if (row.status() == TicketStatus.CLOSED) {
			return view(row);
		}
		if (row.active()) {
			update(viewer, id, new TicketChanges(null, null, null, null, TicketStatus.RESOLVED.name(), null, null, null, outcome, null, null));
		}
		return update(viewer, id, new TicketChanges(null, null, null, null, TicketStatus.CLOSED.name(), null, null, null, null, null, null));
	}

	// ---- helpers -------------------------------------------------------------------------------------

	private void requireWorker(Viewer viewer) {
		if (!mayWork(viewer)) {
			throw new AccessDeniedException("Only admins, regional leads, creator managers and trust & safety work tickets");
		}
	}

	static Priority parsePriority(String value, String field, Checks checks, boolean optional) {
		if (value == null || value.isBlank()) {
			checks.require(optional || value == null, field, "is not a priority; use P1, P2 or P3");
			return null;
		}
		Priority priority = Priority.parse(value);
		checks.require(priority != null, field, "is not a priority; use P1, P2 or P3");
		return priority;
	}

	private Long parseAssignee(Viewer viewer, String value, Checks checks) {
		String text = value.strip().toLowerCase(Locale.ROOT);
		if (text.equals("me")) {
			return viewer.userId();
		}
		if (text.equals("none")) {
			return null;
		}
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			checks.require(false, "assignee", "must be me, none or a user id");
			return null;
		}
	}

	private void checkAssignee(long userId, String region, String field) {
		UserSummary user = users.find(userId).orElseThrow(() -> new InvalidInputException(field, "is not a known user: " + userId));
		if (!user.enabled()) {
			throw new InvalidInputException(field, user.username() + " is disabled");
		}
		if (!user.isAdmin() && !user.regions().contains(region)) {
			throw new InvalidInputException(field, user.username() + " does not work in region " + region);
		}
		if (user.roles().stream().noneMatch(r -> r != Role.INTEGRATION && r != Role.ANALYST)) {
			throw new InvalidInputException(field, user.username() + " does not work tickets");
		}
	}

	private void tellAssignee(Viewer viewer, TicketRow row) {
		if (row.assigneeId() != null && row.assigneeId() != viewer.userId()) {
			notifications.notify(new Notice(row.assigneeId(), NoticeKind.ASSIGNED, "Ticket #" + row.id() + " assigned to you: " + row.subject(),
					row.priority() + " in " + row.region() + ", assigned by " + viewer.displayName(), "/tickets/" + row.id(),
					"ticket:" + row.id() + ":assigned:" + clock.instant().toEpochMilli()));
		}
	}

	static List<String> tags(List<String> given, Checks checks) {
		if (given == null) {
			return List.of();
		}
		LinkedHashSet<String> tags = new LinkedHashSet<>();
		for (int i = 0; i < given.size(); i++) {
			String tag = given.get(i) == null ? "" : given.get(i).strip().toLowerCase(Locale.ROOT);
			checks.require(tag.matches("[\\p{L}\\p{N}][\\p{L}\\p{N}_.-]{0,49}"), "tags[" + i + "]",
					"must be 1 to 50 letters, digits, _ . or -, starting with a letter or digit");
			tags.add(tag);
		}
		checks.require(tags.size() <= 20, "tags", "at most 20 tags");
		return List.copyOf(tags);
	}

	private static TicketRow withOutcome(TicketRow row, String outcome) {
		return new TicketRow(row.id(), row.externalId(), row.subject(), row.description(), row.creatorId(), row.region(), row.category(),
				row.priority(), row.status(), row.assigneeId(), row.assigneeName(), row.ownerRole(), row.tags(), row.source(), outcome,
				row.openedAt(), row.firstResponseAt(), row.resolvedAt(), row.statusHistory(), row.slaVersion(), row.updatedAt());
	}

	private static Map<String, Object> auditView(TicketRow row) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("subject", row.subject());
		view.put("priority", row.priority().name());
		view.put("status", row.status().name());
		view.put("assigneeId", row.assigneeId());
		view.put("ownerRole", row.ownerRole());
		view.put("category", row.category());
		view.put("tags", row.tags());
		view.put("outcome", row.outcome());
		view.put("creatorId", row.creatorId());
		return view;
	}

	private static String abbreviate(String text) {
		return text.length() <= 200 ? text : text.substring(0, 199) + "…";
	}

	static String actor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication == null || !authentication.isAuthenticated() ? "system" : authentication.getName();
	}

	// ---- shapes --------------------------------------------------------------------------------------

	/** A ticket a person opens: the draft's fields, plus an optional assignee and tags. */
	public record NewTicket(String subject, String description, String creatorId, String region, String category, String priority,
			Long assigneeId, List<String> tags, String source) {
	}

	/** A partial change of a ticket; null leaves a field as it is. */
	public record TicketChanges(String subject, String description, String category, String priority, String status, String assignee,
			String ownerRole, List<String> tags, String outcome, List<Long> addLinks, List<Long> removeLinks) {

		static TicketChanges assign(String assignee) {
			return new TicketChanges(null, null, null, null, null, assignee, null, null, null, null, null);
		}

		static TicketChanges priority(String priority) {
			return new TicketChanges(null, null, null, priority, null, null, null, null, null, null, null);
		}
	}

	/** A note ({@code NOTE}) or a reply to the creator ({@code REPLY}). */
	public record CommentDraft(String kind, String body) {
	}

	/** One action on many tickets: assign (assignee), priority (priority) or close (outcome for open ones). */
	public record BulkChange(List<Long> ids, String action, String assignee, String priority, String outcome) {
	}

	/** A ticket with its comments and history, for its page. */
	public record TicketDetail(Ticket ticket, List<TicketComment> comments, List<TicketHistoryEntry> history) {
	}
}
