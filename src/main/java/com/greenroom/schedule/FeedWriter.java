package com.greenroom.schedule;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Created;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableTransp;

import com.greenroom.creators.Creator;
import com.greenroom.creators.Creators;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import org.springframework.stereotype.Component;

/**
 * Writes events as an RFC 5545 calendar with ical4j: one VTIMEZONE per zone used, each event a master VEVENT with
 * its RRULE and EXDATEs plus one VEVENT per moved occurrence (same UID, RECURRENCE-ID), so Google Calendar, Outlook
 * and Thunderbird expand them themselves. All-day events are transparent (they do not block time).
 */
@Component
class FeedWriter {

	private final TimeZoneRegistry zones = TimeZoneRegistryFactory.getInstance().createRegistry();

	private final Creators creators;

	private final Users users;

	FeedWriter(Creators creators, Users users) {
		this.creators = creators;
		this.users = users;
	}

	String write(String name, List<EventRow> events, List<FeedSource.FeedItem> items, Viewer viewer, String baseUrl) {
		Calendar calendar = new Calendar().withProdId("-//Greenroom//Calendar//EN").withDefaults().getFluentTarget();
		calendar.add(ImmutableMethod.PUBLISH);
		calendar.add(new XProperty("X-WR-CALNAME", name));
		calendar.add(new XProperty("X-PUBLISHED-TTL", "PT1H"));
		calendar.add(new XProperty("REFRESH-INTERVAL", new ParameterList(List.of(new Value("DURATION"))), "PT1H"));
		Map<String, VTimeZone> used = new LinkedHashMap<>();
		Map<String, String> handles = creators.visible(viewer, events.stream().flatMap(e -> e.creatorIds().stream()).distinct().toList())
			.values()
			.stream()
			.collect(Collectors.toMap(Creator::creatorId, Creator::handle));
		for (EventRow event : events) {
			VTimeZone zone = event.allDay() ? null : vtimezone(event.zone().getId());
			boolean utc = !event.allDay() && zone == null;
			if (zone != null) {
				used.putIfAbsent(event.zone().getId(), zone);
			}
			VEvent master = Recurrence.master(event, utc);
			describe(master, event, handles, baseUrl);
			calendar.add(master);
			for (EventRow.Moved moved : event.moved()) {
				VEvent occurrence = Recurrence.movedOccurrence(event, moved, utc);
				describe(occurrence, event, handles, baseUrl);
				calendar.add(occurrence);
			}
		}
		for (FeedSource.FeedItem item : items) {
			calendar.add(item(item, baseUrl));
		}
		used.values().forEach(calendar::add);
		StringWriter out = new StringWriter();
		try {
			new CalendarOutputter(false).output(calendar, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	private void describe(VEvent vevent, EventRow event, Map<String, String> handles, String baseUrl) {
		vevent.replace(new DtStamp(event.updatedAt()));
		vevent.add(new Uid(event.uid()));
		vevent.add(new Sequence(event.sequence()));
		vevent.add(new Created(event.createdAt()));
		vevent.add(new LastModified(event.updatedAt()));
		vevent.add(new Categories(event.kind().label()));
		if (event.allDay()) {
			vevent.add(ImmutableTransp.TRANSPARENT);
		}
		StringBuilder text = new StringBuilder(event.kind().label()).append(" · ").append(event.region());
		if (!event.creatorIds().isEmpty()) {
			text.append("\nCreators: ")
				.append(event.creatorIds().stream().map(id -> handles.getOrDefault(id, id) + " (" + id + ")").collect(Collectors.joining(", ")));
		}
		if (!event.ownerIds().isEmpty()) {
			text.append("\nOwners: ")
				.append(event.ownerIds().stream().map(id -> users.find(id).map(UserSummary::displayName).orElse("user " + id))
					.collect(Collectors.joining(", ")));
		}
		if (!event.description().isBlank()) {
			text.append("\n\n").append(event.description());
		}
		vevent.add(new Description(text.toString()));
		if (baseUrl != null && !baseUrl.isBlank()) {
			vevent.add(new Url(URI.create(baseUrl + "/calendar/events/" + event.id())));
		}
	}

	/** A due time as a 15-minute, transparent (not busy) event in UTC. */
	private static VEvent item(FeedSource.FeedItem item, String baseUrl) {
		VEvent vevent = new VEvent(item.at(), item.at().plus(java.time.Duration.ofMinutes(15)), item.summary());
		vevent.replace(new DtStamp(item.at()));
		vevent.add(new Uid(item.uid()));
		vevent.add(new Categories(item.category()));
		vevent.add(ImmutableTransp.TRANSPARENT);
		vevent.add(new Description(item.description()));
		if (baseUrl != null && !baseUrl.isBlank() && item.link() != null) {
			vevent.add(new Url(URI.create(baseUrl + item.link())));
		}
		return vevent;
	}

	private VTimeZone vtimezone(String zoneId) {
		if ("UTC".equals(zoneId)) {
			return null;
		}
		TimeZone zone = zones.getTimeZone(zoneId);
		return zone == null ? null : zone.getVTimeZone();
	}
}
