package com.greenroom.creators;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.FormErrors;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.PageOf;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Console pages of the roster: list with filters and bulk assignment, creator page, add and edit. */
@Controller
class CreatorsConsole {

	private static final int PAGE_SIZE = 50;

	private final Creators creators;

	private final Roster roster;

	private final CreatorEdits edits;

	private final Regions regions;

	private final Users users;

	private final AuditLog audit;

	private final ObjectProvider<MilestoneRoster> milestones;

	private final ObjectProvider<TierRoster> tiers;

	private final ObjectProvider<OnboardingRoster> onboarding;

	private final ObjectProvider<CreatorPanel> panels;

	private final ObjectProvider<RosterColumns> contributions;

	private final SavedViews savedViews;

	private final AutoAssignment autoAssignment;

	CreatorsConsole(Creators creators, Roster roster, CreatorEdits edits, Regions regions, Users users, AuditLog audit,
			ObjectProvider<MilestoneRoster> milestones,
			ObjectProvider<TierRoster> tiers, ObjectProvider<OnboardingRoster> onboarding, ObjectProvider<CreatorPanel> panels,
			ObjectProvider<RosterColumns> contributions, SavedViews savedViews, AutoAssignment autoAssignment) {
		this.autoAssignment = autoAssignment;
		this.contributions = contributions;
		this.savedViews = savedViews;
		this.panels = panels;
		this.onboarding = onboarding;
		this.milestones = milestones;
		this.tiers = tiers;
		this.creators = creators;
		this.roster = roster;
		this.edits = edits;
		this.regions = regions;
		this.users = users;
		this.audit = audit;
	}

	@GetMapping("/creators")
	String roster(Viewer viewer, @ModelAttribute("filter") RosterQuery filter, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String columns, @RequestParam(required = false) String cursor, Model model) {
		RosterView view = new RosterView(sort, columns);
		PageOf<RosterEntry> page;
		try {
			page = roster.search(viewer, filter, view, cursor, PAGE_SIZE);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("flashError", FormErrors.summary(ex) + " Showing the whole roster instead.");
			filter = RosterQuery.all();
			view = RosterView.DEFAULT;
			cursor = null;
			model.addAttribute("filter", filter);
			page = roster.search(viewer, filter, view, null, PAGE_SIZE);
		}
		List<String> shown = roster.columnsOf(view);
		Map<String, Roster.Column> known = new java.util.LinkedHashMap<>();
		roster.columns().forEach(c -> known.put(c.key(), c));
		String sortKey = sort == null || sort.isBlank() ? "handle" : sort.startsWith("-") || sort.startsWith("+") ? sort.substring(1) : sort;
		boolean descending = sort != null && sort.startsWith("-");
		Map<String, String> filters = filterParameters(filter);
		Map<String, String> current = new java.util.LinkedHashMap<>(filters);
		if (sort != null && !sort.isBlank()) {
			current.put("sort", sort);
		}
		current.put("columns", String.join(",", shown));
		List<HeaderCell> headers = new ArrayList<>();
		for (String key : shown) {
			Roster.Column column = known.get(key);
			String ariaSort = key.equals(sortKey) ? descending ? "descending" : "ascending" : null;
			String link = null;
			if (column.sortable()) {
				Map<String, String> sorted = new java.util.LinkedHashMap<>(current);
				boolean nextDescending = key.equals(sortKey) ? !descending : column.numeric();
				sorted.put("sort", (nextDescending ? "-" : "") + key);
				link = "/creators" + queryString(sorted);
			}
			headers.add(new HeaderCell(key, column.label(), link, ariaSort));
		}
		List<ColumnToggle> toggles = new ArrayList<>();
		for (Roster.Column column : known.values()) {
			List<String> next = new ArrayList<>(shown);
			boolean showing = next.remove(column.key());
			if (!showing) {
				next.add(column.key());
			}
			Map<String, String> toggled = new java.util.LinkedHashMap<>(current);
			toggled.put("columns", String.join(",", next));
			toggles.add(new ColumnToggle(column.key(), column.label(), showing, next.isEmpty() ? null : "/creators" + queryString(toggled)));
		}
		model.addAttribute("columnToggles", toggles);
		// sorted by a column that is not shown: say so above the table, with a link that shows it
		Roster.Column hiddenSort = shown.contains(sortKey) ? null : known.get(sortKey);
		model.addAttribute("hiddenSort", hiddenSort == null ? null
				: new HiddenSort(hiddenSort.label(), descending ? hiddenSort.numeric() ? "highest first" : "Z to A"
						: hiddenSort.numeric() ? "lowest first" : "A to Z",
						toggles.stream().filter(t -> t.key().equals(hiddenSort.key())).map(ColumnToggle::link).findFirst().orElse(null)));
		OnboardingRoster onboardingRoster = onboarding.getIfAvailable();
		model.addAttribute("page", page);
		model.addAttribute("onboarding", onboardingRoster == null || !shown.contains("onboarding") ? Map.of()
				: onboardingRoster.progressOf(page.items().stream().map(e -> e.creator().creatorId()).toList()));
		model.addAttribute("total", roster.count(viewer, filter));
		model.addAttribute("query", queryString(current));
		model.addAttribute("filterQuery", queryString(filters));
		model.addAttribute("filtered", !filters.isEmpty());
		model.addAttribute("onlyMine", filters.size() == 1 && ("me".equals(filter.manager())
				|| String.valueOf(viewer.userId()).equals(filter.manager())));
		model.addAttribute("sort", sort == null ? "" : sort);
		model.addAttribute("columnsParam", String.join(",", shown));
		model.addAttribute("headers", headers);
		model.addAttribute("shown", shown);
		model.addAttribute("allColumns", known.values());
		model.addAttribute("figureKinds", figureKinds());
		model.addAttribute("views", savedViews.of(viewer));
		model.addAttribute("canSetAutoAssignment", viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD));
		model.addAttribute("firstPage", cursor == null || cursor.isBlank());
		model.addAttribute("canEdit", canEdit(viewer));
		model.addAttribute("regions", regions.visibleTo(viewer));
		model.addAttribute("managers", users.managersVisibleTo(viewer));
		model.addAttribute("statuses", CreatorStatus.values());
		model.addAttribute("milestones", milestones.getIfAvailable() == null ? Map.of() : milestones.getIfAvailable().milestones());
		model.addAttribute("tiers", tiers.getIfAvailable() == null ? List.of() : tiers.getIfAvailable().tiers());
		return "creators/roster";
	}

	/** A column in the chooser: whether it is shown, and the link that shows or hides it (null: the last one shown). */
	record ColumnToggle(String key, String label, boolean shown, String link) {
	}

	/** The order of a roster sorted by a column it does not show: the column, the direction in words, the link that shows it. */
	record HiddenSort(String label, String direction, String showLink) {
	}

	/** A column heading: its sort link (null: not sortable) and aria-sort when the roster is sorted by it. */
	record HeaderCell(String key, String label, String sortLink, String ariaSort) {
	}

	/** How each contributed figure is shown, by column key. */
	private Map<String, RosterColumns.Kind> figureKinds() {
		Map<String, RosterColumns.Kind> kinds = new HashMap<>();
		contributions.orderedStream().forEach(source -> source.figures().forEach(f -> kinds.put(f.key(), f.kind())));
		return kinds;
	}

	@GetMapping("/creators/export.csv")
	void export(Viewer viewer, RosterQuery filter, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String columns, HttpServletResponse response) throws IOException {
		RosterView view = new RosterView(sort, columns);
		roster.check(viewer, filter);
		roster.check(view);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"creators.csv\"");
		Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		roster.exportCsv(viewer, filter, view, writer);
		writer.flush();
	}

	@GetMapping("/creators/auto-assignment")
	String autoAssignmentPage(Viewer viewer, Model model) {
		model.addAttribute("settings", autoAssignment.settings(viewer));
		model.addAttribute("regionNames", regions.visibleTo(viewer).stream()
			.collect(java.util.stream.Collectors.toMap(com.greenroom.identity.Region::code, com.greenroom.identity.Region::name)));
		model.addAttribute("editable", autoAssignment.settings(viewer).stream().filter(s -> AutoAssignment.canChange(viewer, s.regionCode()))
			.map(AutoAssignment.Setting::regionCode).toList());
		model.addAttribute("modes", AutoAssignment.Mode.values());
		return "creators/auto-assignment";
	}

	@PostMapping("/creators/auto-assignment/{regionCode}")
	String setAutoAssignment(Viewer viewer, @PathVariable String regionCode, @RequestParam(required = false) String mode,
			RedirectAttributes redirect) {
		try {
			AutoAssignment.Setting setting = autoAssignment.set(viewer, regionCode, mode);
			redirect.addFlashAttribute("flash", "Auto-assignment in " + setting.regionCode() + ": " + label(setting.mode()) + ".");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("flashError", FormErrors.summary(ex));
		}
		return "redirect:/creators/auto-assignment";
	}

	static String label(AutoAssignment.Mode mode) {
		return switch (mode) {
			case OFF -> "off";
			case ROUND_ROBIN -> "round-robin";
			case LEAST_LOADED -> "least-loaded";
		};
	}

	@PostMapping("/creators/views")
	String saveView(Viewer viewer, @RequestParam(required = false) String name, @RequestParam(required = false, defaultValue = "") String query,
			RedirectAttributes redirect) {
		try {
			SavedViews.SavedView saved = savedViews.save(viewer, name, query);
			redirect.addFlashAttribute("flash", "Saved the view " + saved.name() + ".");
		}
		catch (InvalidInputException | ConflictException ex) {
			redirect.addFlashAttribute("flashError", FormErrors.summary(ex));
		}
		return "redirect:/creators" + (query.startsWith("?") ? query : "");
	}

	@PostMapping("/creators/views/{id}/delete")
	String deleteView(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
		SavedViews.SavedView view = savedViews.get(viewer, id);
		savedViews.delete(viewer, id);
		redirect.addFlashAttribute("flash", "Deleted the view " + view.name() + ".");
		return "redirect:/creators";
	}

	@PostMapping("/creators/assign")
	String assign(Viewer viewer, @RequestParam(required = false) List<String> creatorIds, @RequestParam(required = false) String managerId,
			@RequestParam(required = false, defaultValue = "") String returnQuery, RedirectAttributes redirect) {
		try {
			Long manager = managerId == null || managerId.isBlank() || managerId.equals("none") ? null : Long.valueOf(managerId);
			List<Creator> changed = edits.assignManager(viewer, creatorIds, manager);
			redirect.addFlashAttribute("flash", manager == null ? "Removed the manager of " + changed.size() + " creator(s)."
					: "Assigned " + changed.size() + " creator(s) to " + changed.get(0).managerName() + ".");
		}
		catch (InvalidInputException | ConflictException ex) {
			redirect.addFlashAttribute("flashError", FormErrors.summary(ex));
		}
		catch (NumberFormatException ex) {
			redirect.addFlashAttribute("flashError", "Choose a manager from the list.");
		}
		return "redirect:/creators" + (returnQuery.startsWith("?") ? returnQuery : "");
	}

	@GetMapping("/creators/new")
	String newCreator(Viewer viewer, Model model) {
		model.addAttribute("form", new HashMap<String, String>(Map.of("status", "ACTIVE")));
		return form(viewer, model, null);
	}

	@PostMapping("/creators")
	String create(Viewer viewer, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
		try {
			Creator created = edits.create(viewer, new CreatorDraft(form.get("creatorId"), form.get("handle"), upper(form.get("country")),
					Checks.blankToNull(form.get("region")), Checks.blankToNull(form.get("language")), Checks.blankToNull(form.get("timeZone")),
					parseId(form.get("managerId")),
					Checks.blankToNull(form.get("status")), null, form.get("notes"), Checks.blankToNull(form.get("email")),
					"true".equals(form.get("commsOptOut"))));
			redirect.addFlashAttribute("flash", "Added " + created.handle() + ".");
			return "redirect:" + CreatorLinks.page(created.creatorId());
		}
		catch (InvalidInputException | ConflictException ex) {
			model.addAttribute("form", form);
			model.addAttribute("errors", FormErrors.of(ex));
			return form(viewer, model, null);
		}
	}

	@GetMapping("/creators/{creatorId}")
	String creator(Viewer viewer, @PathVariable String creatorId, Model model) {
		Creator creator = creators.get(viewer, creatorId);
		model.addAttribute("creator", creator);
		model.addAttribute("canEdit", canEdit(viewer));
		model.addAttribute("managers", users.managersIn(creator.regionCode()));
		model.addAttribute("history", audit.search(new AuditLog.AuditQuery("creator", creatorId, null), null, 20).items());
		model.addAttribute("mainPanels", panelsIn(CreatorPanel.Column.MAIN, creatorId));
		model.addAttribute("sidePanels", panelsIn(CreatorPanel.Column.SIDE, creatorId));
		return "creators/detail";
	}

	@GetMapping("/creators/{creatorId}/edit")
	String edit(Viewer viewer, @PathVariable String creatorId, Model model) {
		Creator creator = creators.get(viewer, creatorId);
		Map<String, String> form = new HashMap<>();
		form.put("handle", creator.handle());
		form.put("country", creator.country());
		form.put("region", creator.regionCode());
		form.put("language", creator.language());
		form.put("timeZone", creator.timeZone());
		form.put("managerId", creator.managerId() == null ? "" : creator.managerId().toString());
		form.put("status", creator.status().name());
		form.put("notes", creator.notes());
		form.put("email", creator.email());
		form.put("commsOptOut", String.valueOf(creator.commsOptOut()));
		model.addAttribute("form", form);
		return form(viewer, model, creator);
	}

	@PostMapping("/creators/{creatorId}")
	String update(Viewer viewer, @PathVariable String creatorId, @RequestParam Map<String, String> form, Model model,
			RedirectAttributes redirect) {
		Creator creator = creators.get(viewer, creatorId);
		Map<String, Object> changes = new HashMap<>();
		for (String field : List.of("handle", "country", "region", "language", "timeZone", "status", "notes")) {
			if (form.containsKey(field)) {
				String value = field.equals("country") ? upper(form.get(field)) : form.get(field);
				changes.put(field, field.equals("handle") || field.equals("notes") ? value : Checks.blankToNull(value));
			}
		}
		if (form.containsKey("email")) {
			changes.put("email", Checks.blankToNull(form.get("email")));
		}
		if (form.containsKey("commsOptOut")) {
			changes.put("commsOptOut", "true".equals(form.get("commsOptOut")));
		}
		try {
			if (form.containsKey("managerId")) {
				changes.put("managerId", parseId(form.get("managerId")));
			}
			edits.update(viewer, CreatorId.parse(creatorId, "creatorId"), changes);
			redirect.addFlashAttribute("flash", "Saved.");
			return "redirect:" + CreatorLinks.page(creatorId);
		}
		catch (InvalidInputException | ConflictException ex) {
			model.addAttribute("form", form);
			model.addAttribute("errors", FormErrors.of(ex));
			return form(viewer, model, creator);
		}
	}

	@PostMapping("/creators/{creatorId}/manager")
	String assignOne(Viewer viewer, @PathVariable String creatorId, @RequestParam(required = false) String managerId,
			RedirectAttributes redirect) {
		try {
			Creator changed = edits.assignManager(viewer, List.of(creatorId), parseId(managerId)).get(0);
			redirect.addFlashAttribute("flash", changed.managerName() == null ? "Manager removed." : "Manager set to " + changed.managerName() + ".");
		}
		catch (InvalidInputException | ConflictException ex) {
			redirect.addFlashAttribute("flashError", FormErrors.summary(ex));
		}
		return "redirect:" + CreatorLinks.page(creatorId);
	}

	private String form(Viewer viewer, Model model, Creator creator) {
		model.addAttribute("creator", creator);
		model.addAttribute("regions", regions.visibleTo(viewer));
		model.addAttribute("managers", users.managersVisibleTo(viewer));
		model.addAttribute("statuses", CreatorStatus.values());
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", Map.of());
		}
		return "creators/form";
	}

	private static boolean canEdit(Viewer viewer) {
		return viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD) || viewer.has(Role.CREATOR_MANAGER);
	}

	private static Long parseId(String value) {
		if (value == null || value.isBlank() || value.equals("none")) {
			return null;
		}
		try {
			return Long.valueOf(value);
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("managerId", "must be chosen from the list");
		}
	}

	/** The filters in effect, by URL parameter, in a stable order. */
	private static Map<String, String> filterParameters(RosterQuery filter) {
		Map<String, String> parameters = new java.util.LinkedHashMap<>();
		put(parameters, "region", filter.region());
		put(parameters, "manager", filter.manager());
		put(parameters, "status", filter.status());
		put(parameters, "text", filter.text());
		put(parameters, "milestone", filter.milestone());
		if (filter.milestone() != null && !filter.milestone().isBlank()) {
			put(parameters, "reached", filter.reached());
		}
		put(parameters, "tier", filter.tier());
		put(parameters, "notLiveDays", filter.notLiveDays());
		put(parameters, "reach", filter.reach());
		return parameters;
	}

	private static void put(Map<String, String> parameters, String name, String value) {
		if (value != null && !value.isBlank()) {
			parameters.put(name, value.strip());
		}
	}

	static String queryString(Map<String, String> parameters) {
		StringBuilder query = new StringBuilder();
		parameters.forEach((name, value) -> query.append(query.isEmpty() ? '?' : '&').append(name).append('=').append(encode(value)));
		return query.toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private List<PanelSlot> panelsIn(CreatorPanel.Column column, String creatorId) {
		return panels.stream()
			.filter(p -> p.column() == column)
			.sorted(java.util.Comparator.comparingInt(CreatorPanel::order))
			.map(p -> new PanelSlot(p.fragment(), p.label(), CreatorLinks.page(creatorId, p.fragment())))
			.toList();
	}

	/** A panel's placeholder on the creator page, replaced by the fragment htmx loads from {@code url}. */
	record PanelSlot(String id, String label, String url) {
	}

	private static String upper(String value) {
		return value == null ? null : value.strip().toUpperCase(java.util.Locale.ROOT);
	}
}
