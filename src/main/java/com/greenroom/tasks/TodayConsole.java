package com.greenroom.tasks;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorLinks;
import com.greenroom.creators.CreatorPanel;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.ConflictException;
import com.greenroom.system.FormErrors;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * "Today": a user's open work in views with true counts (all mine, overdue, due today, coming up, up
 * for grabs), filtered, grouped, sorted and paged with everything in the URL; actions in place (htmx
 * swaps the row and the counters; without JavaScript the forms post and come back). And the lead's board.
 */
@Controller
class TodayConsole implements CreatorPanel {

	@Override
	public String fragment() {
		return "tasks-panel";
	}

	@Override
	public String label() {
		return "open tasks";
	}

	@Override
	public Column column() {
		return Column.MAIN;
	}

	@Override
	public int order() {
		return 5;
	}

	static final int PAGE_SIZE = 50;

	/** The views of Today: which owner and due window each lists. */
	static final Map<String, String[]> VIEWS = new LinkedHashMap<>();

	static {
		VIEWS.put("mine", new String[] { "me", null });
		VIEWS.put("overdue", new String[] { "me", "overdue" });
		VIEWS.put("today", new String[] { "me", "today" });
		VIEWS.put("upcoming", new String[] { "me", "upcoming" });
		VIEWS.put("grabs", new String[] { "claimable", null });
	}

	private final Tasks tasks;

	private final TaskQueries queries;

	private final Users users;

	private final Regions regions;

	private final Clock clock;

	private final Creators creators;

	TodayConsole(Tasks tasks, TaskQueries queries, Users users, Regions regions, Creators creators, Clock clock) {
		this.creators = creators;
		this.tasks = tasks;
		this.queries = queries;
		this.users = users;
		this.regions = regions;
		this.clock = clock;
	}

	@GetMapping("/today")
	String today(Viewer viewer, Filters filters, Model model) {
		render(viewer, filters, Set.of(), model);
		return "today/today";
	}

	@GetMapping("/today/board")
	String board(Viewer viewer, @RequestParam(required = false) String region, Filters filters, Model model) {
		List<Region> boardRegions = regions.all().stream().filter(r -> TaskRights.leadsOrAdmin(viewer, r.code())).toList();
		if (boardRegions.isEmpty()) {
			throw new AccessDeniedException("Only regional leads and admins see a region's board");
		}
		Region chosen = region == null || region.isBlank() ? boardRegions.get(0)
				: boardRegions.stream().filter(r -> r.code().equals(region)).findFirst().orElseThrow(() -> new NotFoundException("Region", region));
		DueWindow window = new DueWindow(clock.instant(), chosen.zone());
		List<TaskQueries.OwnerLoad> loads = queries.board(viewer, chosen.code(), window);
		model.addAttribute("region", chosen);
		model.addAttribute("regions", boardRegions);
		model.addAttribute("loads", loads);
		model.addAttribute("totalOverdue", loads.stream().mapToLong(TaskQueries.OwnerLoad::overdue).sum());
		model.addAttribute("totalOpen", loads.stream().mapToLong(TaskQueries.OwnerLoad::open).sum());
		model.addAttribute("totalToday", loads.stream().mapToLong(TaskQueries.OwnerLoad::dueToday).sum());
		// the chosen owner's (or pool's) open tasks, paged, acted on in place like Today
		String owner = filters.owner() == null || filters.owner().isBlank() ? null : filters.owner();
		model.addAttribute("boardOwner", owner);
		if (owner != null) {
			String ownerFilter = owner.startsWith("role:") ? "none" : owner;
			Filters scoped = new Filters("board", filters.kind(), filters.q(), chosen.code(), filters.group(), filters.sort(), filters.page(),
					owner);
			listInto(viewer, scoped, new TaskQueries.TaskFilter(ownerFilter, filters.kind(), null, TaskStatus.OPEN.name(), chosen.code(), null,
					filters.q()), window, Set.of(), model);
			model.addAttribute("links", new Links("/today/board", scoped));
			model.addAttribute("back", new Links("/today/board", scoped).self());
		}
		commonInto(viewer, chosen.zone(), model);
		return "today/board";
	}

	/** The creator page's panel: the creator's open tasks, whoever owns them, acted on in place. */
	@GetMapping("/creators/{creatorId}/tasks-panel")
	String panel(Viewer viewer, @PathVariable String creatorId, Model model) {
		Creator creator = creators.get(viewer, creatorId);
		ZoneId zone = tasks.zoneOf(viewer, null);
		Filters filters = new Filters("mine", null, creator.creatorId(), null, "none", "due", null, null);
		listInto(viewer, filters, new TaskQueries.TaskFilter(null, null, null, TaskStatus.OPEN.name(), null, creator.creatorId(), null),
				new DueWindow(clock.instant(), zone), Set.of(), model);
		model.addAttribute("links", new Links("/today", filters));
		model.addAttribute("back", CreatorLinks.page(creator.creatorId()));
		commonInto(viewer, zone, model);
		return "today/panel :: panel";
	}

	// ---- acting on one task --------------------------------------------------------------------------

	@PostMapping("/today/tasks/{id}/claim")
	String claim(Viewer viewer, @PathVariable long id, Filters filters, @RequestParam(defaultValue = "/today") String back,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model, RedirectAttributes redirect) {
		return act(viewer, id, filters, back, htmx, model, redirect, () -> tasks.claim(viewer, id), t -> "Claimed “" + t.title() + "”.");
	}

	@PostMapping("/today/tasks/{id}/complete")
	String complete(Viewer viewer, @PathVariable long id, @RequestParam(required = false) String note, Filters filters,
			@RequestParam(defaultValue = "/today") String back, @RequestHeader(name = "HX-Request", required = false) String htmx,
			Model model, RedirectAttributes redirect) {
		return act(viewer, id, filters, back, htmx, model, redirect, () -> tasks.complete(viewer, id, note),
				t -> "Completed “" + t.title() + "”.");
	}

	@PostMapping("/today/tasks/{id}/skip")
	String skip(Viewer viewer, @PathVariable long id, @RequestParam(required = false) String reason, Filters filters,
			@RequestParam(defaultValue = "/today") String back, @RequestHeader(name = "HX-Request", required = false) String htmx,
			Model model, RedirectAttributes redirect) {
		return act(viewer, id, filters, back, htmx, model, redirect, () -> tasks.skip(viewer, id, reason), t -> "Skipped “" + t.title() + "”.");
	}

	@PostMapping("/today/tasks/{id}/snooze")
	String snooze(Viewer viewer, @PathVariable long id, @RequestParam(required = false) String until,
			@RequestParam(required = false) String reason, Filters filters, @RequestParam(defaultValue = "/today") String back,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model, RedirectAttributes redirect) {
		return act(viewer, id, filters, back, htmx, model, redirect, () -> {
			ZoneId zone = tasks.zoneOf(viewer, null);
			Task task = tasks.get(viewer, id);
			LocalDate day = parseDate(until, "until");
			return tasks.reschedule(viewer, id, day.atTime(task.dueAt().atZone(zone).toLocalTime()).atZone(zone).toInstant(), reason);
		}, t -> "Snoozed “" + t.title() + "” to " + until + ".");
	}

	@PostMapping("/today/tasks/{id}/reassign")
	String reassign(Viewer viewer, @PathVariable long id, @RequestParam(required = false) String ownerId, Filters filters,
			@RequestParam(defaultValue = "/today") String back, @RequestHeader(name = "HX-Request", required = false) String htmx,
			Model model, RedirectAttributes redirect) {
		return act(viewer, id, filters, back, htmx, model, redirect, () -> {
			if (ownerId != null && ownerId.startsWith("role:")) {
				return tasks.reassign(viewer, id, null, ownerId.substring(5));
			}
			return tasks.reassign(viewer, id, parseId(ownerId), null);
		}, t -> "Gave “" + t.title() + "” to " + (t.ownerName() != null ? t.ownerName() : "the " + t.ownerRole().label() + " pool") + ".");
	}

	@PostMapping("/today/tasks/{id}/reopen")
	String reopen(Viewer viewer, @PathVariable long id, Filters filters, @RequestParam(defaultValue = "/today") String back,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model, RedirectAttributes redirect) {
		return act(viewer, id, filters, back, htmx, model, redirect, () -> tasks.reopen(viewer, id), t -> "Reopened “" + t.title() + "”.");
	}

	// ---- acting on many ------------------------------------------------------------------------------

	@PostMapping("/today/bulk")
	String bulk(Viewer viewer, @RequestParam(required = false) List<Long> ids, @RequestParam(required = false) String action,
			@RequestParam(required = false) String note, @RequestParam(required = false) String ownerId,
			@RequestParam(required = false) String until, Filters filters, @RequestParam(defaultValue = "/today") String back,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model, RedirectAttributes redirect) {
		String message = null;
		String error = null;
		try {
			Long owner = ownerId == null || ownerId.isBlank() || ownerId.startsWith("role:") ? null : parseId(ownerId);
			String role = ownerId != null && ownerId.startsWith("role:") ? ownerId.substring(5) : null;
			java.time.Instant dueAt = null;
			if ("reschedule".equals(action)) {
				ZoneId zone = tasks.zoneOf(viewer, null);
				dueAt = parseDate(until, "until").atTime(9, 0).atZone(zone).toInstant();
			}
			List<Task> changed = tasks.bulk(viewer, new Tasks.BulkAction(ids, action, note, note, owner, role, dueAt));
			message = switch (String.valueOf(action)) {
				case "complete" -> "Completed " + changed.size() + " task(s).";
				case "skip" -> "Skipped " + changed.size() + " task(s).";
				case "claim" -> "Claimed " + changed.size() + " task(s).";
				case "reschedule" -> "Snoozed " + changed.size() + " task(s) to " + until + ".";
				default -> "Reassigned " + changed.size() + " task(s).";
			};
		}
		catch (InvalidInputException | ConflictException | AccessDeniedException ex) {
			error = refusal(ex);
		}
		if (htmx == null) {
			redirect.addFlashAttribute(error == null ? "flash" : "flashError", error == null ? message : error);
			return "redirect:" + safeBack(back);
		}
		// in place: the list again, the selection kept when the action was refused (nothing changed)
		model.addAttribute("flash", message);
		model.addAttribute("flashError", error);
		Set<Long> selected = error == null || ids == null ? Set.of() : Set.copyOf(ids);
		render(viewer, filters, selected, model);
		model.addAttribute("oobCounts", true);
		return "today/bulk-result";
	}

	// ---- helpers -------------------------------------------------------------------------------------

	private String act(Viewer viewer, long id, Filters filters, String back, String htmx, Model model, RedirectAttributes redirect,
			Supplier<Task> action, java.util.function.Function<Task, String> message) {
		Task task = null;
		String error = null;
		try {
			task = action.get();
		}
		catch (InvalidInputException | ConflictException | AccessDeniedException ex) {
			error = refusal(ex);
		}
		if (htmx == null) {
			redirect.addFlashAttribute(error == null ? "flash" : "flashError", error == null ? message.apply(task) : error);
			return "redirect:" + safeBack(back);
		}
		ZoneId zone = tasks.zoneOf(viewer, null);
		Task shown = task != null ? task : tasks.get(viewer, id);
		model.addAttribute("task", shown);
		rightsInto(viewer, List.of(shown), model);
		model.addAttribute("flash", error == null ? message.apply(task) : null);
		model.addAttribute("flashError", error);
		model.addAttribute("back", safeBack(back));
		boolean onToday = safeBack(back).startsWith("/today") && !safeBack(back).startsWith("/today/board");
		model.addAttribute("oobCounts", onToday);
		if (onToday) {
			model.addAttribute("counts", queries.counts(viewer, filterOf(viewer, filters, null), new DueWindow(clock.instant(), zone)));
			model.addAttribute("links", new Links("/today", filters));
			model.addAttribute("view", viewOf(filters));
		}
		commonInto(viewer, zone, model);
		return "today/acted";
	}

	private void render(Viewer viewer, Filters filters, Set<Long> selected, Model model) {
		ZoneId zone = tasks.zoneOf(viewer, null);
		DueWindow window = new DueWindow(clock.instant(), zone);
		String view = viewOf(filters);
		model.addAttribute("view", view);
		model.addAttribute("filters", filters);
		model.addAttribute("links", new Links("/today", filters));
		model.addAttribute("back", new Links("/today", filters).self());
		model.addAttribute("window", window);
		model.addAttribute("regions", regions.visibleTo(viewer));
		model.addAttribute("kinds", TaskKind.values());
		model.addAttribute("leads", viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD));
		commonInto(viewer, zone, model);
		try {
			TaskQueries.TaskFilter filter = filterOf(viewer, filters, view);
			// the counters and the list share one resolution of the creator text's matches
			TaskQueries.Matches matches = new TaskQueries.Matches();
			TaskQueries.TaskCounts counts = queries.counts(viewer, filter, window, matches);
			model.addAttribute("counts", counts);
			listInto(viewer, filters, filter, window, selected, model, totalOf(view, counts), matches);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("flashError", refusal(ex) + " Showing all your open tasks instead.");
			Filters plain = new Filters(view, null, null, null, filters.group(), filters.sort(), null, null);
			TaskQueries.TaskFilter filter = filterOf(viewer, plain, view);
			TaskQueries.TaskCounts counts = queries.counts(viewer, filter, window);
			model.addAttribute("counts", counts);
			listInto(viewer, plain, filter, window, selected, model, totalOf(view, counts), new TaskQueries.Matches());
		}
	}

	/** The counters count each view with the same filters, so a view's list total is its counter. */
	private static Long totalOf(String view, TaskQueries.TaskCounts counts) {
		return switch (view) {
			case "overdue" -> counts.overdue();
			case "today" -> counts.dueToday();
			case "upcoming" -> counts.upcoming();
			case "grabs" -> counts.upForGrabs();
			case "mine" -> counts.mine();
			default -> null;
		};
	}

	private void listInto(Viewer viewer, Filters filters, TaskQueries.TaskFilter filter, DueWindow window, Set<Long> selected, Model model) {
		listInto(viewer, filters, filter, window, selected, model, null, new TaskQueries.Matches());
	}

	private void listInto(Viewer viewer, Filters filters, TaskQueries.TaskFilter filter, DueWindow window, Set<Long> selected, Model model,
			Long knownTotal, TaskQueries.Matches matches) {
		String group = filters.group() != null && TaskQueries.GROUPS.containsKey(filters.group()) ? filters.group() : "none";
		String sort = filters.sort() != null && TaskQueries.SORTS.containsKey(filters.sort()) ? filters.sort() : "due";
		TaskQueries.Listing listing = queries.list(viewer, filter, window, sort, group, Math.max(1, filters.pageNumber()), PAGE_SIZE,
				knownTotal, matches);
		model.addAttribute("group", group);
		model.addAttribute("sort", sort);
		model.addAttribute("listing", listing);
		rightsInto(viewer, listing.items(), model);
		model.addAttribute("sections", sections(listing, group));
		model.addAttribute("selected", selected);
	}

	/** What the viewer may do to each shown task, decided once here rather than per row in the template. */
	private static void rightsInto(Viewer viewer, List<Task> shown, Model model) {
		model.addAttribute("claimable", shown.stream().filter(t -> t.open() && TaskRights.mayClaim(viewer, t)).map(Task::id)
			.collect(java.util.stream.Collectors.toSet()));
		model.addAttribute("changeable", shown.stream().filter(t -> TaskRights.mayChange(viewer, t)).map(Task::id)
			.collect(java.util.stream.Collectors.toSet()));
	}

	private void commonInto(Viewer viewer, ZoneId zone, Model model) {
		model.addAttribute("viewer", viewer);
		model.addAttribute("zone", zone.getId());
		model.addAttribute("owners", users.managersVisibleTo(viewer));
		if (!model.containsAttribute("selected")) {
			model.addAttribute("selected", Set.of());
		}
	}

	private TaskQueries.TaskFilter filterOf(Viewer viewer, Filters filters, String view) {
		String[] scope = VIEWS.getOrDefault(view == null ? viewOf(filters) : view, VIEWS.get("mine"));
		return new TaskQueries.TaskFilter(scope[0], filters.kind(), scope[1], TaskStatus.OPEN.name(), filters.region(), null, filters.q());
	}

	private static String viewOf(Filters filters) {
		return filters.view() != null && VIEWS.containsKey(filters.view()) ? filters.view() : "mine";
	}

	/** Rows of a page in their groups; a group's total counts the whole filter, not the page. */
	private static List<Section> sections(TaskQueries.Listing listing, String group) {
		List<Section> sections = new ArrayList<>();
		for (Task task : listing.items()) {
			String key = switch (group) {
				case "creator" -> task.creatorId() == null ? "" : task.creatorId();
				case "kind" -> String.valueOf(task.kind().ordinal());
				default -> "";
			};
			String label = switch (group) {
				case "creator" -> task.creatorId() == null ? "No creator" : task.creatorHandle() != null ? task.creatorHandle() : task.creatorId();
				case "kind" -> task.kind().label();
				default -> null;
			};
			if (sections.isEmpty() || !sections.get(sections.size() - 1).key().equals(key)) {
				sections.add(new Section(key, label, listing.groupTotals().getOrDefault(key, 0L), new ArrayList<>()));
			}
			sections.get(sections.size() - 1).tasks().add(task);
		}
		return sections;
	}

	private static String refusal(RuntimeException ex) {
		if (ex instanceof InvalidInputException invalid) {
			return invalid.errors().stream().map(e -> e.field() + " " + e.reason()).reduce((a, b) -> a + "; " + b).orElse("Invalid input")
					+ ". Nothing was changed.";
		}
		if (ex instanceof ConflictException conflict) {
			return String.join(" ", FormErrors.of(conflict).values());
		}
		return ex.getMessage();
	}

	private static String safeBack(String back) {
		return back != null && (back.startsWith("/today") || back.startsWith("/creators/")) && !back.startsWith("//") ? back : "/today";
	}

	private static LocalDate parseDate(String value, String field) {
		try {
			return LocalDate.parse(Objects.requireNonNullElse(value, ""));
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "choose a date");
		}
	}

	private static Long parseId(String value) {
		try {
			return Long.valueOf(value);
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("ownerId", "choose a person from the list");
		}
	}

	/** The filters of Today and the board, as they appear in the URL (bound from request parameters). */
	record Filters(String view, String kind, String q, String region, String group, String sort, String page, String owner) {

		public int pageNumber() {
			try {
				return page == null ? 1 : Integer.parseInt(page);
			}
			catch (NumberFormatException ex) {
				return 1;
			}
		}
	}

	/** A group of rows on one page. */
	record Section(String key, String label, long total, List<Task> tasks) {
	}

	/** Links that keep the current filters and change one thing. */
	record Links(String path, Filters filters) {

		public String view(String view) {
			return build(view, filters.page() == null ? null : "1", false);
		}

		public String page(int page) {
			return build(filters.view(), String.valueOf(page), true);
		}

		/** The URL of what is shown now (where a form comes back to without JavaScript). */
		public String self() {
			return build(filters.view(), filters.page(), true);
		}

		private String build(String view, String page, boolean keepPage) {
			UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
			add(uri, "view", path.equals("/today") ? view : null);
			add(uri, "region", filters.region());
			add(uri, "owner", filters.owner());
			add(uri, "kind", filters.kind());
			add(uri, "q", filters.q());
			add(uri, "group", filters.group());
			add(uri, "sort", filters.sort());
			add(uri, "page", keepPage ? page : null);
			return uri.encode().build().toUriString();
		}

		private static void add(UriComponentsBuilder uri, String name, String value) {
			if (value != null && !value.isBlank() && !("page".equals(name) && "1".equals(value))) {
				uri.queryParam(name, value);
			}
		}
	}
}
