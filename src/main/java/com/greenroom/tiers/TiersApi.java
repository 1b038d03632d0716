package com.greenroom.tiers;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Viewer;
import com.greenroom.system.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Creator tiers, their history, thresholds and recompute over HTTP. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Tiers", description = "Top, mid, emerging, dormant and new creators per region over the trailing 28 days")
@SecurityRequirement(name = "bearer")
class TiersApi {

	private final Tiers tiers;

	private final TierRecomputes recomputes;

	TiersApi(Tiers tiers, TierRecomputes recomputes) {
		this.tiers = tiers;
		this.recomputes = recomputes;
	}

	@GetMapping("/creators/{creatorId}/tier")
	@Operation(summary = "A creator's current tier with the 28-day figures behind it, and the tier history")
	CreatorTierView tier(Viewer viewer, @PathVariable String creatorId) {
		return new CreatorTierView(tiers.of(viewer, creatorId), tiers.history(viewer, creatorId));
	}

	@GetMapping("/tiers")
	@Operation(summary = "Current tiers of your creators, highest 28-day revenue first; filter by region, tier and manager (user id)")
	List<Tiers.Row> list(Viewer viewer, @RequestParam(required = false) String region, @RequestParam(required = false) String tier,
			@RequestParam(required = false) Long manager) {
		return tiers.list(viewer, region, tier, manager);
	}

	@PostMapping("/tiers/recompute")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Start recomputing tiers (admins, regional leads): one region, or every region you lead; "
			+ "202 with the job, whose progress per region GET /api/v1/tiers/recompute/{id} shows")
	ResponseEntity<TierRecomputeJob> recompute(Viewer viewer, @RequestParam(required = false) String region) {
		TierRecomputeJob job = recomputes.start(viewer, region);
		return ResponseEntity.accepted().location(URI.create("/api/v1/tiers/recompute/" + job.id())).body(job);
	}

	@GetMapping("/tiers/recompute/{id}")
	@Operation(summary = "A tier recompute job with its progress per region (404 unless you can see every region of it)")
	TierRecomputeJob recomputeJob(Viewer viewer, @PathVariable String id) {
		if (!id.matches("^[1-9]\\d{0,17}$")) {
			throw new NotFoundException("Tier recompute job", id.length() > 40 ? id.substring(0, 40) + "…" : id);
		}
		return recomputes.find(viewer, Long.parseLong(id));
	}

	@GetMapping("/regions/{code}/tier-thresholds")
	@Operation(summary = "A region's tier thresholds (defaults: top 10%, mid the next 30%)")
	TierThresholds thresholds(Viewer viewer, @PathVariable String code) {
		if (!viewer.canSee(code)) {
			throw new NotFoundException("Region", code);
		}
		return tiers.thresholds(code);
	}

	@PutMapping("/regions/{code}/tier-thresholds")
	@Operation(summary = "Set a region's tier thresholds (admins, the region's leads); they apply from the next recompute")
	TierThresholds setThresholds(Viewer viewer, @PathVariable String code, @RequestBody ThresholdChanges body) {
		return tiers.setThresholds(viewer, code, body.topPercent(), body.midPercent());
	}

	record ThresholdChanges(Integer topPercent, Integer midPercent) {
	}

	record CreatorTierView(CreatorTier current, List<CreatorTier.Period> history) {
	}
}
