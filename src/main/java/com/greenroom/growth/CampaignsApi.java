package com.greenroom.growth;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Regions;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.InvalidInputException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Campaigns and their ROI over HTTP. */
@RestController
@RequestMapping("/api/v1/campaigns")
@Tag(name = "Campaigns", description = "Campaigns (period, regions, cost, participants, goal) and their ROI")
@SecurityRequirement(name = "bearer")
class CampaignsApi {

	private final Campaigns campaigns;

	private final Regions regions;

	private final Clock clock;

	CampaignsApi(Campaigns campaigns, Regions regions, Clock clock) {
		this.campaigns = campaigns;
		this.regions = regions;
		this.clock = clock;
	}

	@GetMapping
	@Operation(summary = "Campaigns in the viewer's regions, latest start first (at most 500)")
	List<Campaign> list(Viewer viewer,
			@Parameter(description = "Only campaigns running in this region") @RequestParam(required = false) String region) {
		return campaigns.list(viewer, region(viewer, region));
	}

	@PostMapping
	@Operation(summary = "Create a campaign (admins, regional leads, analysts): name, regions, start and end dates (each region's "
			+ "midnight to midnight), cost {value, currency} converted to USD at the configured rate, and either creators (platform ids) "
			+ "or a segment (region, tier, manager, country, language) whose members are stored when the campaign starts in each region")
	ResponseEntity<Campaign> create(Viewer viewer, @RequestBody CampaignDraft draft) {
		Campaign created = campaigns.create(viewer, draft);
		return ResponseEntity.created(URI.create("/api/v1/campaigns/" + created.id())).body(created);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One campaign")
	Campaign get(Viewer viewer, @PathVariable long id) {
		return campaigns.get(viewer, id);
	}

	@GetMapping("/{id}/roi")
	@Operation(summary = "The campaign's ROI, per campaign and per region: incremental revenue = participants' revenue in the period "
			+ "minus their average daily revenue over the 28 days before × campaign days; ROI = (incremental − cost) / cost; "
			+ "with the participants' daily revenue against the baseline")
	CampaignRoi roi(Viewer viewer, @PathVariable long id) {
		return campaigns.roi(viewer, id, clock.instant());
	}

	private String region(Viewer viewer, String raw) {
		String region = Checks.blankToNull(raw);
		if (region == null) {
			return null;
		}
		region = region.toUpperCase(Locale.ROOT);
		if (!regions.exists(region) || !viewer.canSee(region)) {
			throw new InvalidInputException("region", "unknown region, or not one of yours: " + raw);
		}
		return region;
	}
}
