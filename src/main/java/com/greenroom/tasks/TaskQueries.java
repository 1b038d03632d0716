package com.greenroom.tasks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.Cursor;
import com.greenroom.system.ListBody;
import com.greenroom.system.PageOf;
import com.greenroom.system.SubstringSearch;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read side of tasks: the API's filtered list with its total (exact up to a cap, or on request), Today's counts and
 * pages, the lead's board, a creator's open work. Every query is scoped to the viewer's regions in SQL; counts are
 * counted by PostgreSQL, never by the length of a list the JVM holds.
 */
@Service
public class TaskQueries {

	/** Console sorts: a whitelist of ORDER BY tails. */
	static final Map<String, String> SORTS = Map.of("due", "t.due_at, t.id", "-due", "t.due_at desc, t.id desc", "creator",
			"lower(t.creator_handle) nulls last, t.due_at, t.id", "title", "lower(t.title), t.due_at, t.id");

	/** Console groupings: the key rows are ordered by first, so a group continues across pages. */
	static final Map<String, String> GROUPS = Map.of("none", "", "creator", "lower(t.creator_handle) nulls last, t.creator_id, ", "kind",
			TaskKind.sqlOrdinal("t.source_type") + ", ");

	private final JdbcClient jdbc;

	private final Regions regions;

	private final Clock clock;

	private final SubstringSearch substrings;

	/** A transaction of its own, for a statement that sets a planner option for itself alone. */
	private final TransactionTemplate transactions;

	TaskQueries(JdbcClient jdbc, Regions regions, Clock clock, SubstringSearch substrings, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactions.getTransactionManager());
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.substrings = substrings;
		this.regions = regions;
		this.clock = clock;
	}

	// ---- the API -------------------------------------------------------------------------------------

	/**
	 * One page of tasks in due order, with the number of tasks the filter matches: one statement, the count in a row
	 * left-joined to the page (so an empty page still carries it). The count stops at {@value #TOTAL_CAP} matches unless
	 * {@code exactTotal}: beyond, the page says "more than {@value #TOTAL_CAP}" ({@code totalExact} false), so a filter that
	 * many tasks match costs what its page costs, not what all its matches cost (issue 13, stop 51). A creator text is
	 * matched once, in the statement (a materialized common table expression of the matching rows that the count and the
	 * page both read, narrow: the page's 51 rows are then read whole by id): no ids resolved first and sent back twice as
	 * arrays, each then probed in the task table (tasks12). A text most tasks share is matched by walking the viewer's
	 * regions in due order instead ({@link #walked}).
	 */
	TaskPage search(Viewer viewer, TaskFilter filter, DueWindow window, String cursor, int limit, boolean exactTotal) {
		Criteria criteria = criteria(viewer, filter, window, Matches.inStatement(!exactTotal));
		Optional<Cursor> after = Cursor.parse(cursor);
		Criteria page = criteria;
		if (after.isPresent()) {
			page = criteria.and("(t.due_at, t.id) > (cast(:afterKey as timestamptz), :afterId)", "afterKey", parseCursorKey(after.get().key()))
				.with("afterId", after.get().id());
		}
		// over the matched rows (a creator text) or the walked ones (a common text) the page is chosen by id there and read
		// whole from the task table
		String chosen;
		String counted;
		if (criteria.walk() != null) {
			chosen = TaskRows.page(" where t.id in (select p.id from (" + walked(page, ":limit") + ") p)", "t.due_at, t.id", "");
			counted = "select count(*) as total from (" + walked(criteria, ":countLimit") + ") n";
		}
		else {
			chosen = criteria.cte().isEmpty() ? TaskRows.page(criteria.from(), page.where(), "t.due_at, t.id", "limit :limit")
					: TaskRows.page(" where t.id in (select t.id from " + criteria.from() + page.where() + " order by t.due_at, t.id limit :limit)",
							"t.due_at, t.id", "");
			counted = exactTotal ? "select count(*) as total from " + criteria.from() + criteria.where()
					: "select count(*) as total from (select 1 from " + criteria.from() + criteria.where() + " limit :countLimit) n";
		}
		String sql = criteria.cte() + "select c.total, p.* from (" + counted + ") c left join lateral (" + chosen
				+ ") p on true order by p.due_at, p.id";
		RowMapper<Task> mapper = TaskRows.mapper(window.now());
		List<Task> rows = new ArrayList<>();
		long[] total = new long[1];
		Map<String, Object> params = page.params();
		Runnable query = () -> jdbc.sql(sql).params(params).param("limit", limit + 1).param("countLimit", TOTAL_CAP + 1).query(
				(RowCallbackHandler) rs -> {
					total[0] = rs.getLong("total");
					rs.getLong("id");
					if (!rs.wasNull()) {
						rows.add(mapper.mapRow(rs, rows.size()));
					}
				});
		if (criteria.cte().isEmpty()) {
			query.run();
		}
		else {
			// a text found by the trigram indexes: one generic plan per connection. Its shape (the indexes' bitmaps, or-ed) is
			// the same for every text, but PostgreSQL chose by the estimated costs: the generic plan at 10,000 creators, a new
			// plan on every request at 100,000 (0.5 ms of planning for 0.1 ms of execution for a miss; docs/benchmarks.md,
			// stop 51), as the roster's walk did (stop 37)
			transactions.executeWithoutResult(status -> {
				jdbc.sql("select set_config('plan_cache_mode', 'force_generic_plan', true)").query(String.class).single();
				query.run();
			});
		}
		PageOf<Task> found = PageOf.fromOverfetch(rows, limit, t -> new Cursor(t.dueAt().toString(), t.id()));
		boolean exact = exactTotal || total[0] <= TOTAL_CAP;
		return new TaskPage(found.items(), found.nextCursor(), exact ? total[0] : TOTAL_CAP, exact);
	}

	/** Most tasks the API's list counts unless asked for the exact total: five pages of the default size. */
	static final int TOTAL_CAP = 250;

	/**
	 * The first {@code limit} tasks of {@code criteria} in due order, as rows {@code (id, due_at)}: each of the walked regions
	 * read in due order from {@code task_region_due_texts} (V331, an index-only scan that tests every condition on the
	 * index's own columns and stops at the limit), merged. For a text one task in nine holds, a page of 51 reads about 460
	 * entries and a count of {@value #TOTAL_CAP} about 2,300, at any roster size; the trigram indexes would hand over every
	 * match, 2,779 for a lead at 100,000 creators, to be read, sorted and counted.
	 */
	private static String walked(Criteria criteria, String limit) {
		List<String> arms = new ArrayList<>();
		for (int i = 0; i < criteria.walk().size(); i++) {
			arms.add("(select t.id, t.due_at from task t" + criteria.and("t.region_code = :walk" + i).where() + " order by t.due_at, t.id limit "
					+ limit + ")");
		}
		return "select w.id, w.due_at from (" + String.join(" union all ", arms) + ") w order by w.due_at, w.id limit " + limit;
	}

	// ---- Today and the board -------------------------------------------------------------------------

	/** A numbered page of tasks for the console, sorted and grouped from the whitelists, with the total. */
	Listing list(Viewer viewer, TaskFilter filter, DueWindow window, String sort, String group, int page, int size) {
		return list(viewer, filter, window, sort, group, page, size, null, new Matches());
	}

	/**
	 * As above; {@code knownTotal}, when the caller has already counted the same filter (Today's counters), saves counting twice;
	 * {@code matches}, the creator-text matches the caller's other queries of this request resolved (Today's counters), saves
	 * resolving them again.
	 */
	Listing list(Viewer viewer, TaskFilter filter, DueWindow window, String sort, String group, int page, int size, Long knownTotal,
			Matches matches) {
		Criteria criteria = criteria(viewer, filter, window, matches);
		String order = sort != null && SORTS.containsKey(sort) ? SORTS.get(sort) : SORTS.get("due");
		String grouping = group != null && GROUPS.containsKey(group) ? GROUPS.get(group) : "";
		// the page chosen on the task table alone (the creator's handle is on the row), then labelled
		List<Task> rows = jdbc.sql(criteria.cte() + TaskRows.page(criteria.from(), criteria.where(), grouping + order, "limit :limit offset :offset"))
			.params(criteria.params())
			.param("limit", size)
			.param("offset", (long) Math.max(0, page - 1) * size)
			.query(TaskRows.mapper(window.now()))
			.list();
		long total = knownTotal != null ? knownTotal : count(criteria);
		Map<String, Long> groupTotals = new LinkedHashMap<>();
		if (!grouping.isEmpty() && !rows.isEmpty()) {
			String key = "creator".equals(group) ? "coalesce(t.creator_id, '')" : "cast(" + TaskKind.sqlOrdinal("t.source_type") + " as text)";
			jdbc.sql(criteria.cte() + "select " + key + " as k, count(*) as n from " + criteria.from() + criteria.where() + " group by 1")
				.params(criteria.params())
				.query((rs, n) -> groupTotals.put(rs.getString("k"), rs.getLong("n")))
				.list();
		}
		return new Listing(rows, total, page, size, groupTotals);
	}

	/**
	 * The four numbers of a day: the viewer's open tasks overdue, due today and coming up (the 7 days
	 * after today), and the unclaimed open work their roles may claim in their regions. Optional filters
	 * (kind, creator text, region) narrow all four alike; null for none.
	 */
	public TaskCounts counts(Viewer viewer, ZoneId zone, Instant now) {
		return counts(viewer, new TaskFilter(null, null, null, null, null, null, null), new DueWindow(now, zone));
	}

	TaskCounts counts(Viewer viewer, TaskFilter filter, DueWindow window) {
		return counts(viewer, filter, window, new Matches());
	}

	/** As above, the creator-text matches resolved once into {@code matches} for both counts (and the caller's list). */
	TaskCounts counts(Viewer viewer, TaskFilter filter, DueWindow window, Matches matches) {
		TaskFilter narrowing = new TaskFilter(null, filter.kind(), null, TaskStatus.OPEN.name(), filter.region(), filter.creatorId(), filter.q());
		// two queries, each served by its own partial index: the viewer's open work, and the claimable pool
		Criteria mine = criteria(viewer, new TaskFilter("me", narrowing.kind(), null, narrowing.status(), narrowing.region(),
				narrowing.creatorId(), narrowing.q()), window, matches);
		TaskCounts counted = jdbc.sql(mine.cte() + """
				select count(*) filter (where t.due_at < :now) as overdue,
				       count(*) filter (where t.due_at >= :now and t.due_at < :tomorrow) as today,
				       count(*) filter (where t.due_at >= :tomorrow and t.due_at < :endUpcoming) as upcoming,
				       count(*) filter (where t.due_at >= :endUpcoming) as later""" + " from " + mine.from() + mine.where())
			.params(mine.params())
			.param("now", TaskRows.ts(window.now()))
			.param("tomorrow", TaskRows.ts(window.startOfTomorrow()))
			.param("endUpcoming", TaskRows.ts(window.endOfUpcoming()))
			.query((rs, n) -> new TaskCounts(rs.getLong("overdue"), rs.getLong("today"), rs.getLong("upcoming"), rs.getLong("later"), 0))
			.single();
		Criteria pool = criteria(viewer, new TaskFilter("claimable", narrowing.kind(), null, narrowing.status(), narrowing.region(),
				narrowing.creatorId(), narrowing.q()), window, matches);
		return new TaskCounts(counted.overdue(), counted.dueToday(), counted.upcoming(), counted.later(), count(pool));
	}

	/** A region's open work per owner (unclaimed work per role), counted in SQL. Leads of the region and admins only. */
	List<OwnerLoad> board(Viewer viewer, String regionCode, DueWindow window) {
		if (!TaskRights.leadsOrAdmin(viewer, regionCode)) {
			throw new AccessDeniedException("Only the region's leads and admins see its board");
		}
		Map<String, Object> params = new HashMap<>();
		params.put("region", regionCode);
		params.put("now", TaskRows.ts(window.now()));
		params.put("tomorrow", TaskRows.ts(window.startOfTomorrow()));
		List<OwnerLoad> loads = new ArrayList<>(jdbc.sql("""
				select t.owner_user_id, case when t.owner_user_id is null then t.owner_role end as pool_role, min(o.display_name) as name,
				       count(*) as open, count(*) filter (where t.due_at < :now) as overdue,
				       count(*) filter (where t.due_at >= :now and t.due_at < :tomorrow) as today, min(t.due_at) as next_due
				from task t left join app_user o on o.id = t.owner_user_id
				where t.status = 'OPEN' and t.region_code = :region
				group by 1, 2""")
			.params(params)
			.query((rs, n) -> {
				Long owner = TaskRows.longOrNull(rs, "owner_user_id");
				Role role = rs.getString("pool_role") == null ? null : Role.valueOf(rs.getString("pool_role"));
				String label = owner != null ? rs.getString("name") : "Unclaimed · " + role.label();
				return new OwnerLoad(owner, role, label, rs.getLong("open"), rs.getLong("overdue"), rs.getLong("today"),
						rs.getTimestamp("next_due").toInstant());
			})
			.list());
		loads.sort((a, b) -> a.ownerId() == null && b.ownerId() != null ? 1 : a.ownerId() != null && b.ownerId() == null ? -1
				: Long.compare(b.overdue(), a.overdue()) != 0 ? Long.compare(b.overdue(), a.overdue()) : a.label().compareTo(b.label()));
		return loads;
	}

	/** A creator's done and skipped tasks, most recently resolved first (unscoped: the timeline checked the scope). */
	List<Task> resolvedFor(String creatorId) {
		return jdbc.sql(TaskRows.SELECT + " where t.creator_id = :creator and t.status <> 'OPEN' and t.completed_at is not null"
				+ " order by t.completed_at desc, t.id desc limit 500")
			.param("creator", creatorId)
			.query(TaskRows.mapper(clock.instant()))
			.list();
	}

	// ---- filters -------------------------------------------------------------------------------------

	/**
	 * Validates every filter (all bad ones reported together, each by its parameter name) into the
	 * conditions of a query: only the conditions a filter asks for, so PostgreSQL plans each query for
	 * what it is (partial indexes on open work apply; no catch-all "is null or" predicates).
	 */
	Criteria criteria(Viewer viewer, TaskFilter filter, DueWindow window) {
		return criteria(viewer, filter, window, new Matches());
	}

	/** As above, a creator text's matching task ids taken from (or resolved once into) {@code matches}. */
	Criteria criteria(Viewer viewer, TaskFilter filter, DueWindow window, Matches matches) {
		Criteria criteria = new Criteria(new ArrayList<>(), new HashMap<>());
		if (viewer.regionFilter() != null) {
			criteria = criteria.anyOf("t.region_code", "regions", viewer.regionFilter());
		}
		Checks checks = new Checks();
		String owner = Checks.blankToNull(filter.owner());
		if (owner != null) {
			switch (owner.toLowerCase(Locale.ROOT)) {
				case "me" -> criteria = criteria.and("t.owner_user_id = :owner", "owner", viewer.userId());
				case "none", "unclaimed" -> criteria = criteria.and("t.owner_user_id is null");
				case "claimable" -> criteria = criteria.and("t.owner_user_id is null")
					.anyOf("t.owner_role", "claimableRoles", viewer.roles().stream().map(Role::name).toArray(String[]::new));
				default -> {
					if (owner.matches("^[1-9]\\d{0,17}$")) {
						criteria = criteria.and("t.owner_user_id = :owner", "owner", Long.valueOf(owner));
					}
					else {
						checks.require(false, "owner", "must be me, none or a user id");
					}
				}
			}
		}
		String kind = Checks.blankToNull(filter.kind());
		if (kind != null) {
			Optional<TaskKind> parsed = TaskKind.parse(kind);
			checks.require(parsed.isPresent(), "kind", "must be one of " + Arrays.stream(TaskKind.values()).map(TaskKind::slug).toList());
			if (parsed.isPresent() && parsed.get() == TaskKind.OTHER) {
				criteria = criteria.and("not (t.source_type = any(cast(:knownTypes as text[])))", "knownTypes", TaskKind.knownSourceTypes());
			}
			else if (parsed.isPresent()) {
				criteria = criteria.and("t.source_type = any(cast(:sourceTypes as text[]))", "sourceTypes",
						parsed.get().sourceTypes().toArray(String[]::new));
			}
		}
		String status = Checks.blankToNull(filter.status());
		Optional<TaskStatus> parsedStatus = status == null ? Optional.empty()
				: Arrays.stream(TaskStatus.values()).filter(s -> s.name().equalsIgnoreCase(status)).findFirst();
		checks.require(status == null || parsedStatus.isPresent(), "status", "must be OPEN, DONE or SKIPPED");
		String due = Checks.blankToNull(filter.due());
		Instant[] bounds = null;
		if (due != null) {
			bounds = switch (due.toLowerCase(Locale.ROOT)) {
				case "overdue" -> window.bounds(DueWindow.Section.OVERDUE);
				case "today" -> window.bounds(DueWindow.Section.TODAY);
				case "upcoming" -> window.bounds(DueWindow.Section.UPCOMING);
				case "week" -> new Instant[] { window.now(), window.endOfUpcoming() };
				case "later" -> window.bounds(DueWindow.Section.LATER);
				default -> null;
			};
			checks.require(bounds != null, "due", "must be overdue, today, week, upcoming or later");
			checks.require(parsedStatus.isEmpty() || parsedStatus.get() == TaskStatus.OPEN, "due",
					"applies to open tasks only; leave status out");
		}
		// the status is a constant from the enum, so the partial indexes on open work apply
		TaskStatus effective = bounds != null ? TaskStatus.OPEN : parsedStatus.orElse(null);
		if (effective != null) {
			criteria = criteria.and("t.status = '" + effective.name() + "'");
		}
		if (bounds != null && bounds[0] != null) {
			criteria = criteria.and("t.due_at >= :dueFrom", "dueFrom", TaskRows.ts(bounds[0]));
		}
		if (bounds != null && bounds[1] != null) {
			criteria = criteria.and("t.due_at < :dueTo", "dueTo", TaskRows.ts(bounds[1]));
		}
		String region = Checks.blankToNull(filter.region());
		if (region != null) {
			checks.require(regions.exists(region) && viewer.canSee(region), "region", "is not one of your regions: " + region);
			criteria = criteria.and("t.region_code = :region", "region", region);
		}
		String creatorId = Checks.blankToNull(filter.creatorId());
		if (creatorId != null) {
			checks.require(Checks.isSafeId(creatorId), "creatorId", "is not a creator id (letters, digits and ._~:@- up to 128)");
			criteria = criteria.and("t.creator_id = :creatorId", "creatorId", creatorId);
		}
		String routine = Checks.blankToNull(filter.routine());
		if (routine != null) {
			// a routine's tasks carry the source id <routineId>:<region>:<local date-time>
			checks.require(routine.matches("^[1-9]\\d{0,17}$"), "routine", "must be a routine id");
			criteria = criteria.and("t.source_type = 'ROUTINE' and t.source_id like :routinePrefix", "routinePrefix", routine + ":%");
		}
		String q = Checks.blankToNull(filter.q());
		if (q != null) {
			q = q.strip();
			checks.require(q.length() <= 100 && q.indexOf('\0') < 0, "q", "must be at most 100 characters of text");
			if (!checks.failed()) {
				criteria = matching(viewer, q, region, criteria, matches);
			}
		}
		checks.throwIfAny();
		return criteria;
	}

	/**
	 * Tasks whose title or creator handle contains {@code q}, or whose creator id is {@code q}. The matches are one bitmap
	 * scan of the task table: the OR of three bitmap index scans (the title's trigram GIN, the handle's on the task row (V304),
	 * {@code task_creator_status} for the creator id), then the matching rows read once; nothing per matching creator (until
	 * tasks10 the handle arm found the matching creators in the roster, then their tasks by creator id: ~4 us per creator). Never the whole pool tested against a list of 1,000 handles
	 * (= any(array(...)) as a filter is linear per row: 605 ms at 100,000 open tasks), nor one index probe per matching creator
	 * (until tasks9: 4,444 of the 4,615 buffers of the lead's {@code creator42}, 1,111 creators; now 143 in all,
	 * docs/benchmarks.md). The set is resolved once per request (the page, its count and Today's counters) and sent as an
	 * array of ids; above {@value #MATCHES_SENT} matches the matching stays inside each statement.
	 */
	private Criteria matching(Viewer viewer, String q, String region, Criteria criteria, Matches matches) {
		Match match = match(viewer, q);
		String[] walk = region != null ? new String[] { region } : viewer.regionFilter();
		if (matches.walks && match.common() && walk != null && walk.length >= 1 && walk.length <= REGION_ARMS) {
			Criteria walking = criteria.and(holdsText("t")).with("q", q).with("qText", q.toLowerCase(Locale.ROOT)).walking(walk);
			for (int i = 0; i < walk.length; i++) {
				walking = walking.with("walk" + i, walk[i]);
			}
			return walking;
		}
		if (matches.inStatement) {
			return criteria.over(inStatement(viewer, match), "matched t").withAll(match.params()).withRegions(viewer);
		}
		long[] ids = matches.resolved.computeIfAbsent(q, text -> resolve(viewer, match));
		if (ids != Matches.TOO_MANY) {
			return criteria.and("t.id = any(cast(:qIds as bigint[]))", "qIds", ids);
		}
		Criteria inside = criteria.and("t.id = any(array(select qt.id from task qt where " + match.sql() + "))");
		for (Map.Entry<String, Object> param : match.params().entrySet()) {
			inside = inside.with(param.getKey(), param.getValue());
		}
		return inside;
	}

	/**
	 * The task row named {@code alias} holds the whole text: its lowered title or its creator's lowered handle contains
	 * {@code :qText}, or its creator id is {@code :q}. The walk ({@link #walked}) tests it on the columns of
	 * {@code task_region_due_texts}, a trigram search on the rows its indexes found ({@link Match#text()}).
	 */
	private static String holdsText(String alias) {
		return "(strpos(" + alias + ".title_lower, :qText) > 0 or strpos(" + alias + ".creator_handle_lower, :qText) > 0 or " + alias
				+ ".creator_id = :q)";
	}

	/**
	 * The columns of a matched row: those every filter of {@link #criteria} and the page's order name, so the rows materialized,
	 * counted and sorted stay narrow; the page's rows are then read whole by id.
	 */
	private static final String MATCHED = "qt.id, qt.due_at, qt.region_code, qt.owner_user_id, qt.owner_role, qt.status, qt.source_type, "
			+ "qt.source_id, qt.creator_id";

	/**
	 * The matching rows of the viewer's regions as the statement's own table {@code matched}, read once for the count and the
	 * page: the rows the indexes find (the {@code offset 0} keeps PostgreSQL from and-ing them with a bitmap of the whole
	 * region), then the region tested on each before the whole text, so {@code strpos(...)} runs on the region's rows
	 * only (a quarter of them for a lead).
	 */
	private static String inStatement(Viewer viewer, Match match) {
		List<String> rest = new ArrayList<>();
		if (viewer.regionFilter() != null) {
			rest.add("qt.region_code = any(cast(:qRegions as text[]))");
		}
		if (match.text() != null) {
			rest.add(match.text());
		}
		String found = rest.isEmpty() ? "select " + MATCHED + " from task qt where " + match.index()
				: "select " + MATCHED + " from (select " + MATCHED + ", qt.title_lower, qt.creator_handle_lower from task qt where "
						+ match.index() + " offset 0) qt where " + String.join(" and ", rest);
		return "with matched as materialized (" + found + ") ";
	}

	/**
	 * A task row {@code qt} matches the text: its title or its creator's handle (kept on the row) contains it, or its creator
	 * id is it (a bitmap OR of three index scans of task, so the task table is read once for all three arms). The trigram
	 * indexes are asked for the text's uncommon trigrams only (SubstringSearch, V307: in the bench every title and handle
	 * holds "creator", whose trigrams' posting lists hold every task), and then the whole text is tested on the rows found.
	 * Both read the lowered texts stored on the row (V323), not {@code lower()} of each row found: the index's recheck and
	 * the whole-text test called it ~1,400 times for the lead's {@code creator42} (lists13: 1.6-2.0 ms of backend CPU per
	 * execution before, 1.0-1.1 ms after).
	 * <p>
	 * For a viewer of a few regions each text arm also names the region (V326: the trigram indexes lead with
	 * {@code region_code}), so the index scans return that region's rows only and the table reads no other region's matches:
	 * a lead's text shared by one task in nine read four times the rows it kept (stop 32). GIN takes no {@code = any(array)},
	 * hence one arm per region; a viewer of more regions than {@value #REGION_ARMS} gets the arms without the region.
	 */
	private Match match(Viewer viewer, String q) {
		String lowered = q.toLowerCase(Locale.ROOT);
		SubstringSearch.Pattern title = substrings.pattern("task_title_trigrams", lowered);
		SubstringSearch.Pattern handle = substrings.pattern("task_creator_handle_trigrams", lowered);
		Map<String, Object> params = new HashMap<>();
		params.put("q", q);
		params.put("qTitle", title.index());
		params.put("qHandle", handle.index());
		String[] scope = viewer.regionFilter();
		List<String> arms = new ArrayList<>();
		if (scope != null && scope.length <= REGION_ARMS) {
			for (int i = 0; i < scope.length; i++) {
				params.put("qRegion" + i, scope[i]);
				arms.add("qt.region_code = :qRegion" + i + " and qt.title_lower like :qTitle");
				arms.add("qt.region_code = :qRegion" + i + " and qt.creator_handle_lower like :qHandle");
			}
		}
		else {
			arms.add("qt.title_lower like :qTitle");
			arms.add("qt.creator_handle_lower like :qHandle");
		}
		arms.add("qt.creator_id = :q");
		String index = "(" + String.join(" or ", arms.stream().map(arm -> "(" + arm + ")").toList()) + ")";
		String text = null;
		if (title.narrowed() || handle.narrowed()) {
			text = holdsText("qt");
			params.put("qText", lowered);
		}
		return new Match(index, text, params, title.rarest() != null && handle.rarest() != null);
	}

	/** Most regions a viewer's text search names in its index arms (two arms each). */
	static final int REGION_ARMS = 4;

	/**
	 * The condition on a task row {@code qt} that it matches a text, and its parameters: {@code index} for the indexes,
	 * {@code text} (null when the index condition is exact) the whole text tested on the rows they find; {@code common}
	 * when every trigram of the text is common in both texts (SubstringSearch), so many tasks likely hold it.
	 */
	private record Match(String index, String text, Map<String, Object> params, boolean common) {

		String sql() {
			return text == null ? index : index + " and " + text;
		}
	}

	/**
	 * The ids of the viewer's regions' tasks matching the text (sorted, distinct), or {@link Matches#TOO_MANY}. The region is
	 * tested on the matching rows (the {@code offset 0} keeps PostgreSQL from and-ing the match with a bitmap of the whole
	 * region, 25,000 entries at 100,000 creators), and the limit stops reading rows early for a text matching most tasks.
	 */
	private long[] resolve(Viewer viewer, Match match) {
		String scoped = viewer.regionFilter() == null ? "" : " where m.region_code = any(cast(:regions as text[]))";
		var sql = jdbc.sql("select m.id from (select qt.id, qt.region_code from task qt where " + match.sql() + " offset 0) m" + scoped
				+ " limit :cap")
			.params(match.params())
			.param("cap", MATCHES_SENT + 1);
		if (viewer.regionFilter() != null) {
			sql = sql.param("regions", viewer.regionFilter());
		}
		long[] ids = sql.query(Long.class).list().stream().mapToLong(Long::longValue).toArray();
		return ids.length > MATCHES_SENT ? Matches.TOO_MANY : java.util.stream.LongStream.of(ids).sorted().distinct().toArray();
	}

	private long count(Criteria criteria) {
		return jdbc.sql(criteria.cte() + "select count(*) from " + criteria.from() + criteria.where())
			.params(criteria.params())
			.query(Long.class)
			.single();
	}

	private static java.sql.Timestamp parseCursorKey(String key) {
		return java.sql.Timestamp.from(Cursor.instant(key));
	}

	/** Most matching task ids sent to PostgreSQL as an array; above, the matching stays inside each statement. */
	static final int MATCHES_SENT = 5_000;

	/**
	 * The creator-text matches of one request's queries (the page, its count, Today's counters), resolved on first use.
	 * Never kept beyond the request: a task created later must match.
	 */
	static final class Matches {

		static final long[] TOO_MANY = new long[0];

		private final Map<String, long[]> resolved = new HashMap<>();

		/** Whether the text is matched inside the one statement that uses it (a common table expression) rather than resolved. */
		private final boolean inStatement;

		/** Whether a text most tasks share is matched by walking the regions in due order (a page and a capped count). */
		private final boolean walks;

		Matches() {
			this(false, false);
		}

		private Matches(boolean inStatement, boolean walks) {
			this.inStatement = inStatement;
			this.walks = walks;
		}

		/**
		 * For a request of one statement: the text matched in it, nothing resolved beforehand; {@code walks} when the statement
		 * counts up to the cap only, so a text most tasks share may be walked.
		 */
		static Matches inStatement(boolean walks) {
			return new Matches(true, walks);
		}
	}

	/**
	 * The conditions of a query (fixed SQL fragments, never user text) and their parameters, over the rows of {@code from} as
	 * {@code t}: the task table, or a common table expression that {@code cte} (the statement's {@code with} clause) defines.
	 * {@code walk}: the regions whose tasks a search walks in due order ({@code :walk0}, ...), or null.
	 */
	record Criteria(List<String> conditions, Map<String, Object> params, String cte, String from, List<String> walk) {

		Criteria(List<String> conditions, Map<String, Object> params) {
			this(conditions, params, "", "task t", null);
		}

		Criteria and(String condition) {
			List<String> more = new ArrayList<>(conditions);
			more.add(condition);
			return new Criteria(more, params, cte, from, walk);
		}

		Criteria withAll(Map<String, Object> more) {
			Map<String, Object> all = new HashMap<>(params);
			all.putAll(more);
			return new Criteria(conditions, all, cte, from, walk);
		}

		/** The same conditions, their rows walked region by region in due order. */
		Criteria walking(String[] regions) {
			return new Criteria(conditions, params, cte, from, List.of(regions));
		}

		/** The viewer's regions as {@code :qRegions} when the viewer has a region filter. */
		Criteria withRegions(Viewer viewer) {
			return viewer.regionFilter() == null ? this : with("qRegions", viewer.regionFilter());
		}

		/** The same conditions over other rows as {@code t}. */
		Criteria over(String withClause, String rows) {
			return new Criteria(conditions, params, withClause, rows, walk);
		}

		Criteria and(String condition, String name, Object value) {
			return and(condition).with(name, value);
		}

		Criteria with(String name, Object value) {
			Map<String, Object> more = new HashMap<>(params);
			more.put(name, value);
			return new Criteria(conditions, more, cte, from, walk);
		}

		/**
		 * {@code column} is one of {@code values}: an equality for one value (so an index on the column
		 * serves the order of the rows too), else {@code = any}.
		 */
		Criteria anyOf(String column, String name, String[] values) {
			return values.length == 1 ? and(column + " = :" + name, name, values[0])
					: and(column + " = any(cast(:" + name + " as text[]))", name, values);
		}

		String where() {
			return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
		}
	}

	// ---- shapes --------------------------------------------------------------------------------------

	/**
	 * List filters; null or blank means any. {@code owner}: me, none or a user id (claimable: unclaimed for the
	 * viewer's roles); {@code routine}: the tasks of one routine.
	 */
	record TaskFilter(String owner, String kind, String due, String status, String region, String creatorId, String q, String routine) {

		TaskFilter(String owner, String kind, String due, String status, String region, String creatorId, String q) {
			this(owner, kind, due, status, region, creatorId, q, null);
		}
	}

	/**
	 * A page of the API's list with the number of tasks the whole filter matches (a list: no ETag, compressed): exact when
	 * {@code totalExact}, else more than {@code total} match.
	 */
	record TaskPage(List<Task> items, String nextCursor, long total, boolean totalExact) implements ListBody {
	}

	/** A numbered page for the console; {@code groupTotals} by group key when grouped. */
	record Listing(List<Task> items, long total, int page, int size, Map<String, Long> groupTotals) {

		public int pages() {
			return (int) Math.max(1, (total + size - 1) / size);
		}
	}

	/** The four numbers of a day. */
	public record TaskCounts(long overdue, long dueToday, long upcoming, long later, long upForGrabs) {

		/** All the viewer's open work: what the "All mine" view lists, due later than the coming 7 days included. */
		public long mine() {
			return overdue + dueToday + upcoming + later;
		}
	}

	/** One owner's open work in a region ({@code ownerRole} for the unclaimed pool of a role). */
	record OwnerLoad(Long ownerId, Role ownerRole, String label, long open, long overdue, long dueToday, Instant nextDue) {
	}
}
