package com.greenroom.system;

import java.util.List;
import java.util.function.Function;

/** One page of a keyset-paginated list; {@code nextCursor} is null on the last page. */
public record PageOf<T>(List<T> items, String nextCursor) {

	/**
	 * Builds a page from {@code limit + 1} fetched rows: the extra row only tells that more exist.
	 */
	public static <T> PageOf<T> fromOverfetch(List<T> rows, int limit, Function<T, Cursor> cursorOf) {
		if (rows.size() <= limit) {
			return new PageOf<>(rows, null);
		}
		List<T> page = rows.subList(0, limit);
		return new PageOf<>(List.copyOf(page), cursorOf.apply(page.get(limit - 1)).encode());
	}

	public <R> PageOf<R> map(Function<T, R> mapper) {
		return new PageOf<>(items.stream().map(mapper).toList(), nextCursor);
	}
}
