package com.greenroom.tickets;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorLinks;
import com.greenroom.creators.CreatorPanel;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.ConflictException;
import com.greenroom.system.FormErrors;
import com.greenroom.system.InvalidInputException;
import com.greenroom.timeline.TimelineContributor;
import com.greenroom.timeline.TimelineEntry;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The ticket console: queues (mine, my region, P1, breaching soon, breached, unassigned) with filters and
 * bulk actions, the new-ticket form, the ticket page with its live clock, and the tickets panel and timeline
 * entries on a creator's page.
 */
@Controller
class TicketsConsole implements CreatorPanel, TimelineContributor {

	static final List<String> QUEUES = List.of("mine", "region", "p1", "breaching", "breached", "unassigned");

	private final Tickets tickets;

	private final TicketSearch search;

	private final Regions regions;

	private final Users users;

	private final Creators creators;

	private final List<TicketInclusions> inclusions;

	TicketsConsole(Tickets tickets, TicketSearch search, Regions regions, Users users, Creators creators,
			List<TicketInclusions> inclusions) {
		this.inclusions = inclusions;
		this.tickets = tickets;
		this.search = search;
		this.regions = regions;
		this.users = users;
		this.creators = creators;
	}

	@GetMapping("/tickets")
	String queue(Viewer viewer, @RequestParam(defaultValue = "region") String queue, @RequestParam(required = false) String region,
			@RequestParam(required = false) String priority, @RequestParam(required = false) String text, Model model) {
		String q = QUEUES.contains(queue) ? queue : "region";
		TicketSearch.TicketFilter base = TicketSearch.TicketFilter.queue(q, region);
		TicketSearch.TicketFilter filter = new TicketSearch.TicketFilter(base.region(), base.status(),
				priority == null || priority.isBlank() ? base.priority() : priority, base.assignee(), base.breached(), base.breachingWithin(), null,
				text);
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String name : QUEUES) {
			counts.put(name, search.count(viewer, TicketSearch.TicketFilter.queue(name, region)));
		}
		model.addAttribute("queue", q);
		model.addAttribute("counts", counts);
		model.addAttribute("region", region == null ? "" : region);
		model.addAttribute("priority", priority == null ? "" : priority);
		model.addAttribute("text", text == null ? "" : text);
		model.addAttribute("tickets", search.queue(viewer, filter, 200));
		model.addAttribute("regions", regions.visibleTo(viewer));
		model.addAttribute("mayWork", tickets.mayWork(viewer));
		model.addAttribute("assignees", assignees(viewer, null));
		model.addAttribute("zone", zoneOf(viewer));
		return "tickets/queue";
	}

	@PostMapping("/tickets/bulk")
	String bulk(Viewer viewer, @RequestParam(required = false) List<Long> ids, @RequestParam String action,
			@RequestParam(required = false) String assignee, @RequestParam(required = false) String priority,
			@RequestParam(required = false) String outcome, @RequestParam(defaultValue = "region") String queue, RedirectAttributes redirect) {
		try {
			List<Ticket> changed = tickets.bulk(viewer, new Tickets.BulkChange(ids == null ? List.of() : ids, action,
					assignee == null || assignee.isBlank() ? null : assignee, priority == null || priority.isBlank() ? null : priority, outcome));
			redirect.addFlashAttribute("flash", "Changed " + changed.size() + " ticket" + (changed.size() == 1 ? "" : "s") + ".");
		}
		catch (InvalidInputException | ConflictException ex) {
			redirect.addFlashAttribute("flashError", FormErrors.summary(ex));
		}
		redirect.addAttribute("queue", QUEUES.contains(queue) ? queue : "region");
		return "redirect:/tickets";
	}

	@GetMapping("/tickets/new")
	String newTicket(Viewer viewer, @RequestParam(required = false) String creatorId, Model model) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("creatorId", creatorId == null ? "" : creatorId);
		form.put("priority", "P3");
		return newForm(viewer, form, Map.of(), model);
	}

	private String newForm(Viewer viewer, Map<String, String> form, Map<String, String> errors, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("regions", regions.visibleTo(viewer));
		model.addAttribute("priorities", Priority.values());
		model.addAttribute("assignees", assignees(viewer, null));
		return "tickets/new";
	}

	@PostMapping("/tickets")
	String create(Viewer viewer, @RequestParam Map<String, String> form, Model model) {
		try {
			String assignee = form.getOrDefault("assigneeId", "").strip();
			Long assigneeId = null;
			if (!assignee.isEmpty()) {
				try {
					assigneeId = Long.valueOf(assignee);
				}
				catch (NumberFormatException ex) {
					throw new InvalidInputException("assigneeId", "the assignee must be one of the people listed");
				}
			}
			List<String> tags = List.of(form.getOrDefault("tags", "").split("[,\\s]+")).stream().filter(t -> !t.isBlank()).toList();
			Ticket ticket = tickets.create(viewer, new Tickets.NewTicket(form.get("subject"), form.get("description"), form.get("creatorId"),
					form.get("region"), form.get("category"), form.get("priority"), assigneeId, tags, "CONSOLE"));
			return "redirect:/tickets/" + ticket.id();
		}
		catch (InvalidInputException | ConflictException ex) {
			return newForm(viewer, form, FormErrors.of(ex), model);
		}
	}

	@GetMapping("/tickets/{id}")
	String ticket(Viewer viewer, @PathVariable long id, Model model) {
		return page(viewer, id, Map.of(), model);
	}

	private String page(Viewer viewer, long id, Map<String, String> errors, Model model) {
		Tickets.TicketDetail detail = tickets.detail(viewer, id);
		model.addAttribute("detail", detail);
		model.addAttribute("t", detail.ticket());
		model.addAttribute("errors", errors);
		model.addAttribute("mayWork", tickets.mayWork(viewer));
		model.addAttribute("next", detail.ticket().status().next());
		model.addAttribute("priorities", Priority.values());
		model.addAttribute("assignees", assignees(viewer, detail.ticket().region()));
		model.addAttribute("zone", zoneOf(viewer));
		Creator creator = detail.ticket().creatorId() == null ? null
				: creators.find(detail.ticket().creatorId()).filter(c -> viewer.canSee(c.regionCode())).orElse(null);
		model.addAttribute("creator", creator);
		model.addAttribute("creatorLink", creator == null ? null : CreatorLinks.page(creator.creatorId()));
		model.addAttribute("inclusions", inclusions.stream()
			.map(source -> new IncludedIn(source.heading(), source.including(viewer, id)))
			.filter(group -> !group.items().isEmpty())
			.toList());
		return "tickets/ticket";
	}

	@PostMapping("/tickets/{id}/comments")
	String comment(Viewer viewer, @PathVariable long id, @RequestParam(defaultValue = "REPLY") String kind,
			@RequestParam(defaultValue = "") String body, Model model, RedirectAttributes redirect) {
		try {
			tickets.comment(viewer, id, new Tickets.CommentDraft(kind, body));
			redirect.addFlashAttribute("flash", kind.equals("NOTE") ? "Note added." : "Reply sent.");
			return "redirect:/tickets/" + id;
		}
		catch (InvalidInputException | ConflictException ex) {
			return page(viewer, id, FormErrors.of(ex), model);
		}
	}

	@PostMapping("/tickets/{id}")
	String update(Viewer viewer, @PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
		try {
			String link = form.getOrDefault("addLink", "").strip().replace("#", "");
			List<Long> links = new ArrayList<>();
			if (!link.isEmpty()) {
				try {
					links.add(Long.valueOf(link));
				}
				catch (NumberFormatException ex) {
					throw new InvalidInputException("addLinks[0]", "is not a ticket number");
				}
			}
			tickets.update(viewer, id, new Tickets.TicketChanges(null, null, null, blank(form.get("priority")), blank(form.get("status")),
					blank(form.get("assignee")), null, null, blank(form.get("outcome")), links, null));
			redirect.addFlashAttribute("flash", "Saved.");
			return "redirect:/tickets/" + id;
		}
		catch (InvalidInputException | ConflictException ex) {
			return page(viewer, id, FormErrors.of(ex), model);
		}
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	/** People who may take a ticket in the region (or in any of the viewer's regions). */
	private List<UserSummary> assignees(Viewer viewer, String region) {
		return users.all()
			.stream()
			.filter(u -> u.enabled() && u.roles().stream().anyMatch(r -> r != Role.INTEGRATION && r != Role.ANALYST))
			.filter(u -> u.isAdmin() || (region == null ? u.regions().stream().anyMatch(viewer::canSee) : u.regions().contains(region)))
			.toList();
	}

	private String zoneOf(Viewer viewer) {
		ZoneId zone = users.timeZoneOf(viewer);
		return zone.getId();
	}

	// ---- on the creator's page -------------------------------------------------------------------------

	@Override
	public String fragment() {
		return "tickets-panel";
	}

	@Override
	public String label() {
		return "tickets";
	}

	@Override
	public Column column() {
		return Column.SIDE;
	}

	@Override
	public int order() {
		return 15;
	}

	@GetMapping("/creators/{creatorId}/tickets-panel")
	String panel(Viewer viewer, @PathVariable String creatorId, Model model) {
		Creator creator = creators.get(viewer, creatorId);
		model.addAttribute("creator", creator);
		model.addAttribute("tickets", tickets.ofCreator(creator.creatorId(), 10));
		model.addAttribute("mayWork", tickets.mayWork(viewer));
		return "tickets/panel :: panel";
	}

	@Override
	public List<TimelineEntry> entriesFor(Viewer viewer, Creator creator) {
		List<TimelineEntry> entries = new ArrayList<>();
		for (Ticket ticket : tickets.ofCreator(creator.creatorId(), 50)) {
			entries.add(new TimelineEntry(ticket.openedAt(), TimelineEntry.TICKET, "Ticket opened: " + ticket.subject(),
					ticket.priority() + " · " + ticket.category(), null, ticket.link()));
			if (ticket.resolvedAt() != null) {
				entries.add(new TimelineEntry(ticket.resolvedAt(), TimelineEntry.TICKET, "Ticket resolved: " + ticket.subject(),
						ticket.outcome() == null ? "" : ticket.outcome(), null, ticket.link()));
			}
		}
		return entries;
	}

	/** One module's list of what includes the ticket, under its heading. */
	record IncludedIn(String heading, List<TicketInclusions.Inclusion> items) {
	}
}
