package com.greenroom.playbooks;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Viewer;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Playbooks over HTTP. {@code region} names a regional variant (absent: the global playbook); reading current
 * guidance, it is the reader's region (absent: your only region, else global).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Playbooks", description = "The SOP library: versions, regional variants, approval, current guidance, search, change requests, "
		+ "reviews and releases")
@SecurityRequirement(name = "bearer")
class PlaybooksApi {

	private final Playbooks playbooks;

	private final Releases releases;

	PlaybooksApi(Playbooks playbooks, Releases releases) {
		this.playbooks = playbooks;
		this.releases = releases;
	}

	@GetMapping("/playbooks")
	@Operation(operationId = "listPlaybooks", summary = "Playbooks you can see: global ones and your regions' variants; "
			+ "stale=true lists those past their review or update")
	List<Playbook> list(Viewer viewer, @RequestParam(required = false) String tag, @RequestParam(defaultValue = "false") boolean stale) {
		return playbooks.list(viewer, tag, stale);
	}

	@PostMapping("/playbooks")
	@Operation(operationId = "createPlaybook", summary = "Create a playbook (admins) or a region's variant (its leads) with version 1 as a draft")
	ResponseEntity<PlaybookVersion> create(Viewer viewer, @RequestBody Playbooks.NewPlaybook body) {
		PlaybookVersion created = playbooks.create(viewer, body);
		return ResponseEntity.created(versionUri(created)).body(created);
	}

	@GetMapping("/playbooks/search")
	@Operation(operationId = "searchPlaybooks", summary = "Full-text search over the current guidance of your region (web search syntax: "
			+ "words, \"phrases\", -excluded, or)")
	List<Playbooks.SearchHit> search(Viewer viewer, @RequestParam(required = false) String q, @RequestParam(required = false) String region) {
		return playbooks.search(viewer, q, region);
	}

	@GetMapping("/playbooks/stale")
	@Operation(operationId = "listStalePlaybooks", summary = "Playbooks past their review or their update cadence")
	List<Playbook> stale(Viewer viewer) {
		return playbooks.list(viewer, null, true);
	}

	@GetMapping("/playbooks/change-requests")
	@Operation(operationId = "listChangeRequests", summary = "Change requests you can see, of one playbook key or all; status OPEN or CLOSED")
	List<ChangeRequest> changeRequests(Viewer viewer, @RequestParam(required = false) String key, @RequestParam(required = false) String status) {
		return playbooks.changeRequests(viewer, key, status);
	}

	@PostMapping("/playbooks/change-requests")
	@Operation(operationId = "raiseChangeRequest", summary = "Raise a change request by hand (source MANUAL unless named); the owner gets a task")
	ResponseEntity<ChangeRequest> raise(Viewer viewer, @RequestBody ChangeRequestDraft body) {
		ChangeRequest raised = playbooks.raiseChange(viewer, body);
		return ResponseEntity.created(URI.create("/api/v1/playbooks/change-requests/" + raised.id())).body(raised);
	}

	@GetMapping("/playbooks/change-requests/{id}")
	@Operation(operationId = "getChangeRequest", summary = "A change request with its task and the version that closed it")
	ChangeRequest changeRequest(Viewer viewer, @PathVariable long id) {
		return playbooks.changeRequest(viewer, id);
	}

	@GetMapping("/playbooks/{key}")
	@Operation(operationId = "getCurrentGuidance", summary = "Current guidance: the latest published version for the reader's region "
			+ "(its variant's, else the global one's)")
	PlaybookVersion current(Viewer viewer, @PathVariable String key, @RequestParam(required = false) String region) {
		return playbooks.current(viewer, key, region);
	}

	@GetMapping("/playbooks/{key}/settings")
	@Operation(operationId = "getPlaybook", summary = "One playbook scope (region: a variant) with owner, cadences, tags and where it stands")
	Playbook get(Viewer viewer, @PathVariable String key, @RequestParam(required = false) String region) {
		return playbooks.get(viewer, key, region);
	}

	@PatchMapping("/playbooks/{key}/settings")
	@Operation(operationId = "configurePlaybook", summary = "Change title, owner (0 removes), review and update cadence (days) or tags; "
			+ "absent fields stay")
	Playbook configure(Viewer viewer, @PathVariable String key, @RequestParam(required = false) String region,
			@RequestBody Playbooks.Settings body) {
		return playbooks.configure(viewer, key, region, body);
	}

	@GetMapping("/playbooks/{key}/versions")
	@Operation(operationId = "listPlaybookVersions", summary = "Every version of one scope, newest first")
	List<PlaybookVersion> versions(Viewer viewer, @PathVariable String key, @RequestParam(required = false) String region) {
		return playbooks.versions(viewer, key, region);
	}

	@PostMapping("/playbooks/{key}/versions")
	@Operation(operationId = "createPlaybookDraft", summary = "Start the next version as a draft (absent title or body copy the latest); "
			+ "changeRequestIds are the requests it answers")
	ResponseEntity<PlaybookVersion> newDraft(Viewer viewer, @PathVariable String key, @RequestParam(required = false) String region,
			@RequestBody Playbooks.VersionText body) {
		PlaybookVersion draft = playbooks.newDraft(viewer, key, region, body);
		return ResponseEntity.created(versionUri(draft)).body(draft);
	}

	@GetMapping("/playbooks/{key}/versions/{version}")
	@Operation(operationId = "getPlaybookVersion", summary = "One version, any status")
	PlaybookVersion version(Viewer viewer, @PathVariable String key, @PathVariable int version, @RequestParam(required = false) String region) {
		return playbooks.version(viewer, key, region, version);
	}

	@PutMapping("/playbooks/{key}/versions/{version}")
	@Operation(operationId = "updatePlaybookDraft", summary = "Change a draft's title, body, change summary or change requests; "
			+ "any other status is a 409")
	PlaybookVersion update(Viewer viewer, @PathVariable String key, @PathVariable int version, @RequestParam(required = false) String region,
			@RequestBody Playbooks.VersionText body) {
		return playbooks.updateDraft(viewer, key, region, version, body);
	}

	@PostMapping("/playbooks/{key}/versions/{version}/submit")
	@Operation(operationId = "submitPlaybookVersion", summary = "Send a draft for approval")
	PlaybookVersion submit(Viewer viewer, @PathVariable String key, @PathVariable int version, @RequestParam(required = false) String region) {
		return playbooks.submit(viewer, key, region, version);
	}

	@PostMapping("/playbooks/{key}/versions/{version}/approve")
	@Operation(operationId = "approvePlaybookVersion", summary = "Approve a version in review: an admin, or for a variant a lead of its region; "
			+ "never its author (409)")
	PlaybookVersion approve(Viewer viewer, @PathVariable String key, @PathVariable int version, @RequestParam(required = false) String region) {
		return playbooks.approve(viewer, key, region, version);
	}

	@PostMapping("/playbooks/{key}/versions/{version}/send-back")
	@Operation(operationId = "sendBackPlaybookVersion", summary = "Return a version in review to draft, withdrawing any approval")
	PlaybookVersion sendBack(Viewer viewer, @PathVariable String key, @PathVariable int version, @RequestParam(required = false) String region) {
		return playbooks.sendBack(viewer, key, region, version);
	}

	@PostMapping("/playbooks/{key}/versions/{version}/publish")
	@Operation(operationId = "publishPlaybookVersion", summary = "Publish an approved version: it becomes current guidance, the previous one "
			+ "is retired and the change requests it references close; an unapproved version is a 409")
	PlaybookVersion publish(Viewer viewer, @PathVariable String key, @PathVariable int version, @RequestParam(required = false) String region) {
		return playbooks.publish(viewer, key, region, version);
	}

	@GetMapping("/playbooks/{key}/diff")
	@Operation(operationId = "diffPlaybookVersions", summary = "Side-by-side diff of two versions, line by line with changed words marked "
			+ "(rows are escaped HTML with <del>/<ins>)")
	VersionDiff diff(Viewer viewer, @PathVariable String key, @RequestParam int from, @RequestParam int to,
			@RequestParam(required = false) String region) {
		return playbooks.diff(viewer, key, region, from, to);
	}

	@GetMapping("/playbooks/{key}/reviews")
	@Operation(operationId = "listPlaybookReviews", summary = "Reviews of one scope: due ones (from the cadence) and recorded ones")
	List<Review> reviews(Viewer viewer, @PathVariable String key, @RequestParam(required = false) String region) {
		return playbooks.reviews(viewer, key, region);
	}

	@PostMapping("/playbooks/{key}/reviews")
	@Operation(operationId = "recordPlaybookReview", summary = "Record a review: NO_CHANGE, or CHANGE_REQUESTED with a summary (opens a "
			+ "change request); completes the review task")
	ResponseEntity<Review> review(Viewer viewer, @PathVariable String key, @RequestParam(required = false) String region,
			@RequestBody ReviewBody body) {
		Review recorded = playbooks.review(viewer, key, region, body.outcome(), body.note(), body.summary());
		return ResponseEntity.created(URI.create(reviewsPath(key, recorded.region()))).body(recorded);
	}

	@GetMapping("/releases")
	@Operation(operationId = "listReleases", summary = "Feature releases, newest first, with the playbooks they affect")
	List<Release> releases() {
		return releases.list();
	}

	@PostMapping("/releases")
	@Operation(operationId = "recordRelease", summary = "Record a feature release (admins, regional leads): each affected playbook gets a "
			+ "change request")
	ResponseEntity<Release> recordRelease(Viewer viewer, @RequestBody Releases.NewRelease body) {
		Release recorded = releases.record(viewer, body);
		return ResponseEntity.created(URI.create("/api/v1/releases/" + recorded.id())).body(recorded);
	}

	@GetMapping("/releases/{id}")
	@Operation(operationId = "getRelease", summary = "One release with its change requests")
	Release release(@PathVariable long id) {
		return releases.get(id);
	}

	record ReviewBody(String outcome, String note, String summary) {
	}

	private static URI versionUri(PlaybookVersion version) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/api/v1/playbooks/{key}/versions/{version}");
		if (version.region() != null) {
			uri.queryParam("region", version.region());
		}
		return URI.create(uri.buildAndExpand(version.key(), version.version()).encode().toUriString());
	}

	private static String reviewsPath(String key, String region) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/api/v1/playbooks/{key}/reviews");
		if (region != null) {
			uri.queryParam("region", region);
		}
		return uri.buildAndExpand(key).encode().toUriString();
	}
}
