package com.greenroom.success;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.greenroom.audit.AuditLog;
import com.greenroom.calendar.BusinessCalendar;
import com.greenroom.calendar.BusinessCalendars;
import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorLinks;
import com.greenroom.creators.CreatorStatus;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Role;
import com.greenroom.milestones.MilestoneReached;
import com.greenroom.milestones.Milestones;
import com.greenroom.tasks.Task;
import com.greenroom.tasks.TaskDraft;
import com.greenroom.tasks.TaskSource;
import com.greenroom.tasks.Tasks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires support actions and stall rules. Each firing first claims its row in {@code success_firing}
 * (primary key: milestone, rule key, creator; insert ... on conflict do nothing), then creates the task in
 * the same transaction: a repeated event, a second run of the stall job, another node doing the same at
 * the same time, or a restart, all find the claim and create nothing.
 */
@Service
public class SupportActions {

	/** Task source of an action fired by reaching a milestone. */
	public static final String ON_REACHED_SOURCE = "SUPPORT_ACTION";

	/** Task source of a stall rule's task. */
	public static final String STALL_SOURCE = "STALL_RULE";

	private static final Logger log = LoggerFactory.getLogger(SupportActions.class);

	private final JdbcClient jdbc;

	private final SupportRules rules;

	private final Milestones milestones;

	private final Creators creators;

	private final Tasks tasks;

	private final BusinessCalendars calendars;

	private final AuditLog audit;

	private final TransactionTemplate transaction;

	private final Duration lookback;

	SupportActions(JdbcClient jdbc, SupportRules rules, Milestones milestones, Creators creators, Tasks tasks, BusinessCalendars calendars,
			AuditLog audit, PlatformTransactionManager transactions,
			@Value("${greenroom.success.stall-lookback:P30D}") Duration lookback) {
		this.jdbc = jdbc;
		this.rules = rules;
		this.milestones = milestones;
		this.creators = creators;
		this.tasks = tasks;
		this.calendars = calendars;
		this.audit = audit;
		this.transaction = new TransactionTemplate(transactions);
		this.lookback = lookback;
	}

	/** Fires the milestone's ON_REACHED rules in force in the creator's region; joins the caller's transaction. */
	public List<Task> onReached(MilestoneReached reached, Instant now) {
		Optional<Creator> creator = creators.find(reached.creatorId()).filter(c -> c.status() != CreatorStatus.OFFBOARDED);
		if (creator.isEmpty() || creator.get().regionCode() == null) {
			return List.of();
		}
		List<Task> created = new ArrayList<>();
		for (SupportRule rule : rules.effective(reached.milestoneCode(), RuleKind.ON_REACHED, creator.get().regionCode())) {
			fire(rule, creator.get(), reached.reachedAt(), now).ifPresent(created::add);
		}
		return created;
	}

	/**
	 * Fires every STALL rule whose deadline (registration + stallAfter, in the creator's region's calendar)
	 * has come by {@code now} for an active creator who has not reached the milestone. Deadlines older than
	 * the look-back ({@code greenroom.success.stall-lookback}, 30 days) are left alone, so a new rule does
	 * not flood long-stalled creators while a restart after a short outage still catches up. Each firing
	 * commits on its own. Returns the number of tasks created.
	 */
	public int fireStalled(Instant now) {
		List<SupportRule> stall = rules.stallRules();
		if (stall.isEmpty()) {
			return 0;
		}
		int longest = stall.stream().mapToInt(SupportRule::stallAfter).max().orElse(0);
		// Business days stretch a span by weekends and holidays: three calendar days per step is ample.
		Instant earliest = now.minus(lookback).minus(Duration.ofDays(3L * longest + 30));
		Map<String, Set<String>> reached = new HashMap<>();
		Map<String, List<SupportRule>> inForce = new HashMap<>();
		int fired = 0;
		for (Creator creator : creators.registeredBetween(earliest, now)) {
			if (creator.status() != CreatorStatus.ACTIVE || creator.regionCode() == null) {
				continue;
			}
			BusinessCalendar calendar = calendars.of(creator.regionCode());
			for (String code : stall.stream().map(SupportRule::milestoneCode).distinct().toList()) {
				List<SupportRule> applicable = inForce.computeIfAbsent(code + "|" + creator.regionCode(),
						k -> rules.effective(code, RuleKind.STALL, creator.regionCode()));
				for (SupportRule rule : applicable) {
					Instant deadline = RuleSchedule.stallDeadline(rule, creator.registeredAt(), calendar);
					if (deadline.isAfter(now) || !deadline.isAfter(now.minus(lookback))) {
						continue;
					}
					if (reached.computeIfAbsent(code, milestones::creatorsWhoReached).contains(creator.creatorId())) {
						continue;
					}
					try {
						Optional<Task> task = transaction.execute(status -> fire(rule, creator, deadline, now));
						fired += task != null && task.isPresent() ? 1 : 0;
					}
					catch (RuntimeException ex) {
						log.warn("Stall rule {}/{} for creator {} failed; the next run retries it", code, rule.key(), creator.creatorId(), ex);
					}
				}
			}
		}
		return fired;
	}

	private Optional<Task> fire(SupportRule rule, Creator creator, Instant shouldFireAt, Instant now) {
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
		BusinessCalendar calendar = calendars.of(creator.regionCode());
		Instant due = RuleSchedule.dueAt(rule, shouldFireAt, now, calendar);
		boolean toManager = SupportRule.CREATORS_MANAGER.equals(rule.owner());
		Long owner = toManager && creator.managerId() != null && tasks.canOwn(creator.managerId(), creator.regionCode()) ? creator.managerId()
				: null;
		Role role = toManager ? Role.CREATOR_MANAGER : Role.valueOf(rule.owner());
		Task task = tasks.create(new TaskDraft(rule.title() + " · " + creator.handle(),
				new TaskSource(rule.kind() == RuleKind.STALL ? STALL_SOURCE : ON_REACHED_SOURCE, rule.milestoneCode() + ":" + rule.key(),
						CreatorLinks.page(creator.creatorId())),
				creator.creatorId(),
				creator.regionCode(), owner, role, due));
		jdbc.sql("update success_firing set task_id = :task where milestone_code = :code and rule_key = :key and creator_id = :creator")
			.param("task", task.id())
			.param("code", rule.milestoneCode())
			.param("key", rule.key())
			.param("creator", creator.creatorId())
			.update();
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("milestone", rule.milestoneCode());
		after.put("rule", rule.key());
		after.put("kind", rule.kind().name());
		after.put("ruleRegion", rule.region());
		after.put("shouldFireAt", shouldFireAt.toString());
		after.put("taskId", task.id());
		audit.record("success_firing", creator.creatorId() + ":" + rule.milestoneCode() + ":" + rule.key(), "fired", creator.regionCode(), null,
				after);
		return Optional.of(task);
	}

	/** What fired for a creator, oldest first, with each task as it stands now (unscoped: callers checked the creator). */
	public List<Firing> firingsOf(String creatorId) {
		record Row(String code, String key, long ruleId, String kind, Instant firedAt, Long taskId) {
		}
		List<Row> rows = jdbc.sql("""
				select milestone_code, rule_key, rule_id, kind, fired_at, task_id from success_firing where creator_id = :creator
				order by fired_at, milestone_code, rule_key""")
			.param("creator", creatorId)
			.query((rs, n) -> {
				long task = rs.getLong("task_id");
				return new Row(rs.getString("milestone_code"), rs.getString("rule_key"), rs.getLong("rule_id"), rs.getString("kind"),
						rs.getTimestamp("fired_at").toInstant(), rs.wasNull() ? null : task);
			})
			.list();
		Map<Long, Task> byId = tasks.findAll(rows.stream().map(Row::taskId).filter(Objects::nonNull).toList());
		return rows.stream().map(r -> new Firing(r.code(), r.key(), RuleKind.valueOf(r.kind()),
				rules.find(r.ruleId()).map(SupportRule::title).orElse(r.key()), r.firedAt(), r.taskId() == null ? null : byId.get(r.taskId())))
			.toList();
	}

	/** One firing of a rule for a creator, and its task (null if the task was removed). */
	public record Firing(String milestoneCode, String ruleKey, RuleKind kind, String title, Instant firedAt, Task task) {
	}
}
