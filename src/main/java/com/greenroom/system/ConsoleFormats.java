package com.greenroom.system;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/** Date and time formats of the console, used from templates as {@code @fmt}. */
@Component("fmt")
public class ConsoleFormats {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

	public String date(Instant instant) {
		return instant == null ? "—" : DATE.format(instant.atOffset(ZoneOffset.UTC));
	}

	/** An instant in a time zone (the viewer's, a creator's or a region's); UTC when the zone is unknown. */
	public String dateTime(Instant instant, String zone) {
		if (instant == null) {
			return "—";
		}
		ZoneId zoneId = zone != null && Checks.isTimeZone(zone) ? ZoneId.of(zone) : ZoneId.of("UTC");
		return DATE_TIME.format(instant.atZone(zoneId));
	}
}
