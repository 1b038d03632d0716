package com.greenroom.incidents;

import java.util.LinkedHashSet;
import java.util.Set;

import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.notifications.Notice;
import com.greenroom.notifications.NoticeKind;
import com.greenroom.notifications.Notifications;
import org.springframework.stereotype.Component;

/**
 * Who hears of an incident and when: on declaration, on each severity change and on resolution, its owner (the
 * commander) and the regional leads of its regions get a notice, and every admin too while it is at the highest
 * severity. The person who made the change is not told of it. Notices join the caller's transaction; each names
 * the event in its dedup key (the timeline entry that recorded it), so a retried change notifies nobody twice, and
 * the users' channel choices for {@link NoticeKind#INCIDENT} apply.
 */
@Component
class IncidentNotices {

	private final Notifications notifications;

	private final Users users;

	IncidentNotices(Notifications notifications, Users users) {
		this.notifications = notifications;
		this.users = users;
	}

	void declared(Incident incident, String actor, long entryId) {
		send(incident, actor, incident.severity() + " incident declared: " + incident.title(),
				"Declared by " + actor + " in " + String.join(", ", incident.regions()) + ". Owner: " + owner(incident) + ".",
				"incident:" + incident.id() + ":declared:" + entryId);
	}

	void severityChanged(Incident incident, Severity from, String actor, long entryId) {
		send(incident, actor, "Incident #" + incident.id() + " is now " + incident.severity() + " (was " + from + "): " + incident.title(),
				"Changed by " + actor + ". Regions: " + String.join(", ", incident.regions()) + ". Owner: " + owner(incident) + ".",
				"incident:" + incident.id() + ":severity:" + entryId);
	}

	void resolved(Incident incident, String actor, long entryId) {
		send(incident, actor, "Incident #" + incident.id() + " resolved: " + incident.title(),
				"Resolved by " + actor + ". Outcome: " + incident.outcome(), "incident:" + incident.id() + ":resolved:" + entryId);
	}

	/** The owner, the leads of the incident's regions, and (at the highest severity) every admin; enabled, not the actor. */
	Set<Long> recipients(Incident incident, String actor) {
		Set<Long> ids = new LinkedHashSet<>();
		boolean highest = incident.severity() == Severity.values()[0];
		for (UserSummary user : users.all()) {
			if (!user.enabled() || user.username().equals(actor)) {
				continue;
			}
			boolean owner = incident.ownerId() != null && incident.ownerId() == user.id();
			boolean lead = user.roles().contains(Role.REGIONAL_LEAD) && user.regions().stream().anyMatch(incident.regions()::contains);
			if (owner || lead || (highest && user.isAdmin())) {
				ids.add(user.id());
			}
		}
		return ids;
	}

	private void send(Incident incident, String actor, String subject, String body, String dedup) {
		for (long user : recipients(incident, actor)) {
			notifications.notify(new Notice(user, NoticeKind.INCIDENT, subject, body, IncidentLinks.page(incident.id()), dedup));
		}
	}

	private static String owner(Incident incident) {
		return incident.ownerName() == null ? "nobody yet" : incident.ownerName();
	}
}
