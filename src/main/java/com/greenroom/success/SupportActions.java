package com.greenroom.success;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.greenroom.audit.AuditLog;
import com.greenroom.calendar.BusinessCalendar;
import com.greenroom.calendar.BusinessCalendars;
import com.greenroom.comms.Send;
import com.greenroom.comms.Sends;
import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorLinks;
import com.greenroom.creators.CreatorStatus;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Role;
import com.greenroom.milestones.MilestoneReached;
import com.greenroom.milestones.Milestones;
import com.greenroom.playbooks.Playbooks;
import com.greenroom.tasks.Task;
import com.greenroom.tasks.TaskDraft;
import com.greenroom.tasks.TaskSource;
import com.greenroom.tasks.Tasks;
import com.greenroom.tickets.Ticket;
import com.greenroom.tickets.TicketDraft;
import com.greenroom.tickets.Tickets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Fires support actions and stall rules. Each firing first claims its row in {@code success_firing}
 * (primary key: milestone, rule key, creator; insert ... on conflict do nothing), then does the rule's action
 * in the same transaction: creates the task, opens the ticket, or asks comms for the send (whose idempotency
 * key is the claim's own, so even a send that somehow ran twice messages once). A repeated event, a stall
 * timer fired again, another node doing the same at the same time, or a restart, all find the claim and do
 * nothing.
 */
@Service
public class SupportActions {

	/** Task (and ticket) source of an action fired by reaching a milestone. */
	public static final String ON_REACHED_SOURCE = "SUPPORT_ACTION";

	/** Task (and ticket) source of a stall rule's firing. */
	public static final String STALL_SOURCE = "STALL_RULE";

	private static final Logger log = LoggerFactory.getLogger(SupportActions.class);

	private final JdbcClient jdbc;

	private final SupportRules rules;

	private final Milestones milestones;

	private final Creators creators;

	private final Tasks tasks;

	private final Tickets tickets;

	private final Sends sends;

	private final BusinessCalendars calendars;

	private final StallTimers stallTimers;

	private final AuditLog audit;

	SupportActions(JdbcClient jdbc, SupportRules rules, Milestones milestones, Creators creators, Tasks tasks, Tickets tickets, Sends sends,
			BusinessCalendars calendars, StallTimers stallTimers, AuditLog audit) {
		this.jdbc = jdbc;
		this.rules = rules;
		this.milestones = milestones;
		this.creators = creators;
		this.tasks = tasks;
		this.tickets = tickets;
		this.sends = sends;
		this.calendars = calendars;
		this.stallTimers = stallTimers;
		this.audit = audit;
	}

	/**
	 * Fires the milestone's ON_REACHED rules in force in the creator's region; joins the caller's
	 * transaction. Returns the tasks created (tickets and sends are in {@link #firingsOf}).
	 */
	public List<Task> onReached(MilestoneReached reached, Instant now) {
		Optional<Creator> creator = creators.find(reached.creatorId()).filter(c -> c.status() != CreatorStatus.OFFBOARDED);
		if (creator.isEmpty() || creator.get().regionCode() == null) {
			return List.of();
		}
		List<Task> created = new ArrayList<>();
		for (SupportRule rule : rules.effective(reached.milestoneCode(), RuleKind.ON_REACHED, creator.get().regionCode())) {
			fire(rule, creator.get(), reached.reachedAt(), now).map(Outcome::task).ifPresent(created::add);
		}
		return created;
	}

	/**
	 * A stall timer came due: fires the rule (by milestone and key, the version in force in the creator's
	 * region now) for an active creator who has still not reached the milestone, once. A deadline that has
	 * moved later (the registration time changed) gets a timer of its own; a rule switched off or replaced, a
	 * creator offboarded or past the milestone, fires nothing. Joins the timer's transaction; returns whether
	 * it fired.
	 */
	boolean fireStall(String milestoneCode, String ruleKey, String creatorId, Instant now) {
		Optional<Creator> found = creators.find(creatorId)
			.filter(c -> c.status() == CreatorStatus.ACTIVE && c.regionCode() != null && c.registeredAt() != null);
		if (found.isEmpty()) {
			return false;
		}
		Creator creator = found.get();
		Optional<SupportRule> rule = rules.effective(milestoneCode, RuleKind.STALL, creator.regionCode())
			.stream()
			.filter(r -> r.key().equals(ruleKey))
			.findFirst();
		if (rule.isEmpty()) {
			return false;
		}
		Instant deadline = RuleSchedule.stallDeadline(rule.get(), creator.registeredAt(), calendars.of(creator.regionCode()));
		if (deadline.isAfter(now)) {
			stallTimers.rearm(rule.get(), creator, deadline);
			return false;
		}
		if (milestones.reached(creatorId, milestoneCode)) {
			return false;
		}
		return fire(rule.get(), creator, deadline, now).isPresent();
	}

	/** What one firing made: its task, ticket or send (one of them, by the rule's action). */
	private record Outcome(Task task, Ticket ticket, Send send) {
	}

	private Optional<Outcome> fire(SupportRule rule, Creator creator, Instant shouldFireAt, Instant now) {
		boolean claimed = jdbc.sql("""
				insert into success_firing (milestone_code, rule_key, creator_id, rule_id, kind, fired_at)
				values (:code, :key, :creator, :rule, :kind, :now) on conflict do nothing""")
			.param("code", rule.milestoneCode())
			.param("key", rule.key())
			.param("creator", creator.creatorId())
			.param("rule", rule.id())
			.param("kind", rule.kind().name())
			.param("now", Timestamp.from(now))
			.update() == 1;
		if (!claimed) {
			return Optional.empty();
		}
		String source = rule.kind() == RuleKind.STALL ? STALL_SOURCE : ON_REACHED_SOURCE;
		String ref = rule.milestoneCode() + ":" + rule.key();
		String guidance = rule.playbookKey() == null ? null : Playbooks.link(rule.playbookKey(), creator.regionCode());
		Outcome outcome = switch (rule.action()) {
			case TASK -> new Outcome(createTask(rule, creator, shouldFireAt, now, source, ref, guidance), null, null);
			case TICKET -> new Outcome(null, tickets.open(new TicketDraft(rule.title() + " · " + creator.handle(),
					ticketDescription(rule, creator, guidance), creator.creatorId(), creator.regionCode(), rule.ticketCategory(),
					rule.ticketPriority(), source + " " + ref)), null);
			case MESSAGE -> new Outcome(null, null,
					sends.sendOnBehalf(rule.templateKey(), creator.creatorId(), idempotencyKey(rule, creator), source, ref).orElse(null));
		};
		if (rule.action() == RuleAction.MESSAGE && outcome.send() == null) {
			log.warn("Support rule {} for creator {}: template {} is gone; nothing was sent", ref, creator.creatorId(), rule.templateKey());
		}
		jdbc.sql("""
				update success_firing set task_id = :task, ticket_id = :ticket, send_id = :send
				where milestone_code = :code and rule_key = :key and creator_id = :creator""")
			.param("task", outcome.task() == null ? null : outcome.task().id())
			.param("ticket", outcome.ticket() == null ? null : outcome.ticket().id())
			.param("send", outcome.send() == null ? null : outcome.send().id())
			.param("code", rule.milestoneCode())
			.param("key", rule.key())
			.param("creator", creator.creatorId())
			.update();
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("milestone", rule.milestoneCode());
		after.put("rule", rule.key());
		after.put("kind", rule.kind().name());
		after.put("action", rule.action().name());
		after.put("ruleRegion", rule.region());
		after.put("shouldFireAt", shouldFireAt.toString());
		after.put("taskId", outcome.task() == null ? null : outcome.task().id());
		after.put("ticketId", outcome.ticket() == null ? null : outcome.ticket().id());
		after.put("sendId", outcome.send() == null ? null : outcome.send().id());
		after.put("playbook", rule.playbookKey());
		audit.record("success_firing", creator.creatorId() + ":" + ref, "fired", creator.regionCode(), null, after);
		return Optional.of(outcome);
	}

	/** The task goes to the creator's manager or the rule's role; it links to the playbook's guidance when the rule names one. */
	private Task createTask(SupportRule rule, Creator creator, Instant shouldFireAt, Instant now, String source, String ref, String guidance) {
		BusinessCalendar calendar = calendars.of(creator.regionCode());
		Instant due = RuleSchedule.dueAt(rule, shouldFireAt, now, calendar);
		boolean toManager = SupportRule.CREATORS_MANAGER.equals(rule.owner());
		Long owner = toManager && creator.managerId() != null && tasks.canOwn(creator.managerId(), creator.regionCode()) ? creator.managerId()
				: null;
		Role role = toManager ? Role.CREATOR_MANAGER : Role.valueOf(rule.owner());
		return tasks.create(new TaskDraft(rule.title() + " · " + creator.handle(),
				new TaskSource(source, ref, guidance != null ? guidance : CreatorLinks.page(creator.creatorId())), creator.creatorId(),
				creator.regionCode(), owner, role, due));
	}

	private static String ticketDescription(SupportRule rule, Creator creator, String guidance) {
		String description = "Opened by the " + (rule.kind() == RuleKind.STALL ? "stall rule" : "support action") + " \u201c" + rule.title()
				+ "\u201d (" + rule.milestoneCode() + ":" + rule.key() + ") for " + creator.handle() + ".\nCreator: "
				+ CreatorLinks.page(creator.creatorId());
		return guidance == null ? description : description + "\nCurrent guidance: " + guidance;
	}

	/** One per rule (milestone and key) and creator, like the claim: a re-fire never messages twice. */
	static String idempotencyKey(SupportRule rule, Creator creator) {
		return "success:" + rule.milestoneCode() + ":" + rule.key() + ":" + creator.creatorId();
	}

	/** What fired for a creator, oldest first, with each task as it stands now (unscoped: callers checked the creator). */
	public List<Firing> firingsOf(String creatorId) {
		record Row(String code, String key, long ruleId, String kind, Instant firedAt, Long taskId, Long ticketId, Long sendId) {
		}
		List<Row> rows = jdbc.sql("""
				select milestone_code, rule_key, rule_id, kind, fired_at, task_id, ticket_id, send_id from success_firing
				where creator_id = :creator order by fired_at, milestone_code, rule_key""")
			.param("creator", creatorId)
			.query((rs, n) -> new Row(rs.getString("milestone_code"), rs.getString("rule_key"), rs.getLong("rule_id"), rs.getString("kind"),
					rs.getTimestamp("fired_at").toInstant(), rs.getObject("task_id", Long.class), rs.getObject("ticket_id", Long.class),
					rs.getObject("send_id", Long.class)))
			.list();
		Map<Long, Task> byId = tasks.findAll(rows.stream().map(Row::taskId).filter(Objects::nonNull).toList());
		Optional<Creator> creator = creators.find(creatorId);
		String region = creator.map(Creator::regionCode).orElse(null);
		return rows.stream().map(r -> {
			Optional<SupportRule> rule = rules.find(r.ruleId());
			return new Firing(r.code(), r.key(), RuleKind.valueOf(r.kind()), rule.map(SupportRule::title).orElse(r.key()),
					rule.map(SupportRule::action).orElse(RuleAction.TASK), r.firedAt(), r.taskId() == null ? null : byId.get(r.taskId()),
					r.ticketId(), r.sendId(),
					rule.map(SupportRule::playbookKey).map(k -> Playbooks.link(k, region)).orElse(null));
		}).toList();
	}

	/**
	 * One firing of a rule for a creator: its task as it stands (null if removed or not a TASK rule), the
	 * ticket or send it made, and the link to the rule's playbook guidance for the creator's region.
	 */
	public record Firing(String milestoneCode, String ruleKey, RuleKind kind, String title, RuleAction action, Instant firedAt, Task task,
			Long ticketId, Long sendId, String playbookUrl) {
	}
}
