package com.greenroom.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Substring search ({@code q}: the text anywhere in a column, case-insensitive) over pg_trgm GIN indexes that stays cheap
 * when the text shares trigrams with most rows (issue 13, search11). A GIN scan for {@code like '%creator4242%'} reads the
 * posting list of every trigram of the text, and those of "cre", "rea", ... "tor" hold every row when every handle starts
 * with "creator": most of a search's cost for eleven matches. Here the index is asked only for the text's uncommon
 * trigrams (a pattern made of the stretches of the text whose trigrams are uncommon, in order: a superset of the matches),
 * and the statement tests the whole text on the rows it finds ({@code strpos}), so the result is exactly the same. A text
 * whose trigrams are all common asks the index for the least common ones.
 * <p>
 * Which trigrams are common comes from PostgreSQL's own statistics: an extended statistics object on
 * {@code show_trgm(lower(column))} (V306, V307), whose most common elements ANALYZE (autovacuum) keeps with their share of
 * rows. Read at most every {@link #REFRESH}; without statistics (a new database before its first analyze) every trigram
 * counts as uncommon and the search asks the index for the whole text, as before. Stale statistics only make a search
 * slower, never different.
 */
@Component
public class SubstringSearch {

	/** A trigram in more than this share of the rows is common: its posting list is left out of the index scan. */
	static final double COMMON_SHARE = 0.05;

	/** How long the common trigrams read from the statistics are used before they are read again. */
	static final Duration REFRESH = Duration.ofMinutes(5);

	private final JdbcClient jdbc;

	private final Clock clock;

	private volatile Snapshot snapshot;

	SubstringSearch(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * How to find {@code text} (already lower-cased) in a column: {@code like} is the pattern that matches it anywhere (escaped,
	 * for {@code like ... escape '\'}); {@code index} the pattern to give the trigram index (the same when the text has no
	 * common trigram, else a looser one); {@code narrowed} whether they differ, in which case the statement must also
	 * test {@code strpos(lower(column), text) > 0}. {@code rarest}: when every trigram of the text is common, the one the
	 * fewest rows hold (three characters of the text, which every match contains), else null.
	 */
	public record Pattern(String text, String like, String index, String rarest) {

		public boolean narrowed() {
			return !like.equals(index);
		}
	}

	/** The patterns for {@code text} (lower-cased) in the column whose trigram statistics object is {@code statistics}. */
	public Pattern pattern(String statistics, String text) {
		return pattern(text, common(statistics));
	}

	/** The {@code like} pattern matching {@code text} anywhere, its {@code \ % _} escaped. */
	public static String contains(String text) {
		return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

	/**
	 * The index pattern: the stretches of the text's words (runs of letters and digits, as pg_trgm splits them) whose
	 * trigrams are all uncommon, at least three characters each, in the text's order, never overlapping, joined by
	 * {@code %}. Any value containing the text contains these stretches in this order, so the pattern finds a superset. The
	 * whole text when no trigram of it is common; when every one is, its least common trigrams ({@link #leastCommon}).
	 * {@code common} maps each common trigram to its share of the rows.
	 */
	static Pattern pattern(String text, Map<String, Double> common) {
		String like = contains(text);
		if (common.isEmpty()) {
			return new Pattern(text, like, like, null);
		}
		int[] points = text.codePoints().toArray();
		List<String> stretches = new ArrayList<>();
		boolean anyCommon = false;
		Map<String, Integer> firstAt = new LinkedHashMap<>(); // each trigram of the text at its first position
		int end = 0; // where the last stretch kept ends: the next starts at or after it
		int i = 0;
		while (i < points.length) {
			if (!Character.isLetterOrDigit(points[i])) {
				i++;
				continue;
			}
			int wordEnd = i;
			while (wordEnd < points.length && Character.isLetterOrDigit(points[wordEnd])) {
				wordEnd++;
			}
			// trigram k is points[k, k + 3); a run of uncommon trigrams a..b covers points[a, b + 3)
			int runStart = -1;
			for (int k = i; k + 3 <= wordEnd; k++) {
				String trigram = new String(points, k, 3);
				boolean isCommon = common.containsKey(trigram);
				anyCommon |= isCommon;
				firstAt.putIfAbsent(trigram, k);
				if (!isCommon && runStart < 0) {
					runStart = k;
				}
				if (isCommon && runStart >= 0) {
					end = keep(points, Math.max(runStart, end), k + 2, stretches, end);
					runStart = -1;
				}
			}
			if (runStart >= 0) {
				end = keep(points, Math.max(runStart, end), wordEnd, stretches, end);
			}
			i = wordEnd;
		}
		if (!anyCommon) {
			return new Pattern(text, like, like, null);
		}
		if (!stretches.isEmpty()) {
			return new Pattern(text, like, "%" + String.join("%", stretches) + "%", null);
		}
		List<String> byShare = byShare(firstAt, common);
		return new Pattern(text, like, "%" + String.join("%", leastCommon(points, byShare, firstAt, common)) + "%", byShare.get(0));
	}

	/**
	 * What a posting-list entry costs the index scan against a row it finds, which the table then reads and tests: measured
	 * on a lead's {@code creator4} at 100,000 tasks, about 20 ns an entry and 450 ns a row (stop 36).
	 */
	static final double ROW_COST = 20;

	/**
	 * The stretches to ask the index for when every trigram of the text is common: its least common trigrams, the next added
	 * while it lowers the cost estimated from their shares (the entries of each posting list read, plus the rows they leave,
	 * at {@value #ROW_COST} entries each, taking the trigrams as independent), in the text's order, overlapping ones merged. A
	 * GIN scan for the whole text reads every trigram's list: for {@code creator4} five that hold every task and one that
	 * holds one in nine, against that one alone here. Two common words that rarely meet are both asked for.
	 */
	static List<String> leastCommon(int[] points, List<String> byShare, Map<String, Integer> firstAt, Map<String, Double> shares) {
		List<Integer> chosen = new ArrayList<>();
		double entries = 0;
		double rows = 1;
		double cost = Double.MAX_VALUE;
		for (String trigram : byShare) {
			double share = shares.get(trigram);
			double next = entries + share + ROW_COST * rows * share;
			if (next >= cost) {
				break;
			}
			entries += share;
			rows *= share;
			cost = next;
			chosen.add(firstAt.get(trigram));
		}
		chosen.sort(null);
		List<String> stretches = new ArrayList<>();
		int from = chosen.get(0);
		int to = from + 3;
		for (int k : chosen.subList(1, chosen.size())) {
			if (k < to) {
				to = k + 3;
				continue;
			}
			stretches.add(new String(points, from, to - from));
			from = k;
			to = k + 3;
		}
		stretches.add(new String(points, from, to - from));
		return stretches;
	}

	/** The text's trigrams (each at its first position), the least common first, then by position. */
	private static List<String> byShare(Map<String, Integer> firstAt, Map<String, Double> shares) {
		List<String> byShare = new ArrayList<>(firstAt.keySet());
		byShare.sort(Comparator.comparingDouble((String trigram) -> shares.get(trigram)).thenComparingInt(firstAt::get));
		return byShare;
	}

	/** Keeps points[from, to) when it is three or more long (it has a trigram); the end of what is kept. */
	private static int keep(int[] points, int from, int to, List<String> stretches, int end) {
		if (to - from < 3) {
			return end;
		}
		stretches.add(new String(points, from, to - from));
		return to;
	}

	/** The statistics are read again on the next search (after an {@code analyze} that should count at once). */
	public void forget() {
		snapshot = null;
	}

	/** The common trigrams of a statistics object with their shares of the rows (empty without statistics), read at most every {@link #REFRESH}. */
	Map<String, Double> common(String statistics) {
		Snapshot current = snapshot;
		Instant now = clock.instant();
		if (current == null || current.read().plus(REFRESH).isBefore(now) || now.isBefore(current.read())) {
			current = new Snapshot(now, read());
			snapshot = current;
		}
		return current.common().getOrDefault(statistics, Map.of());
	}

	private Map<String, Map<String, Double>> read() {
		Map<String, Map<String, Double>> common = new HashMap<>();
		// most_common_elem_freqs: the share of rows holding each element (then three summary numbers, paired with no element)
		jdbc.sql("""
				select s.statistics_name, e.elem, e.share
				from pg_stats_ext_exprs s
				cross join lateral unnest(cast(cast(s.most_common_elems as text) as text[]), s.most_common_elem_freqs) as e(elem, share)
				where s.statistics_name like '%\\_trigrams' and e.elem is not null and e.share > :share""")
			.param("share", COMMON_SHARE)
			.query((rs, n) -> common.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getDouble(3)))
			.list();
		return common;
	}

	private record Snapshot(Instant read, Map<String, Map<String, Double>> common) {
	}
}
