package com.greenroom.creators;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.greenroom.events.EventType;
import com.greenroom.events.PlatformEvent;
import com.greenroom.events.Projection;
import org.springframework.stereotype.Component;

/**
 * Keeps the roster in step with the platform: {@code creator.registered} adds or completes a creator,
 * any other event of an unknown creator adds a PENDING placeholder. Order does not matter: a
 * registration completes a placeholder, a placeholder never overwrites a registration.
 * <p>
 * {@link #reset()} deletes nothing: the roster also holds the team's own work (managers, notes, edits),
 * and replaying registrations onto it changes nothing that is already there.
 */
@Component
class RosterProjection implements Projection {

	private final CreatorRegistrations creators;

	RosterProjection(CreatorRegistrations creators) {
		this.creators = creators;
	}

	@Override
	public String name() {
		return "creators.roster";
	}

	@Override
	public void apply(List<PlatformEvent> batch) {
		Set<String> seen = new LinkedHashSet<>();
		List<CreatorRegistrations.Registration> registrations = new ArrayList<>();
		for (PlatformEvent event : batch) {
			if (event.type() == EventType.CREATOR_REGISTERED) {
				registrations.add(new CreatorRegistrations.Registration(event.creatorId(), event.attribute("handle"), event.attribute("country"),
						event.attribute("language"), event.attribute("timezone"), event.attribute("region"), event.occurredAt()));
			}
			else {
				seen.add(event.creatorId());
			}
		}
		if (registrations.isEmpty() && seen.isEmpty()) {
			return;
		}
		creators.fromTheLog(!registrations.isEmpty());
		creators.recordRegistrations(registrations);
		creators.recordPlaceholders(seen);
	}

	/**
	 * Not split by creator: a registration may take the region's round-robin turn
	 * ({@code region_auto_assignment}), state shared by every creator of the region.
	 */
	@Override
	public boolean sharded() {
		return false;
	}

	/** Only a registration's attributes are read (handle, country, ...); other events count by their creator id. */
	@Override
	public Set<EventType> attributesOf() {
		return EnumSet.of(EventType.CREATOR_REGISTERED);
	}

	/** Of any other event only its creator id is read: such events arrive without their other fields (the log's largest read, kept narrow). */
	@Override
	public Set<EventType> fieldsOf() {
		return EnumSet.of(EventType.CREATOR_REGISTERED);
	}

	@Override
	public void reset() {
		// nothing to delete; see the class comment
	}
}
