package com.greenroom.system;

/**
 * The one formula guard for CSV exports: spreadsheet programs run a cell that starts with {@code = + - @},
 * a tab or a carriage return as a formula, so such cells are prefixed with {@code '} and stay text.
 * Every CSV row goes through {@link #guard(Object...)}, whatever its columns.
 */
public final class CsvCells {

	private static final String FORMULA_STARTS = "=+-@\t\r";

	private CsvCells() {
	}

	/** The row's cells, each guarded: numbers stay numbers, anything else is written as guarded text. */
	public static Object[] guard(Object... cells) {
		Object[] guarded = new Object[cells.length];
		for (int i = 0; i < cells.length; i++) {
			Object cell = cells[i];
			guarded[i] = cell == null || cell instanceof Number ? cell : guard(cell.toString());
		}
		return guarded;
	}

	public static String guard(String value) {
		if (value != null && !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0) {
			return "'" + value;
		}
		return value;
	}
}
