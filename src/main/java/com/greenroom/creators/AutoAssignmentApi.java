package com.greenroom.creators;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Viewer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Auto-assignment of unmanaged new creators, per region. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Creators")
@SecurityRequirement(name = "bearer")
class AutoAssignmentApi {

	private final AutoAssignment autoAssignment;

	AutoAssignmentApi(AutoAssignment autoAssignment) {
		this.autoAssignment = autoAssignment;
	}

	@GetMapping("/auto-assignment")
	@Operation(summary = "Auto-assignment settings of the regions you see")
	List<AutoAssignment.Setting> list(Viewer viewer) {
		return autoAssignment.settings(viewer);
	}

	@GetMapping("/regions/{code}/auto-assignment")
	@Operation(summary = "A region's auto-assignment of unmanaged new creators: OFF, ROUND_ROBIN or LEAST_LOADED")
	AutoAssignment.Setting get(Viewer viewer, @PathVariable String code) {
		return autoAssignment.setting(viewer, code);
	}

	@PutMapping("/regions/{code}/auto-assignment")
	@Operation(summary = "Set a region's auto-assignment (admins and the region's leads); audited")
	AutoAssignment.Setting set(Viewer viewer, @PathVariable String code, @RequestBody ModeChange change) {
		return autoAssignment.set(viewer, code, change.mode());
	}

	/** The mode to set: OFF, ROUND_ROBIN or LEAST_LOADED. */
	record ModeChange(String mode) {
	}
}
