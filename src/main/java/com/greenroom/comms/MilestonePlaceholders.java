package com.greenroom.comms;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.greenroom.creators.Creator;
import com.greenroom.identity.Role;
import com.greenroom.identity.Viewer;
import com.greenroom.milestones.CreatorMilestone;
import com.greenroom.milestones.Milestones;
import org.springframework.stereotype.Component;

/** Where the creator stands on the success path: milestones reached, the latest one, and the next one. */
@Component
class MilestonePlaceholders implements PlaceholderSource {

	/** Reads on the platform's behalf: the creator was already scoped by whoever asked for the message. */
	private static final Viewer SYSTEM = new Viewer(0, "system", "Greenroom", Set.of(Role.ADMIN), Set.of());

	private final Milestones milestones;

	MilestonePlaceholders(Milestones milestones) {
		this.milestones = milestones;
	}

	@Override
	public List<Placeholder> placeholders() {
		return List.of(new Placeholder("milestones.reached", "names of the milestones reached, comma-separated", "none yet"),
				new Placeholder("milestones.latest", "the milestone reached most recently", "none yet"),
				new Placeholder("milestones.next", "the next milestone on the success path", "all milestones reached"));
	}

	@Override
	public Map<String, String> values(Creator creator) {
		List<CreatorMilestone> path = milestones.of(SYSTEM, creator.creatorId());
		Map<String, String> values = new HashMap<>();
		List<CreatorMilestone> reached = path.stream().filter(CreatorMilestone::reached).toList();
		if (!reached.isEmpty()) {
			values.put("milestones.reached", reached.stream().map(CreatorMilestone::name).collect(Collectors.joining(", ")));
			values.put("milestones.latest",
					reached.stream().max(Comparator.comparing(CreatorMilestone::reachedAt)).map(CreatorMilestone::name).orElseThrow());
		}
		path.stream().filter(m -> !m.reached()).findFirst().ifPresent(m -> values.put("milestones.next", m.name()));
		return values;
	}
}
