package com.greenroom.safety;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import com.greenroom.activity.RoomRisk;
import com.greenroom.activity.RoomRisks;
import com.greenroom.identity.Viewer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Top rooms' risk badge: a creator with an open case shows "Open case" and its highest severity; those who
 * may see case details get a link to the creator's open cases. Anyone who may flag gets a Flag link per room.
 */
@Component
class SafetyRoomRisks implements RoomRisks {

	private final SafetyCases cases;

	SafetyRoomRisks(SafetyCases cases) {
		this.cases = cases;
	}

	@Override
	public Map<String, RoomRisk> risksOf(Viewer viewer, Collection<String> creatorIds) {
		boolean details = cases.mayView(viewer);
		Map<String, RoomRisk> badges = new HashMap<>();
		cases.openRisks(creatorIds)
			.forEach((creatorId, severity) -> badges.put(creatorId,
					new RoomRisk(details ? "Open case · " + severity.label() : "Open case", severity.name(),
							details ? UriComponentsBuilder.fromPath("/safety/cases")
								.queryParam("creator", creatorId)
								.queryParam("status", "open")
								.build()
								.encode()
								.toUriString() : null)));
		return badges;
	}

	@Override
	public String flagLink(Viewer viewer, String creatorId, String streamId) {
		return cases.mayFlag(viewer) ? SafetyConsole.flagLink(creatorId, streamId) : null;
	}
}
