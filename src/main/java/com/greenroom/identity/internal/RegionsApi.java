package com.greenroom.identity.internal;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.system.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Regions, their time zones and country maps. Everyone may read them; admins change them. */
@RestController
@RequestMapping("/api/v1/regions")
@Tag(name = "Regions", description = "Regions of operations, time zones and the country map")
@SecurityRequirement(name = "bearer")
class RegionsApi {

	private final Regions regions;

	RegionsApi(Regions regions) {
		this.regions = regions;
	}

	@GetMapping
	@Operation(summary = "List regions")
	List<Region> list() {
		return regions.all();
	}

	@GetMapping("/{code}")
	@Operation(summary = "Get a region")
	Region get(@PathVariable String code) {
		return regions.find(code).orElseThrow(() -> new NotFoundException("Region", code));
	}

	@PostMapping
	@Operation(summary = "Create a region (admin)")
	ResponseEntity<Region> create(@RequestBody Region region) {
		Region created = regions.create(region.countries() == null ? new Region(region.code(), region.name(), region.timeZone(), List.of())
				: region);
		return ResponseEntity.created(URI.create("/api/v1/regions/" + created.code())).body(created);
	}

	@PatchMapping("/{code}")
	@Operation(summary = "Change a region's name, time zone or countries (admin); absent fields stay")
	Region update(@PathVariable String code, @RequestBody RegionChanges changes) {
		return regions.update(code, changes.name(), changes.timeZone(), changes.countries());
	}

	record RegionChanges(String name, String timeZone, List<String> countries) {
	}
}
