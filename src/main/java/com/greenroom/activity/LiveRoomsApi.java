package com.greenroom.activity;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Viewer;
import com.greenroom.system.InvalidInputException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Live rooms over HTTP, scoped to the caller's regions. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Live rooms", description = "Streams live now, with viewers, last-hour revenue and reports")
@SecurityRequirement(name = "bearer")
class LiveRoomsApi {

	private final LiveRooms rooms;

	LiveRoomsApi(LiveRooms rooms) {
		this.rooms = rooms;
	}

	@GetMapping("/live/rooms")
	@Operation(summary = "Rooms live now in the caller's regions, most viewers (or most revenue in the last hour) first")
	List<LiveRoom> list(Viewer viewer, @Parameter(description = "region code") @RequestParam(required = false) String region,
			@Parameter(description = "viewers (default) or revenue") @RequestParam(required = false) String sort,
			@RequestParam(required = false) Integer limit) {
		int max = limit == null ? 50 : limit;
		if (max < 1 || max > 500) {
			throw new InvalidInputException("limit", "must be between 1 and 500");
		}
		return rooms.top(viewer, region, sort, max);
	}
}
