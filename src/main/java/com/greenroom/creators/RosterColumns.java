package com.greenroom.creators;

import java.util.List;

/**
 * Figures another module adds to the roster as columns (activity, tiers, milestones), read in SQL so the
 * roster can sort and page by them at any size. The implementing module owns a SQL function
 * {@code function()(creator_id text, as_of timestamptz)} in its own migrations, returning one row with
 * a column per {@link Figure}; that function is part of the module's documented public API, and the
 * roster joins it laterally ({@code left join lateral f(c.creator_id, :asOf)}). Function and column names
 * come from code, never from a request, and are checked against a plain identifier pattern.
 */
public interface RosterColumns {

	/** The SQL function's name, e.g. {@code activity_roster_figures}. */
	String function();

	/** The columns it contributes, in display order. */
	List<Figure> figures();

	/**
	 * Optional: a table keyed by {@code creator_id} with a column per figure's {@code sortColumn}, holding the
	 * function's values (once {@link #prepare} has run), so the roster sorts by a plain join instead of
	 * evaluating the function for every creator before the sort. A creator without a row sorts as the
	 * function's value for a creator with nothing: 0 for counts and dollars, null (last) otherwise. Creators tied on a
	 * value sort by {@code creator_id} in the sort's direction; the module keeps an index on ({@code sortColumn},
	 * {@code creator_id}), so a page is one range of it, read forwards or backwards. Null: the roster sorts by the function.
	 */
	default String sortTable() {
		return null;
	}

	/**
	 * Whether {@link #sortTable()} also holds each creator's region: a column {@code region_code}, the creator row's region
	 * ('' for none) as the contributor last wrote it (it says how soon a change reaches it), leading its indexes:
	 * ({@code region_code}, {@code sortColumn}, {@code creator_id}). The roster then reads one range of an index per region a
	 * page can show and merges them, so a viewer of one region reads that region's rows only; its filter still reads the
	 * creator row, so a page never shows a creator outside the viewer's regions, and a creator moved into a region joins its
	 * sorted pages once her row carries it. False: the indexes are ({@code sortColumn}, {@code creator_id}).
	 */
	default boolean sortTableByRegion() {
		return false;
	}

	/**
	 * Optional: a table keyed by {@code creator_id} with a column of the same name and type for each figure's
	 * {@code column} and a {@code valid_until timestamptz}, whose row equals the function's for any {@code as_of}
	 * before its {@code valid_until}. The roster then shows a creator's figures from the row while it is valid,
	 * and evaluates the function only for a creator without a valid row. Null: always the function.
	 */
	default String figuresTable() {
		return null;
	}

	/** Brings {@link #sortTable()} up to date as of this instant; called before a query sorts by it. */
	default void prepare(java.time.Instant asOf) {
	}

	/**
	 * Optional: a SQL boolean expression, true when {@link #prepare} would have work to do as of {@code :asOf} (for
	 * instance, a row of {@link #sortTable()} past its window). The roster then reads a sorted page without calling
	 * {@link #prepare} first, evaluates this in the page's own statement, and only if it was true (or no statement
	 * could tell) calls {@link #prepare} and reads the page again: one statement fewer per sorted page. Null: the roster
	 * calls {@link #prepare} before every sorted read.
	 */
	default String pendingCondition() {
		return null;
	}

	/**
	 * One column: {@code key} as the API and URLs name it ({@code revenue28d}), a label for people, the
	 * function's column shown ({@code column}) and the one sorted by ({@code sortColumn}, e.g. a rank
	 * behind a tier name; numeric or text).
	 */
	record Figure(String key, String label, String column, String sortColumn, Kind kind) {

		public Figure(String key, String label, String column, Kind kind) {
			this(key, label, column, column, kind);
		}
	}

	/** How a figure is read and shown. */
	enum Kind {
		/** A point in time (timestamptz). */
		INSTANT,
		/** A whole number. */
		COUNT,
		/** US dollars (numeric). */
		USD,
		/** Text, such as a tier name or "3/4". */
		TEXT
	}
}
