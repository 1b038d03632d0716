package com.greenroom.tiers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Viewer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A creator's tier pace over HTTP. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Tiers")
@SecurityRequirement(name = "bearer")
class TierPaceApi {

	private final TierPaces paces;

	TierPaceApi(TierPaces paces) {
		this.paces = paces;
	}

	@GetMapping("/creators/{creatorId}/tier-pace")
	@Operation(summary = "Where the creator lands at the end of the current 28-day tier period at their pace so far "
			+ "(revenue, active days, live minutes), and what it takes to reach the next tier, with the days left")
	TierPace pace(Viewer viewer, @PathVariable String creatorId) {
		return paces.of(viewer, creatorId);
	}
}
