package com.greenroom.playbooks;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Console: the SOP library (/playbooks: list, search, staleness), a key's current guidance with its table of
 * contents, versions, diff, change requests and review (/playbooks/{key}), and the draft editor with submit,
 * approve and publish. {@code region} is the reader's region; it also picks the variant being managed.
 */
@Controller
class PlaybooksConsole {

	private final Playbooks playbooks;

	private final Regions regions;

	private final Users users;

	PlaybooksConsole(Playbooks playbooks, Regions regions, Users users) {
		this.playbooks = playbooks;
		this.regions = regions;
		this.users = users;
	}

	@GetMapping("/playbooks")
	String list(Viewer viewer, @RequestParam(required = false) String q, @RequestParam(required = false) String region,
			@RequestParam(defaultValue = "false") boolean stale, @RequestParam(required = false) String tag, Model model) {
		String reader = Checks.blankToNull(region) != null && viewer.canSee(region.strip()) ? region.strip() : playbooks.readerRegion(viewer, null);
		List<Playbook> all = playbooks.list(viewer, tag, false);
		model.addAttribute("playbooks", stale ? all.stream().filter(Playbook::stale).toList() : all);
		model.addAttribute("staleCount", all.stream().filter(Playbook::stale).count());
		model.addAttribute("stale", stale);
		model.addAttribute("q", q == null ? "" : q);
		model.addAttribute("region", reader);
		model.addAttribute("regions", regions.visibleTo(viewer).stream().map(Region::code).toList());
		model.addAttribute("canCreate", viewer.isAdmin());
		if (q != null && !q.isBlank()) {
			try {
				model.addAttribute("hits", playbooks.search(viewer, q, reader));
			}
			catch (InvalidInputException ex) {
				model.addAttribute("searchError", ex.getMessage());
			}
		}
		return "playbooks/list";
	}

	@GetMapping("/playbooks/new")
	String newPlaybook(Viewer viewer, Model model) {
		if (!viewer.isAdmin()) {
			throw new org.springframework.security.access.AccessDeniedException("Only admins create global playbooks");
		}
		model.addAttribute("form", Map.of());
		return "playbooks/new";
	}

	@PostMapping("/playbooks")
	String create(Viewer viewer, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
		try {
			PlaybookVersion created = playbooks.create(viewer, new Playbooks.NewPlaybook(form.get("key"), null, form.get("title"), null,
					null, null, Playbooks.splitTags(form.get("tags")), form.getOrDefault("body", ""), form.get("changeSummary")));
			redirect.addFlashAttribute("flash", "Created " + created.title() + " with version 1 as a draft. Submit it for approval when ready.");
			return "redirect:" + versionPath(created.key(), null, 1);
		}
		catch (InvalidInputException | ConflictException ex) {
			model.addAttribute("form", form);
			model.addAttribute("error", ex.getMessage());
			return "playbooks/new";
		}
	}

	@GetMapping("/playbooks/{key}")
	String guidance(Viewer viewer, @PathVariable String key, @RequestParam(required = false) String region, Model model) {
		String reader = readerOr404(viewer, key, region);
		Playbook scope = managedScope(viewer, key, reader);
		Optional<PlaybookVersion> current;
		try {
			current = Optional.of(playbooks.current(viewer, key, reader));
		}
		catch (NotFoundException ex) {
			current = Optional.empty();
		}
		List<Playbook> scopes = playbooks.list(viewer, null, false).stream().filter(p -> p.key().equals(key)).toList();
		model.addAttribute("key", key);
		model.addAttribute("reader", reader);
		model.addAttribute("scope", scope);
		model.addAttribute("scopes", scopes);
		model.addAttribute("current", current.orElse(null));
		model.addAttribute("versions", playbooks.versions(viewer, key, scope.region()));
		model.addAttribute("requests", playbooks.changeRequestsOf(viewer, scope, false));
		model.addAttribute("reviews", playbooks.reviews(viewer, key, scope.region()));
		model.addAttribute("mayAuthor", playbooks.mayAuthor(viewer, scope));
		model.addAttribute("mayApprove", playbooks.mayApprove(viewer, scope));
		model.addAttribute("newVariantRegions", regions.visibleTo(viewer).stream()
			.map(Region::code)
			.filter(r -> playbooks.mayCreate(viewer, r))
			.filter(r -> scopes.stream().noneMatch(s -> r.equals(s.region())))
			.toList());
		model.addAttribute("owners", users.all().stream()
			.filter(UserSummary::enabled)
			.filter(u -> u.isAdmin() || scope.region() == null || u.regions().contains(scope.region()))
			.filter(u -> !u.roles().equals(List.of(com.greenroom.identity.Role.INTEGRATION)))
			.toList());
		model.addAttribute("scopeQuery", scope.region() == null ? "" : "?region=" + scope.region());
		return "playbooks/guidance";
	}

	@PostMapping("/playbooks/{key}/variants")
	String createVariant(Viewer viewer, @PathVariable String key, @RequestParam String region, RedirectAttributes redirect) {
		return act(redirect, () -> {
			playbooks.create(viewer, new Playbooks.NewPlaybook(key, region, null, null, null, null, null, null, null));
			redirect.addFlashAttribute("flash", "Created the " + region + " variant as a copy of the global guidance. Adapt it, then submit it.");
			return versionPath(key, region, 1);
		}, guidancePath(key, region));
	}

	@PostMapping("/playbooks/{key}/settings")
	String configure(Viewer viewer, @PathVariable String key, @RequestParam(required = false) String region,
			@RequestParam Map<String, String> form, RedirectAttributes redirect) {
		return act(redirect, () -> {
			playbooks.configure(viewer, key, region, new Playbooks.Settings(form.get("title"), parseLong(form.get("ownerId"), "ownerId", 0L),
					parseInt(form.get("reviewEveryDays"), "reviewEveryDays"), parseInt(form.get("updateEveryDays"), "updateEveryDays"),
					form.containsKey("tags") ? Playbooks.splitTags(form.get("tags")) : null));
			redirect.addFlashAttribute("flash", "Settings saved.");
			return guidancePath(key, region) + "#settings";
		}, guidancePath(key, region) + "#settings");
	}

	@GetMapping("/playbooks/{key}/versions/{version}")
	String version(Viewer viewer, @PathVariable String key, @PathVariable int version, @RequestParam(required = false) String region,
			Model model) {
		PlaybookVersion shown = playbooks.version(viewer, key, region, version);
		Playbook scope = playbooks.get(viewer, key, region);
		model.addAttribute("version", shown);
		model.addAttribute("scope", scope);
		model.addAttribute("versions", playbooks.versions(viewer, key, region));
		model.addAttribute("editable", shown.status() == VersionStatus.DRAFT && playbooks.mayAuthor(viewer, scope));
		model.addAttribute("mayAuthor", playbooks.mayAuthor(viewer, scope));
		model.addAttribute("mayApprove", playbooks.mayApprove(viewer, scope));
		model.addAttribute("isAuthor", shown.author().equals(viewer.username()));
		model.addAttribute("openRequests", playbooks.changeRequestsOf(viewer, scope, true));
		model.addAttribute("scopeQuery", scope.region() == null ? "" : "?region=" + scope.region());
		return "playbooks/version";
	}

	@PostMapping("/playbooks/{key}/versions")
	String newDraft(Viewer viewer, @PathVariable String key, @RequestParam(required = false) String region, RedirectAttributes redirect) {
		return act(redirect, () -> {
			PlaybookVersion draft = playbooks.newDraft(viewer, key, Checks.blankToNull(region),
					new Playbooks.VersionText(null, null, "Describe what changed", null));
			redirect.addFlashAttribute("flash", "Draft v" + draft.version() + " started from the latest version.");
			return versionPath(key, draft.region(), draft.version());
		}, guidancePath(key, region));
	}

	@PostMapping("/playbooks/{key}/versions/{version}")
	String save(Viewer viewer, @PathVariable String key, @PathVariable int version, @RequestParam(required = false) String region,
			@RequestParam Map<String, String> form, @RequestParam(name = "changeRequestIds", required = false) List<Long> requests,
			RedirectAttributes redirect) {
		return act(redirect, () -> {
			playbooks.updateDraft(viewer, key, region, version,
					new Playbooks.VersionText(form.get("title"), form.getOrDefault("body", ""), form.get("changeSummary"),
							requests == null ? List.of() : requests));
			redirect.addFlashAttribute("flash", "Saved draft v" + version + ".");
			return versionPath(key, region, version);
		}, versionPath(key, region, version));
	}

	@PostMapping("/playbooks/{key}/versions/{version}/{action}")
	String transition(Viewer viewer, @PathVariable String key, @PathVariable int version, @PathVariable String action,
			@RequestParam(required = false) String region, RedirectAttributes redirect) {
		return act(redirect, () -> {
			String done = switch (action) {
				case "submit" -> {
					playbooks.submit(viewer, key, region, version);
					yield "Submitted v" + version + " for approval.";
				}
				case "approve" -> {
					playbooks.approve(viewer, key, region, version);
					yield "Approved v" + version + ". It can be published now.";
				}
				case "send-back" -> {
					playbooks.sendBack(viewer, key, region, version);
					yield "Sent v" + version + " back to draft.";
				}
				case "publish" -> {
					playbooks.publish(viewer, key, region, version);
					yield "Published v" + version + ": it is the current guidance now.";
				}
				default -> throw new NotFoundException("Action", action);
			};
			redirect.addFlashAttribute("flash", done);
			return versionPath(key, region, version);
		}, versionPath(key, region, version));
	}

	@GetMapping("/playbooks/{key}/diff")
	String diff(Viewer viewer, @PathVariable String key, @RequestParam(required = false) String region, @RequestParam int from,
			@RequestParam int to, Model model) {
		model.addAttribute("diff", playbooks.diff(viewer, key, region, from, to));
		model.addAttribute("scope", playbooks.get(viewer, key, region));
		model.addAttribute("scopeQuery", Checks.blankToNull(region) == null ? "" : "?region=" + region.strip());
		return "playbooks/diff";
	}

	@PostMapping("/playbooks/{key}/change-requests")
	String raise(Viewer viewer, @PathVariable String key, @RequestParam(required = false) String region, @RequestParam String summary,
			RedirectAttributes redirect) {
		return act(redirect, () -> {
			ChangeRequest raised = playbooks.raiseChange(viewer, new ChangeRequestDraft(key, region, summary, "MANUAL", null));
			redirect.addFlashAttribute("flash", "Change request #" + raised.id() + " raised; the owner has a task for it.");
			return guidancePath(key, region) + "#change-requests";
		}, guidancePath(key, region) + "#change-requests");
	}

	@PostMapping("/playbooks/{key}/reviews")
	String review(Viewer viewer, @PathVariable String key, @RequestParam(required = false) String region, @RequestParam Map<String, String> form,
			RedirectAttributes redirect) {
		return act(redirect, () -> {
			Review review = playbooks.review(viewer, key, region, form.get("outcome"), form.get("note"), form.get("summary"));
			redirect.addFlashAttribute("flash", review.changeRequestId() == null ? "Review recorded: no change needed."
					: "Review recorded; change request #" + review.changeRequestId() + " opened.");
			return guidancePath(key, region) + "#review";
		}, guidancePath(key, region) + "#review");
	}

	private String act(RedirectAttributes redirect, Supplier<String> action, String onError) {
		try {
			return "redirect:" + action.get();
		}
		catch (InvalidInputException | ConflictException ex) {
			redirect.addFlashAttribute("flashError", ex.getMessage());
			return "redirect:" + onError;
		}
	}

	/** The reader's region; another region's is a 404 like everything outside the viewer's regions. */
	private String readerOr404(Viewer viewer, String key, String region) {
		String asked = Checks.blankToNull(region);
		if (asked != null && !viewer.canSee(asked)) {
			throw new NotFoundException("Playbook", key + " for " + asked);
		}
		return playbooks.readerRegion(viewer, asked);
	}

	/** The region's variant if there is one, else the global playbook. */
	private Playbook managedScope(Viewer viewer, String key, String reader) {
		if (reader != null) {
			try {
				return playbooks.get(viewer, key, reader);
			}
			catch (NotFoundException ex) {
				// no variant: the global playbook applies
			}
		}
		return playbooks.get(viewer, key, null);
	}

	static String guidancePath(String key, String region) {
		return Playbooks.link(key, Checks.blankToNull(region));
	}

	static String versionPath(String key, String region, int version) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/playbooks/{key}/versions/{version}");
		if (Checks.blankToNull(region) != null) {
			uri.queryParam("region", region.strip());
		}
		return uri.buildAndExpand(key, version).encode().toUriString();
	}

	private static Integer parseInt(String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(field, "must be a whole number of days");
		}
	}

	private static Long parseLong(String value, String field, Long blank) {
		if (value == null || value.isBlank()) {
			return blank;
		}
		try {
			return Long.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(field, "is not a user id");
		}
	}
}
