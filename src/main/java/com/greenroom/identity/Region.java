package com.greenroom.identity;

import java.time.ZoneId;
import java.util.List;

/** A region of operations: its own time zone and the countries whose creators it owns. */
public record Region(String code, String name, String timeZone, List<String> countries) {

	public ZoneId zone() {
		return ZoneId.of(timeZone);
	}
}
