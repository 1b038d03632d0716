package com.greenroom.creators;

/**
 * How the roster is shown, as requested: {@code sort} is a column key, descending with a leading
 * {@code -} ({@code -revenue28d}); {@code columns} a comma-separated list of column keys. Null means the
 * default (by handle; the default columns). Checked by {@link Roster}, which names the parameter it refuses.
 */
public record RosterView(String sort, String columns) {

	public static final RosterView DEFAULT = new RosterView(null, null);
}
