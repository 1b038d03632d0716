package com.greenroom.creators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.greenroom.identity.Regions;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.Cursor;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.PageOf;
import com.greenroom.system.SubstringSearch;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * The roster's read side: one page, the count and the CSV export of the creators matching a
 * {@link RosterQuery}, shown as a {@link RosterView} asks (sort and columns). Filters, sorting and paging
 * all happen in SQL, scoped to the viewer's regions, including by the figures other modules contribute
 * through {@link RosterColumns}.
 */
@Service
public class Roster {

	/** Column keys of the creator itself; the rest come from {@link RosterColumns} and {@link OnboardingRoster}. */
	static final List<String> OWN_COLUMNS = List.of("handle", "creatorId", "country", "region", "manager", "status", "registered");

	/** Shown when the view names no columns. */
	static final List<String> DEFAULT_COLUMNS = List.of("handle", "creatorId", "country", "region", "manager", "status", "onboarding",
			"registered");

	private static final Pattern SQL_NAME = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");

	/** A tier name the roster writes into its statement as a constant: upper-case letters and underscores only. */
	private static final Pattern TIER_CONSTANT = Pattern.compile("^[A-Z_]{1,32}$");

	private final JdbcClient jdbc;

	private final Regions regions;

	private final Clock clock;

	// other modules' contributions, looked up once (SingletonSupplier keeps the first bean found): each
	// ObjectProvider.getIfAvailable() resolves the dependency anew (every bean definition checked against the
	// type), which was ~8% of a roster request's thread CPU when done per request (docs/benchmarks.md, "The JVM's
	// share of a read request, stop 18")
	private final Supplier<MilestoneRoster> milestones;

	private final Supplier<TierRoster> tiers;

	private final Supplier<OnboardingRoster> onboarding;

	private final ObjectProvider<RosterColumns> contributions;

	private final SubstringSearch substrings;

	private final TransactionTemplate transactions;

	Roster(JdbcClient jdbc, Regions regions, Clock clock, ObjectProvider<MilestoneRoster> milestones, ObjectProvider<TierRoster> tiers,
			ObjectProvider<OnboardingRoster> onboarding, ObjectProvider<RosterColumns> contributions, SubstringSearch substrings,
			TransactionTemplate transactions) {
		this.jdbc = jdbc;
		// its own transaction, so the plan setting below never outlives the walk's statement in a caller's transaction
		this.transactions = new TransactionTemplate(transactions.getTransactionManager());
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.substrings = substrings;
		this.regions = regions;
		this.clock = clock;
		this.milestones = SingletonSupplier.of(milestones::getIfAvailable);
		this.tiers = SingletonSupplier.of(tiers::getIfAvailable);
		this.onboarding = SingletonSupplier.of(onboarding::getIfAvailable);
		this.contributions = contributions;
	}

	/** A column the roster can show: its key, label, and how it sorts (null sort: not sortable). */
	public record Column(String key, String label, boolean sortable, boolean numeric) {
	}

	/** Every column the roster can show, in display order of the defaults. */
	public List<Column> columns() {
		List<Column> columns = new ArrayList<>();
		catalogue().values().forEach(c -> columns.add(new Column(c.key, c.label, c.sortExpression != null, c.numeric)));
		return columns;
	}

	/** One page of the roster, filtered, sorted and scoped to the viewer's regions. */
	public PageOf<RosterEntry> search(Viewer viewer, RosterQuery query, RosterView view, String cursor, int limit) {
		Filter filter = filter(viewer, query);
		Map<String, Object> params = filter.params();
		Shape shape = shape(view);
		Optional<Cursor> after = Cursor.parse(cursor);
		String afterKey = null;
		boolean afterNull = false;
		if (after.isPresent()) {
			String key = after.get().key();
			String prefix = shape.sort.key + (shape.descending ? "-" : "+");
			if (!key.startsWith(prefix)) {
				throw new InvalidInputException("cursor", "belongs to another sort order; start again without it");
			}
			String value = key.substring(prefix.length());
			if (!value.equals("n") && !value.startsWith("v:")) {
				throw new InvalidInputException("cursor", "is not a cursor issued by this server; start again without it");
			}
			afterNull = value.equals("n");
			afterKey = afterNull ? null : value.substring(2);
			if (!afterNull && shape.sort.afterExpression != null) {
				long micros;
				try {
					micros = Long.parseLong(afterKey);
				}
				catch (NumberFormatException ex) {
					micros = Long.MAX_VALUE;
				}
				if (Math.abs(micros) > (1L << 53)) {
					throw new InvalidInputException("cursor", "is not a cursor issued by this server; start again without it");
				}
			}
			else if (!afterNull && shape.sort.numeric) {
				BigDecimal number;
				try {
					number = new BigDecimal(afterKey);
				}
				catch (NumberFormatException ex) {
					number = null;
				}
				// issued keys are figures of at most 18 whole digits and a few decimals; anything else would overflow the
				// numeric or bigint cast in PostgreSQL
				if (number == null || number.precision() - number.scale() > 18 || number.scale() > 12) {
					throw new InvalidInputException("cursor", "is not a cursor issued by this server; start again without it");
				}
			}
		}
		params.put("afterKey", afterKey);
		params.put("afterId", after.map(Cursor::id).orElse(0L));
		params.put("limit", limit + 1);
		String sortExpr = shape.sort.sortExpression;
		String typed = shape.sort.afterExpression != null ? shape.sort.afterExpression
				: shape.sort.numeric ? "cast(:afterKey as numeric)" : "cast(:afterKey as text)";
		String keyset = "";
		if (after.isPresent()) {
			keyset = afterNull ? " and (" + sortExpr + " is null and c.id > :afterId)"
					: " and (" + sortExpr + (shape.descending ? " < " : " > ") + typed + " or (" + sortExpr + " = " + typed
							+ " and c.id > :afterId) or " + sortExpr + " is null)";
		}
		String direction = shape.descending ? " desc" : " asc";
		if (shape.sort.sortTable != null) {
			// sorted by a contributor's table: the page's rows from ordered index scans of that table, with the figure
			// sources evaluated for those rows alone, in the same statement; the table brought up to date first, unless its
			// contributor can say in the page's own statement whether that was needed (then only if it was: read again)
			String pending = shape.sort.sortSource.pendingCondition();
			List<Row> rows = null;
			if (pending != null) {
				rows = pageRows(shape, filter, after.isPresent(), afterNull, afterKey, limit + 1, pending);
			}
			if (rows == null) {
				shape.prepare(params);
				rows = pageRows(shape, filter, after.isPresent(), afterNull, afterKey, limit + 1, null);
			}
			String prefix = shape.sort.key + (shape.descending ? "-" : "+");
			return PageOf.fromOverfetch(rows, limit, r -> new Cursor(prefix + (r.sortKey == null ? "n" : "v:" + r.sortKey),
					r.entry.creator().id()))
				.map(Row::entry);
		}
		// without a text condition: the statement's limit is a constant (the page's planned size) and the driver stops the
		// executor at the page's exact size, so its plan does not depend on the limit's value and PostgreSQL keeps one
		// generic plan instead of planning it anew on every request (a limit parameter made every generic plan look worse than
		// the custom ones: planning was a third of tier=MID's statement, docs/benchmarks.md, stop 20); a text search keeps its
		// custom plans, which depend on the pattern
		boolean planned = query.text() == null || query.text().isBlank();
		if (filter.walks() && shape.sort.key.equals("handle")) {
			return walkPage(shape, filter, after.isPresent(), limit);
		}
		String sql = "select " + CreatorRows.COLUMNS + shape.selectFigures() + ", cast(" + shape.sort.keyExpression() + " as text) as sort_key"
				+ CreatorRows.FROM + shape.joins() + " where " + filter.sql() + keyset + " order by " + sortExpr + direction
				+ " nulls last, c.id limit " + (planned ? Integer.toString(plannedLimit(limit + 1)) : ":limit");
		List<Row> rows = jdbc.sql(sql)
			.params(params)
			.withMaxRows(limit + 1)
			.query((rs, n) -> new Row(entry(rs, shape), rs.getString("sort_key")))
			.list();
		String prefix = shape.sort.key + (shape.descending ? "-" : "+");
		return PageOf.fromOverfetch(rows, limit, r -> new Cursor(prefix + (r.sortKey == null ? "n" : "v:" + r.sortKey),
				r.entry.creator().id()))
			.map(Row::entry);
	}

	/**
	 * A page in handle order for a text whose trigrams are all common (V327): its matches are many, and cluster in handle order
	 * ({@code creator4}: one handle in nine, from creator4 to creator49999), so walking the handle index from the start reads
	 * every handle before the first match, and reading every match from the trigram index sorts them all. This walks the list of
	 * the text's least common trigram in the handle trigram table, in handle order from the cursor on, tests the whole text
	 * on each creator, and stops at the page's end: a page's cost depends on the share of the list that matches, not on the
	 * roster's size. The creators whose platform id holds the text and whose handle does not are found by the id's trigram
	 * index and merged in the same order. Ties of the lowered handle go by id, ascending, as in every roster order.
	 */
	private PageOf<RosterEntry> walkPage(Shape shape, Filter filter, boolean resume, int limit) {
		String direction = shape.descending ? " desc" : " asc";
		String beyond = shape.descending ? " <" : " >";
		String pageLimit = Integer.toString(plannedLimit(limit + 1));
		String keyset = "";
		if (resume) {
			keyset = " and %1$s" + beyond + "= cast(:afterKey as text) and (%1$s" + beyond + " cast(:afterKey as text) or %2$s > :afterId)";
		}
		// Each part is ordered and limited to the page on its own, and its plan cannot be anything but what it is meant to be, so
		// one generic plan serves every text (below): the walk reads the trigram's list in order and looks up each creator in
		// a subquery (a join may become a hash join that reads the whole list and sorts it); the platform id's matches are
		// found by the id's trigram index and then sorted ("offset 0": never by walking the handle index, testing each row).
		String walked = "(select st.handle_key, st.creator_ref from creator_handle_trigram st where st.trigram = :walk"
				+ keyset.formatted("st.handle_key", "st.creator_ref") + " and (select " + filter.walkScope()
				+ " and strpos(lower(c.handle), :text) > 0 from creator c where c.id = st.creator_ref) order by st.handle_key" + direction
				+ ", st.creator_ref limit " + pageLimit + ")";
		String byId = "(select i.handle_key, i.creator_ref from (select lower(c.handle) as handle_key, c.id as creator_ref from creator c"
				+ " where " + filter.walkScope() + " and lower(c.creator_id) like :textId escape '\\' and strpos(lower(c.creator_id), :text) > 0"
				+ " and strpos(lower(c.handle), :text) = 0" + keyset.formatted("lower(c.handle)", "c.id") + " offset 0) i order by i.handle_key"
				+ direction + ", i.creator_ref limit " + pageLimit + ")";
		String sql = "select " + CreatorRows.COLUMNS + shape.selectFigures() + ", cast(" + shape.sort.keyExpression() + " as text) as sort_key"
				+ " from (" + walked + " union all " + byId + ") w join creator c on c.id = w.creator_ref"
				+ " left join app_user m on m.id = c.manager_id " + shape.joins() + " order by w.handle_key" + direction
				+ ", w.creator_ref limit " + pageLimit;
		// one generic plan per connection: PostgreSQL otherwise chose by the estimated costs, kept the generic plan at 10,000
		// creators and planned anew on every request at 100,000 (0.4 ms of planning for 0.2 ms of execution;
		// docs/benchmarks.md, stop 37)
		List<Row> rows = transactions.execute(status -> {
			jdbc.sql("select set_config('plan_cache_mode', 'force_generic_plan', true)").query(String.class).single();
			return jdbc.sql(sql)
				.params(filter.params())
				.withMaxRows(limit + 1)
				.query((rs, n) -> new Row(entry(rs, shape), rs.getString("sort_key")))
				.list();
		});
		String prefix = shape.sort.key + (shape.descending ? "-" : "+");
		return PageOf.fromOverfetch(rows, limit, r -> new Cursor(prefix + "v:" + r.sortKey, r.entry.creator().id())).map(Row::entry);
	}

	/**
	 * The limit a page's statement is planned for: the default page (50 and the one that tells whether there is a next page),
	 * else the largest (500 + 1), or more for an internal caller asking more. A constant of the statement's text, never a
	 * request's value: the exact size is bound (or the driver's row limit) and PostgreSQL's generic plan, made once per
	 * connection, serves every request (with {@code limit :limit} alone the generic plan is costed for a tenth of the rows, so
	 * PostgreSQL re-planned the statement on every execution: ~0.4–0.6 ms of a sorted page's ~0.2–1 ms, stop 20).
	 */
	static int plannedLimit(int want) {
		return want <= 51 ? 51 : Math.max(501, want);
	}

	/** A page row; {@code pending}: the contributor's {@link RosterColumns#pendingCondition()} as its statement saw it. */
	private record Row(RosterEntry entry, String sortKey, boolean pending) {

		Row(RosterEntry entry, String sortKey) {
			this(entry, sortKey, false);
		}
	}

	/**
	 * The rows of a page sorted by a contributor's table, in order: the creators with a value in the table
	 * (ordered index scan of the table's (sort column, creator_id) index, forwards or backwards, joined to the creator
	 * row and filtered there, ties by platform id in the sort's direction), then those that sort as having nothing (no
	 * row, a null, or for counts and dollars a zero: by platform id in the sort's direction, by the creator's unique
	 * creator_id index), each group asked only while the page is
	 * not full. For counts and dollars the order is: positive values, the zeros, negative values (descending; the
	 * reverse ascending), exactly as {@code coalesce(value, 0)} then creator_id, both in the sort's direction. After a
	 * cursor, the rest of the cursor's value (same value, platform ids beyond the cursor's) is one index range and the values after it another, so each
	 * query reads about one page of entries, however many creators share a value and however large the roster. Each group's
	 * query returns its rows whole, figures included: its ordered, limited scan is a subquery, and the page's figure sources
	 * are joined to the rows it returns alone (before stop 19, a second statement read the page's rows by id). With
	 * {@code pending} (the contributor's {@link RosterColumns#pendingCondition()}, its {@link RosterColumns#prepare} not
	 * called): each query also evaluates it, and the answer is null, "read again after prepare", if the first query that
	 * returned rows saw it true, or if none returned a row after a cursor (without a cursor, empty groups mean no creator
	 * matches the filter, whatever the table holds). A table that holds each creator's region
	 * ({@link RosterColumns#sortTableByRegion()}) is read one range per region the page can show (the viewer's, the one asked
	 * for, or every region and none), merged in the page's order ({@link #byRegion}), unless the filter names one manager.
	 */
	private List<Row> pageRows(Shape shape, Filter where, boolean hasCursor, boolean afterNull, String afterKey, int want,
			String pending) {
		ColumnDef sort = shape.sort;
		String filter = where.sql();
		Map<String, Object> params = new HashMap<>(where.params());
		List<String> slots = null;
		// one manager's creators: no region range, so the plan reads them by the manager's index and sorts them; with a range, a
		// generic plan walked the region's range past every other manager's creators (mia at 10,000 creators: 657 entries, each
		// compared with her 200 creators, 12.8 ms against 2.1; docs/benchmarks.md, stop 31)
		if (sort.sortSource.sortTableByRegion() && !where.oneManager()) {
			if (where.regions() != null) {
				slots = where.regions();
			}
			else {
				slots = new ArrayList<>(regions.codes());
				slots.add(""); // the creators without a region
			}
			for (int i = 0; i < slots.size(); i++) {
				params.put("sortRegion" + i, slots.get(i));
			}
		}
		String table = sort.sortTable + " " + sort.alias + "s";
		String raw = sort.alias + "s." + sort.figure.sortColumn();
		String tie = sort.alias + "s.creator_id";
		boolean zeros = sort.figure.kind() == RosterColumns.Kind.COUNT || sort.figure.kind() == RosterColumns.Kind.USD;
		boolean instant = sort.figure.kind() == RosterColumns.Kind.INSTANT;
		// whole numbers (counts, a tier's rank): compared as bigint, so an integer column's index serves the comparison
		boolean whole = sort.figure.kind() == RosterColumns.Kind.COUNT || sort.figure.kind() == RosterColumns.Kind.TEXT && sort.numeric;
		String direction = shape.descending ? " desc" : " asc";
		// the groups in page order: a condition on the raw column for a group of values, null for the "nothing" group
		List<String> groups = new ArrayList<>();
		if (zeros) {
			groups.add(shape.descending ? raw + " > 0" : raw + " < 0");
			groups.add(null);
			groups.add(shape.descending ? raw + " < 0" : raw + " > 0");
		}
		else {
			groups.add(raw + " is not null");
			groups.add(null);
		}
		int first = 0;
		if (hasCursor && !afterNull && instant && new BigDecimal(afterKey).abs().compareTo(BigDecimal.valueOf(100_000_000_000L)) > 0) {
			throw new InvalidInputException("cursor", "is not a cursor issued by this server; start again without it");
		}
		if (hasCursor && !afterNull && whole && !afterKey.matches("^-?\\d{1,18}$")) {
			throw new InvalidInputException("cursor", "is not a cursor issued by this server; start again without it");
		}
		if (hasCursor) {
			if (afterNull) {
				first = zeros ? groups.size() : 1;
			}
			else if (zeros) {
				int sign = new BigDecimal(afterKey).signum();
				first = sign == 0 ? 1 : (sign > 0) == shape.descending ? 0 : 2;
			}
		}
		// the cursor names its last row by roster id; ties are in platform id order (the sort's direction), so resume after
		// that row's creator_id
		String afterCreator = null;
		if (hasCursor) {
			afterCreator = jdbc.sql("select creator_id from creator where id = :id")
				.param("id", params.get("afterId"))
				.query(String.class)
				.optional()
				.orElseThrow(() -> new InvalidInputException("cursor", "is not a cursor issued by this server; start again without it"));
		}
		String cast = !sort.numeric ? "cast(:afterKey as text)" : whole ? "cast(:afterKey as bigint)" : "cast(:afterKey as numeric)";
		// instants: the cursor carries epoch seconds (exact, as shown); compared exactly on that, and bounded on the raw column
		// so the index ranges
		String compared = instant ? sort.sortExpression : raw;
		// the sort table's row, read by the ordered scan, also gives the page its figures when it is the contributor's figures
		// table and the view shows them: carried out of the group query, instead of a second probe of the same row per page row
		boolean carry = sort.carriedColumns != null && shape.functions.containsKey(sort.alias);
		String select = "select c.*, cast(" + sort.keyExpression() + " as text) as roster_sort_key, " + raw + " as roster_sort_raw"
				+ (carry ? sort.carriedColumns : "") + " from " + table
				+ " join creator c on c.creator_id = " + tie + " where " + filter + " and ";
		String region = sort.alias + "s.region_code";
		// the page's order again over the group's rows (at most a page: a sort in memory)
		String valueOrder = "c.roster_sort_raw" + direction + ", c.creator_id" + direction;
		// ties in the sort's direction: one (value, creator_id) index serves both, read backwards for a descending sort
		String order = " order by " + raw + direction + ", " + tie + direction + " limit " + plannedLimit(want);
		String beyond = shape.descending ? " < " : " > ";
		List<Row> rows = new ArrayList<>();
		for (int g = first; g < groups.size() && rows.size() < want; g++) {
			String group = groups.get(g);
			boolean resume = hasCursor && g == first;
			if (group != null) {
				if (resume) {
					// the rest of the cursor's value: its ties after the cursor's creator
					String same = compared + " = " + cast + " and " + tie + beyond + ":afterCreator";
					if (instant) {
						same += " and " + raw + " > to_timestamp(floor(" + cast + ") - 1) and " + raw + " < to_timestamp(ceil(" + cast + ") + 1)";
					}
					rows.addAll(groupRows(shape, byRegion(select, region, group + " and " + same, order, slots, direction, want), valueOrder,
							params, want - rows.size(), afterKey, afterCreator, rows.isEmpty() ? pending : null, carry));
					if (rows.size() > 0 && rows.get(0).pending()) {
						return null;
					}
					if (rows.size() >= want) {
						break;
					}
				}
				String after = "";
				if (resume) {
					after = " and " + compared + (shape.descending ? " < " : " > ") + cast;
					if (instant) {
						after += shape.descending ? " and " + raw + " < to_timestamp(ceil(" + cast + ") + 1)"
								: " and " + raw + " > to_timestamp(floor(" + cast + ") - 1)";
					}
				}
				rows.addAll(groupRows(shape, byRegion(select, region, group + after, order, slots, direction, want), valueOrder, params,
						want - rows.size(), afterKey, afterCreator, rows.isEmpty() ? pending : null, carry));
			}
			else {
				String nothing = zeros ? raw + " <> 0" : raw + " is not null";
				String sql = "select c.*, " + (zeros ? "'0'" : "cast(null as text)") + " as roster_sort_key from creator c where " + filter
						+ " and not exists (select 1 from " + table + " where " + tie + " = c.creator_id and " + nothing + ")"
						+ (resume ? " and c.creator_id" + beyond + ":afterCreator" : "") + " order by c.creator_id" + direction + " limit "
						+ plannedLimit(want);
				rows.addAll(groupRows(shape, sql, "c.creator_id" + direction, params, want - rows.size(), afterKey, afterCreator,
						rows.isEmpty() ? pending : null, false));
			}
			if (pending != null && !rows.isEmpty() && rows.get(0).pending()) {
				return null;
			}
		}
		if (pending != null && rows.isEmpty() && hasCursor) {
			return null;
		}
		return rows;
	}

	/**
	 * A group query of {@link #pageRows}: {@code select} (ending in "where <filter> and ") with {@code condition} and
	 * {@code order}. With {@code slots} (the sort table holds each creator's region and its indexes lead with it), one range
	 * per region, {@code <region column> = :sortRegion<i>}, each ordered and limited as the group, and the page's order over
	 * them: PostgreSQL merges the ranges (Merge Append) and reads about one page of entries in all, where a single range of
	 * every region's rows read as many entries and creator rows again for each region the viewer cannot see. No slot: no row.
	 */
	private static String byRegion(String select, String region, String condition, String order, List<String> slots, String direction,
			int want) {
		if (slots == null) {
			return select + condition + order;
		}
		if (slots.isEmpty()) {
			return select + "false and " + condition + order;
		}
		if (slots.size() == 1) {
			return select + region + " = :sortRegion0 and " + condition + order;
		}
		List<String> ranges = new ArrayList<>();
		for (int i = 0; i < slots.size(); i++) {
			ranges.add("(" + select + region + " = :sortRegion" + i + " and " + condition + order + ")");
		}
		return "select * from (" + String.join(" union all ", ranges) + ") r order by r.roster_sort_raw" + direction + ", r.creator_id"
				+ direction + " limit " + plannedLimit(want);
	}

	/**
	 * One query of {@link #pageRows}: at most {@code limit} rows, whole, in the page's order ({@code order}, over the group query's
	 * columns as {@code c}), with their cursor keys. The group query's own limit is the constant {@link #plannedLimit}; the first
	 * {@code limit} of its rows are read ({@code limit :limit} around it), so the statement keeps one generic plan.
	 */
	private List<Row> groupRows(Shape shape, String group, String order, Map<String, Object> params, int limit, String afterKey,
			String afterCreator, String pending, boolean carried) {
		Map<String, Object> groupParams = new HashMap<>(params);
		groupParams.put("limit", limit);
		groupParams.put("afterKey", afterKey);
		groupParams.put("afterCreator", afterCreator);
		return jdbc.sql("select " + CreatorRows.COLUMNS + shape.selectFigures() + ", c.roster_sort_key" + (pending == null ? ""
				: ", " + pending + " as roster_pending") + " from (select * from (" + group
				+ ") g limit :limit) c left join app_user m on m.id = c.manager_id "
				+ (carried ? shape.functionJoins(shape.sort.alias, shape.sort.carriedSource) : shape.functionJoins()) + " order by " + order)
			.params(groupParams)
			.query((rs, n) -> new Row(entry(rs, shape), rs.getString("roster_sort_key"), pending != null && rs.getBoolean("roster_pending")))
			.list();
	}

	public long count(Viewer viewer, RosterQuery query) {
		Filter filter = filter(viewer, query);
		return jdbc.sql("select count(*) from creator c where " + filter.sql()).params(filter.params()).query(Long.class).single();
	}

	/**
	 * Checks a query's filters without running it: 400 naming the field, as {@link #count} and {@link #search} would. No SQL
	 * (before, the CSV exports and saved views ran the count only for this: at 100,000 creators a count over the filter).
	 */
	public void check(Viewer viewer, RosterQuery query) {
		filter(viewer, query);
	}

	/** Checks a view without running it: 400 naming {@code sort} or {@code columns}. */
	public void check(RosterView view) {
		shape(view);
	}

	/** The column keys a view shows, after defaults. */
	public List<String> columnsOf(RosterView view) {
		return shape(view).columns.stream().map(c -> c.key).toList();
	}

	/**
	 * Writes every creator matching the query (scoped to the viewer) as CSV, in the view's order (as its pages: ties of a
	 * sort by a contributor's table in platform id order in the sort's direction, of any other sort in roster id order). Without
	 * chosen columns: the full profile; with them: the platform id and exactly those columns.
	 */
	public void exportCsv(Viewer viewer, RosterQuery query, RosterView view, Writer out) {
		Shape shape = shape(view);
		boolean chosen = view.columns() != null && !view.columns().isBlank();
		List<String> header = new ArrayList<>();
		if (chosen) {
			header.add("creator_id");
			shape.columns.stream().filter(c -> !c.key.equals("creatorId")).forEach(c -> header.add(csvName(c.key)));
		}
		else {
			header.addAll(List.of("creator_id", "handle", "country", "region", "language", "time_zone", "manager", "status", "registered_at",
					"notes"));
		}
		Filter filter = filter(viewer, query);
		shape.prepare(filter.params());
		OnboardingRoster progress = chosen && shape.columns.stream().anyMatch(c -> c.key.equals("onboarding")) ? onboarding.get()
				: null;
		try {
			CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get());
			List<RosterEntry> batch = new ArrayList<>();
			jdbc.sql("select " + CreatorRows.COLUMNS + shape.selectFigures() + CreatorRows.FROM + shape.joins() + " where " + filter.sql()
					+ " order by " + shape.sort.sortExpression + (shape.descending ? " desc" : " asc") + " nulls last, "
					+ (shape.sort.sortTable != null ? "c.creator_id" + (shape.descending ? " desc" : " asc") : "c.id"))
				.params(filter.params())
				.query(rs -> {
					batch.add(entry(rs, shape));
					if (batch.size() == 500) {
						print(csv, batch, shape, chosen, progress);
					}
				});
			print(csv, batch, shape, chosen, progress);
			csv.flush(); // the caller owns (and closes) the writer
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void print(CSVPrinter csv, List<RosterEntry> batch, Shape shape, boolean chosen, OnboardingRoster progress) {
		Map<String, OnboardingRoster.Progress> onboardingOf = progress == null ? Map.of()
				: progress.progressOf(batch.stream().map(e -> e.creator().creatorId()).toList());
		try {
			for (RosterEntry entry : batch) {
				Creator c = entry.creator();
				if (!chosen) {
					csv.printRecord(c.creatorId(), neutralise(c.handle()), c.country(), c.regionCode(), neutralise(c.language()), c.timeZone(),
							neutralise(c.managerName()), c.status(), c.registeredAt(), neutralise(c.notes()));
					continue;
				}
				List<Object> cells = new ArrayList<>();
				cells.add(c.creatorId());
				for (ColumnDef column : shape.columns) {
					if (column.key.equals("creatorId")) {
						continue;
					}
					Object value = switch (column.key) {
						case "handle" -> c.handle();
						case "country" -> c.country();
						case "region" -> c.regionCode();
						case "manager" -> c.managerName();
						case "status" -> c.status().name();
						case "registered" -> c.registeredAt();
						case "onboarding" -> {
							OnboardingRoster.Progress p = onboardingOf.get(c.creatorId());
							yield p == null ? null : p.resolved() + "/" + p.required();
						}
						default -> entry.figures().get(column.key);
					};
					cells.add(value instanceof String text ? neutralise(text) : value);
				}
				csv.printRecord(cells);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		batch.clear();
	}

	private static String csvName(String key) {
		return key.replaceAll("([a-z])([A-Z0-9])", "$1_$2").toLowerCase(Locale.ROOT);
	}

	private RosterEntry entry(ResultSet rs, Shape shape) throws SQLException {
		Creator creator = CreatorRows.map(rs, 0);
		Map<String, Object> figures = new LinkedHashMap<>();
		for (ColumnDef column : shape.columns) {
			if (column.figure != null) {
				String alias = column.resultLabel;
				Object value = switch (column.figure.kind()) {
					case INSTANT -> Optional.ofNullable(rs.getTimestamp(alias)).map(Timestamp::toInstant).orElse(null);
					case COUNT -> {
						long n = rs.getLong(alias);
						yield rs.wasNull() ? null : n;
					}
					case USD -> Optional.ofNullable(rs.getBigDecimal(alias)).map(BigDecimal::stripTrailingZeros)
						.map(v -> v.scale() < 0 ? v.setScale(0) : v).orElse(null);
					case TEXT -> rs.getString(alias);
				};
				figures.put(column.key, value);
			}
		}
		return new RosterEntry(creator, figures);
	}

	/** The view as checked columns and sort. */
	private record Shape(List<ColumnDef> columns, ColumnDef sort, boolean descending, Map<String, String> functions) {

		String selectFigures() {
			StringBuilder select = new StringBuilder();
			for (ColumnDef column : columns) {
				if (column.figure != null) {
					select.append(", ").append(column.alias).append('.').append(column.figure.column()).append(" as ").append(column.resultLabel);
				}
			}
			return select.toString();
		}

		/** The sort table's join, if the sort reads one (empty otherwise). */
		String sortJoin() {
			return sort.sortJoin == null ? "" : sort.sortJoin;
		}

		/** Brings the sort table up to date as of the query's instant. */
		void prepare(Map<String, Object> params) {
			if (sort.sortSource != null) {
				sort.sortSource.prepare(((Timestamp) params.get("asOf")).toInstant());
			}
		}

		String joins() {
			return sortJoin() + functionJoins();
		}

		String functionJoins() {
			return functionJoins(null, null);
		}

		/** The lateral joins, the one of {@code alias} (if any) from {@code source} instead. */
		String functionJoins(String alias, String source) {
			StringBuilder joins = new StringBuilder();
			for (Map.Entry<String, String> function : functions.entrySet()) {
				String joined = function.getKey().equals(alias) ? source : function.getValue();
				joins.append(" left join lateral ").append(joined).append(" as ").append(function.getKey()).append(" on true");
			}
			return joins.toString();
		}
	}

	/** A known column: own ones read the creator row; contributed ones a function's column under an alias. */
	private static final class ColumnDef {

		final String key;

		final String label;

		final String sortExpression;

		final boolean numeric;

		final RosterColumns.Figure figure;

		final String alias;

		/** The figure's column label in the page's result set ({@code <alias>_<column>}), built once: read for every row. */
		final String resultLabel;

		final String function;

		/** What a cursor carries for this sort (null: the sort expression itself). */
		final String cursorExpression;

		/** The cursor's value as SQL compares it with the sort expression (null: a cast to numeric or text). */
		final String afterExpression;

		/** The join of a contributor's sort table the sort expression reads (null: none). */
		String sortJoin;

		/** That table's name (null: none). */
		String sortTable;

		/**
		 * What the roster joins laterally for this column's figures: the function, or (a contributor with a
		 * {@link RosterColumns#figuresTable()}) the creator's row of that table while valid, else the function.
		 */
		String source;

		/** The contributor to {@link RosterColumns#prepare} before sorting by its table (null: none). */
		RosterColumns sortSource;

		/**
		 * When the sort table is also the contributor's {@link RosterColumns#figuresTable()}: the select list that carries the
		 * row's figure columns and {@code valid_until} out of a group query ({@code roster_f_<column>}), and {@link #source}'s
		 * equivalent over those carried columns (null: not that case).
		 */
		String carriedColumns;

		String carriedSource;

		ColumnDef(String key, String label, String sortExpression, boolean numeric, RosterColumns.Figure figure, String alias,
				String function) {
			this(key, label, sortExpression, numeric, figure, alias, function, null, null);
		}

		ColumnDef(String key, String label, String sortExpression, boolean numeric, RosterColumns.Figure figure, String alias,
				String function, String cursorExpression, String afterExpression) {
			this.cursorExpression = cursorExpression;
			this.afterExpression = afterExpression;
			this.key = key;
			this.label = label;
			this.sortExpression = sortExpression;
			this.numeric = numeric;
			this.figure = figure;
			this.alias = alias;
			this.resultLabel = figure == null ? null : alias + "_" + figure.column();
			this.function = function;
		}

		String keyExpression() {
			return cursorExpression != null ? cursorExpression : sortExpression;
		}
	}

	/** Built once: the contributors are singletons, fixed once the context has started (read on every request). */
	private volatile Map<String, ColumnDef> catalogue;

	private Map<String, ColumnDef> catalogue() {
		Map<String, ColumnDef> built = catalogue;
		if (built == null) {
			built = Collections.unmodifiableMap(buildCatalogue());
			catalogue = built;
		}
		return built;
	}

	private Map<String, ColumnDef> buildCatalogue() {
		Map<String, ColumnDef> all = new LinkedHashMap<>();
		all.put("handle", new ColumnDef("handle", "Creator", "lower(c.handle)", false, null, null, null));
		all.put("creatorId", new ColumnDef("creatorId", "Platform id", "c.creator_id", false, null, null, null));
		all.put("country", new ColumnDef("country", "Country", "c.country", false, null, null, null));
		all.put("region", new ColumnDef("region", "Region", "c.region_code", false, null, null, null));
		all.put("manager", new ColumnDef("manager", "Manager", "lower(m.display_name)", false, null, null, null));
		all.put("status", new ColumnDef("status", "Status", "c.status", false, null, null, null));
		if (onboarding.get() != null) {
			all.put("onboarding", new ColumnDef("onboarding", "Onboarding", null, false, null, null, null));
		}
		// sorted by the column itself, so the index (registered_at, id) serves the page; the cursor carries whole
		// microseconds since the epoch (exact in the double an interval multiplies by: < 2^53)
		all.put("registered", new ColumnDef("registered", "Registered", "c.registered_at", true, null, null, null,
				"cast(extract(epoch from c.registered_at) * 1000000 as bigint)",
				"(timestamptz 'epoch' + cast(cast(:afterKey as numeric) as bigint) * interval '1 microsecond')"));
		int n = 0;
		for (RosterColumns source : contributions.orderedStream().toList()) {
			String alias = "x" + n++;
			requireSqlName(source.function());
			for (RosterColumns.Figure figure : source.figures()) {
				requireSqlName(figure.column());
				requireSqlName(figure.sortColumn());
				boolean numeric = figure.kind() != RosterColumns.Kind.TEXT || !figure.sortColumn().equals(figure.column());
				String table = source.sortTable();
				if (table != null) {
					requireSqlName(table);
				}
				String sort = (table != null ? alias + "s." : alias + ".") + figure.sortColumn();
				if (table != null && (figure.kind() == RosterColumns.Kind.COUNT || figure.kind() == RosterColumns.Kind.USD)) {
					sort = "coalesce(" + sort + ", 0)"; // no row: the function's value for a creator with nothing
				}
				if (figure.kind() == RosterColumns.Kind.INSTANT && figure.sortColumn().equals(figure.column())) {
					sort = "extract(epoch from " + sort + ")";
				}
				ColumnDef def = new ColumnDef(figure.key(), figure.label(), sort, numeric, figure, alias, source.function());
				def.source = lateralSource(source);
				if (table != null) {
					def.sortJoin = " left join " + table + " " + alias + "s on " + alias + "s.creator_id = c.creator_id";
					def.sortSource = source;
					def.sortTable = table;
					if (table.equals(source.figuresTable())) {
						carriedSource(def, source);
					}
				}
				all.put(figure.key(), def);
			}
		}
		return all;
	}

	/**
	 * The lateral source of a contributor's figures for creator {@code c} as of {@code :asOf}: its function, or, if it
	 * keeps a {@link RosterColumns#figuresTable()}, the creator's row there while that row is valid, else the function's
	 * one row (exactly one row either way: {@code limit 1}, and a valid row equals the function's by that table's
	 * contract, so whichever branch answers first is right). PostgreSQL runs the branches in order and stops at the
	 * first row: a page of 50 reads 50 rows by primary key instead of evaluating the function 50 times (activity: ~10
	 * buffers a creator, 4 for the summary row).
	 */
	private static String lateralSource(RosterColumns source) {
		String function = source.function() + "(c.creator_id, :asOf)";
		String table = source.figuresTable();
		if (table == null) {
			return function;
		}
		requireSqlName(table);
		List<String> names = source.figures().stream().map(RosterColumns.Figure::column).distinct().toList();
		return "(select " + String.join(", ", names.stream().map(n -> "t." + n).toList()) + " from " + table
				+ " t where t.creator_id = c.creator_id and t.valid_until > :asOf union all select "
				+ String.join(", ", names.stream().map(n -> "f." + n).toList()) + " from " + function + " f limit 1)";
	}

	/**
	 * {@link #lateralSource}'s choice over a group query's carried row (alias {@code c}): the figures of the sort table's row
	 * read by the group's ordered scan while that row is valid, else the function's one row. The same row as the lateral
	 * source's {@code t} (the table's primary key, in the same statement), so the same figures, without probing it again.
	 */
	private static void carriedSource(ColumnDef def, RosterColumns source) {
		List<String> names = source.figures().stream().map(RosterColumns.Figure::column).distinct().toList();
		String function = source.function() + "(c.creator_id, :asOf)";
		def.carriedColumns = ", " + String.join(", ", names.stream().map(n -> def.alias + "s." + n + " as roster_f_" + n).toList()) + ", "
				+ def.alias + "s.valid_until as roster_f_valid_until";
		def.carriedSource = "(select " + String.join(", ", names.stream().map(n -> "c.roster_f_" + n + " as " + n).toList())
				+ " where c.roster_f_valid_until > :asOf union all select " + String.join(", ", names.stream().map(n -> "f." + n).toList())
				+ " from " + function + " f limit 1)";
	}

	private static void requireSqlName(String name) {
		if (name == null || !SQL_NAME.matcher(name).matches()) {
			throw new IllegalStateException("Not a plain SQL name: " + name);
		}
	}

	private Shape shape(RosterView view) {
		Map<String, ColumnDef> catalogue = catalogue();
		Checks checks = new Checks();
		List<ColumnDef> columns = new ArrayList<>();
		String requested = Checks.blankToNull(view.columns());
		if (requested == null) {
			DEFAULT_COLUMNS.stream().filter(catalogue::containsKey).forEach(k -> columns.add(catalogue.get(k)));
		}
		else {
			Set<String> keys = new LinkedHashSet<>();
			for (String key : requested.split(",")) {
				keys.add(key.strip());
			}
			// each message built only when its check fails: abbreviate's regex and the catalogue's list were ~6% of a roster
			// request's thread samples when built for every valid column (docs/benchmarks.md, stop 19)
			for (String key : keys) {
				ColumnDef column = catalogue.get(key);
				if (column != null) {
					columns.add(column);
				}
				else {
					checks.require(false, "columns", "has an unknown column '" + abbreviate(key) + "'; use any of " + catalogue.keySet());
				}
			}
			checks.require(keys.size() <= catalogue.size(), "columns", "names too many columns");
		}
		String sortText = Checks.blankToNull(view.sort());
		boolean descending = sortText != null && sortText.startsWith("-");
		String sortKey = sortText == null ? "handle"
				: descending ? sortText.substring(1) : sortText.startsWith("+") ? sortText.substring(1) : sortText;
		ColumnDef sort = catalogue.get(sortKey);
		if (sort == null || sort.sortExpression == null) {
			List<String> sortable = catalogue.values().stream().filter(c -> c.sortExpression != null).map(c -> c.key).toList();
			checks.require(false, "sort",
					"cannot sort by '" + abbreviate(sortKey) + "'; use one of " + sortable + ", with a leading - for descending");
		}
		checks.throwIfAny();
		Map<String, String> functions = new LinkedHashMap<>();
		for (ColumnDef column : columns) {
			if (column.function != null) {
				functions.put(column.alias, column.source);
			}
		}
		if (sort.function != null && sort.sortJoin == null) {
			functions.put(sort.alias, sort.source);
		}
		return new Shape(List.copyOf(columns), sort, descending, functions);
	}

	private static String abbreviate(String value) {
		String printable = value.replaceAll("\\p{Cntrl}", "?");
		return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
	}

	/**
	 * The WHERE clause of a query and its parameters; {@code regions}: the only regions a matching creator can be in (the viewer's,
	 * or the one asked for), null for any region or none; {@code oneManager}: it names one manager's creators (a few hundred at
	 * most), which PostgreSQL reads by the manager's index and sorts, rather than any range of a sort table.
	 */
	private record Filter(String sql, Map<String, Object> params, List<String> regions, boolean oneManager, String walkScope) {

		/**
		 * Whether a page in handle order walks the handle trigram table ({@link #walkPage}): the text's trigrams are all common
		 * (its matches are many and cluster in handle order) and nothing but regions narrows the roster besides the text
		 * ({@code walkScope}: those conditions, over {@code c}).
		 */
		boolean walks() {
			return walkScope != null;
		}
	}

	private Filter filter(Viewer viewer, RosterQuery query) {
		Checks checks = new Checks();
		String region = Checks.blankToNull(query.region());
		if (region != null) {
			if (region.indexOf('\u0000') >= 0 || !regions.exists(region)) {
				checks.require(false, "region", "is not a known region: " + abbreviate(region));
			}
		}
		Long manager = null;
		boolean unassigned = false;
		String managerText = Checks.blankToNull(query.manager());
		if (managerText != null) {
			if (managerText.equals("none")) {
				unassigned = true;
			}
			else if (managerText.equals("me")) {
				manager = viewer.userId();
			}
			else {
				try {
					manager = Long.parseLong(managerText);
				}
				catch (NumberFormatException ex) {
					checks.require(false, "manager", "must be a user id, 'me' or 'none'");
				}
			}
		}
		String status = Checks.blankToNull(query.status());
		if (status != null) {
			CreatorEdits.parseStatus(status, checks);
		}
		String milestone = Checks.blankToNull(query.milestone());
		String reachedText = Checks.blankToNull(query.reached());
		boolean reached = !"false".equals(reachedText);
		checks.require(reachedText == null || reachedText.equals("true") || reachedText.equals("false"), "reached", "must be true or false");
		MilestoneRoster milestoneRoster = milestones.get();
		checks.require(milestone == null || milestoneRoster != null, "milestone", "cannot be filtered on: milestones are not tracked");
		String text = Checks.blankToNull(query.text());
		checks.require(text == null || text.indexOf('\u0000') < 0 && text.length() <= 200, "q", "must be at most 200 characters, without NUL");
		String notLiveText = Checks.blankToNull(query.notLiveDays());
		Integer notLiveDays = null;
		ColumnDef lastLive = notLiveText == null ? null : catalogue().get("lastLive");
		if (notLiveText != null) {
			try {
				notLiveDays = Integer.valueOf(notLiveText);
			}
			catch (NumberFormatException ex) {
				notLiveDays = -1;
			}
			checks.require(notLiveDays >= 1 && notLiveDays <= 365, "notLiveDays", "must be a whole number of days from 1 to 365");
			checks.require(lastLive != null, "notLiveDays", "cannot be filtered on: activity is not tracked");
		}
		String country = Checks.blankToNull(query.country());
		if (country != null) {
			country = country.toUpperCase(Locale.ROOT);
			checks.country(country, "country");
		}
		String language = Checks.blankToNull(query.language());
		checks.require(language == null || Checks.isLanguageTag(language), "language", "must be a BCP 47 language tag such as pt or pt-BR");
		String reach = Checks.blankToNull(query.reach());
		String reachFunction = reach == null || tiers.get() == null ? null : tiers.get().withinReachFunction();
		checks.require(reach == null || reach.equals("next-tier"), "reach", "must be next-tier (creators within reach of the next tier)");
		checks.require(reach == null || !reach.equals("next-tier") || reachFunction != null, "reach",
				"cannot be filtered on: tier pace is not computed");
		String tier = Checks.blankToNull(query.tier());
		TierRoster tierRoster = tiers.get();
		String tierName = tier == null ? null : tier.toUpperCase(Locale.ROOT);
		if (tier != null) {
			checks.require(tierRoster != null, "tier", "cannot be filtered on: tiers are not computed");
			if (tierRoster != null && !tierRoster.tiers().contains(tierName)) {
				checks.require(false, "tier", "must be one of " + tierRoster.tiers());
			}
		}
		if (milestone != null && milestoneRoster != null) {
			if (!milestoneRoster.milestones().containsKey(milestone)) {
				checks.require(false, "milestone", "is not a known milestone: " + abbreviate(milestone));
			}
		}
		checks.throwIfAny();
		// Only the conditions a filter asks for, so PostgreSQL plans each query for what it is (the trigram
		// indexes serve a text search; no catch-all "is null or" predicate that a generic plan cannot use).
		List<String> conditions = new ArrayList<>();
		List<String> textConditions = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		String[] visible = viewer.regionFilter();
		if (visible != null) {
			conditions.add(visible.length == 1 ? "c.region_code = :regionOnly" : "c.region_code = any(cast(:regions as text[]))");
			params.put(visible.length == 1 ? "regionOnly" : "regions", visible.length == 1 ? visible[0] : visible);
		}
		if (region != null) {
			conditions.add("c.region_code = :region");
			params.put("region", region);
		}
		if (manager != null) {
			conditions.add("c.manager_id = :manager");
			params.put("manager", manager);
		}
		if (unassigned) {
			conditions.add("c.manager_id is null");
		}
		if (status != null) {
			conditions.add("c.status = :status");
			params.put("status", status);
		}
		if (text != null) {
			// the trigram indexes are asked for the text's uncommon trigrams only, and the whole text tested on the rows they find
			// (SubstringSearch, V306): the same creators, without reading the posting lists of trigrams most handles share
			String lowered = text.toLowerCase(Locale.ROOT);
			SubstringSearch.Pattern handle = substrings.pattern("creator_handle_trigrams", lowered);
			SubstringSearch.Pattern id = substrings.pattern("creator_id_trigrams", lowered);
			textConditions.add("(lower(c.handle) like :textHandle escape '\\' or lower(c.creator_id) like :textId escape '\\')");
			params.put("textHandle", handle.index());
			params.put("textId", id.index());
			if (handle.narrowed() || id.narrowed()) {
				textConditions.add("(strpos(lower(c.handle), :text) > 0 or strpos(lower(c.creator_id), :text) > 0)");
				params.put("text", lowered);
			}
			if (handle.rarest() != null) {
				// the walk tests the whole text, which the index pattern may hold whole (then not narrowed)
				params.put("walk", handle.rarest());
				params.put("text", lowered);
			}
		}
		if (milestone != null) {
			requireSqlName(milestoneRoster.membersFunction());
			conditions.add((reached ? "" : "not ") + "exists (select 1 from " + milestoneRoster.membersFunction()
					+ "(:milestone) mr where mr.creator_id = c.creator_id)");
			params.put("milestone", milestone);
		}
		if (tierName != null) {
			requireSqlName(tierRoster.membersFunction());
			// the tier as a constant of the statement: the module's own name for it (from tiers(), checked above; never the
			// request's text), so the inlined function's condition names one tier and PostgreSQL can probe that tier's partial
			// index (TierRoster#membersFunction); one statement, and one generic plan, per tier
			String constant = tierRoster.tiers().stream().filter(tierName::equals).findFirst().orElseThrow();
			if (!TIER_CONSTANT.matcher(constant).matches()) {
				throw new IllegalStateException("Not a plain tier name: " + constant);
			}
			conditions.add("exists (select 1 from " + tierRoster.membersFunction() + "('" + constant + "') tr where tr.creator_id = c.creator_id)");
		}
		if (country != null) {
			conditions.add("c.country = :country");
			params.put("country", country);
		}
		if (language != null) {
			conditions.add("(lower(c.language) = :language or lower(c.language) like :languagePrefix)");
			params.put("language", language.toLowerCase(Locale.ROOT));
			params.put("languagePrefix", language.toLowerCase(Locale.ROOT) + "-%");
		}
		Instant now = clock.instant();
		params.put("asOf", Timestamp.from(now));
		if (reach != null) {
			requireSqlName(reachFunction);
			conditions.add("exists (select 1 from " + reachFunction + "(c.creator_id, :asOf) wr where wr.within_reach)");
		}
		if (notLiveDays != null) {
			params.put("notLiveSince", Timestamp.from(now.minus(Duration.ofDays(notLiveDays))));
			conditions.add("not exists (select 1 from " + lastLive.function + "(c.creator_id, :asOf) nl where nl." + lastLive.figure.column()
					+ " >= :notLiveSince)");
		}
		// a page in handle order walks the text's matches (walkPage) when the regions are its only other conditions: any other
		// could leave most of the matches out, and the walk reading on
		boolean regionsOnly = manager == null && !unassigned && status == null && milestone == null && tierName == null && country == null
				&& language == null && reach == null && notLiveDays == null;
		String walkScope = null;
		if (params.containsKey("walk") && regionsOnly) {
			walkScope = conditions.isEmpty() ? "true" : String.join(" and ", conditions);
		}
		conditions.addAll(textConditions);
		String sql = conditions.isEmpty() ? "true" : String.join(" and ", conditions);
		return new Filter(sql, params, region != null ? List.of(region) : visible != null ? List.of(visible) : null, manager != null, walkScope);
	}

	/** Spreadsheet programs run cells starting with these as formulas: the one system guard keeps them text. */
	static String neutralise(String value) {
		return com.greenroom.system.CsvCells.guard(value);
	}
}
