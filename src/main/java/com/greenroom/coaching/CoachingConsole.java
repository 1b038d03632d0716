package com.greenroom.coaching;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorLinks;
import com.greenroom.creators.CreatorPanel;
import com.greenroom.creators.Creators;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.ConflictException;
import com.greenroom.system.FormErrors;
import com.greenroom.system.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console: the coaching panel of a creator's page (an htmx fragment with the log form and the sessions)
 * and the topic list under /admin/coaching/topics.
 */
@Controller
class CoachingConsole implements CreatorPanel {

	@Override
	public String fragment() {
		return "coaching-panel";
	}

	@Override
	public String label() {
		return "coaching";
	}

	@Override
	public Column column() {
		return Column.MAIN;
	}

	@Override
	public int order() {
		return 40;
	}

	private static final int PANEL_SESSIONS = 20;

	private final CoachingSessions sessions;

	private final CoachingTopics topics;

	private final Creators creators;

	private final Users users;

	private final java.time.Clock clock;

	CoachingConsole(CoachingSessions sessions, CoachingTopics topics, Creators creators, Users users, java.time.Clock clock) {
		this.sessions = sessions;
		this.topics = topics;
		this.creators = creators;
		this.users = users;
		this.clock = clock;
	}

	@GetMapping("/creators/{creatorId}/coaching-panel")
	String panel(Viewer viewer, @PathVariable String creatorId, Model model) {
		Creator creator = creators.get(viewer, creatorId);
		return panel(viewer, creator, Map.of(), Map.of(), null, model);
	}

	@PostMapping("/creators/{creatorId}/coaching")
	String log(Viewer viewer, @PathVariable String creatorId, @RequestParam Map<String, String> form,
			@RequestParam(required = false) List<String> topicCodes, @RequestHeader(name = "HX-Request", required = false) String htmx,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		Creator creator = creators.get(viewer, creatorId);
		ZoneId zone = sessions.zoneOf(creator);
		String flash;
		try {
			CoachingSession logged = sessions.log(viewer, creatorId, new SessionDraft(localToOffset(form.get("occurredAt"), zone),
					parseId(form.get("coachId")), topicCodes == null ? List.of() : topicCodes, form.get("notes"), form.get("nextStep"),
					form.get("followUpOn")));
			flash = "Logged the session with " + logged.coachName() + (logged.followUp() == null ? "."
					: "; follow-up on " + logged.followUpOn() + " is on " + logged.coachName() + "'s Today list.");
		}
		catch (InvalidInputException | ConflictException ex) {
			Map<String, String> values = new HashMap<>(form);
			return panel(viewer, creator, values, FormErrors.of(ex), null, model, topicCodes);
		}
		if (htmx == null) {
			redirect.addFlashAttribute("flash", flash);
			return "redirect:" + CreatorLinks.page(creatorId);
		}
		response.setHeader("HX-Trigger", "timeline-changed");
		return panel(viewer, creator, Map.of(), Map.of(), flash, model);
	}

	@GetMapping("/admin/coaching/topics")
	String topicList(Model model) {
		model.addAttribute("topics", topics.all());
		model.addAttribute("errors", Map.of());
		return "coaching/topics";
	}

	@PostMapping("/admin/coaching/topics")
	String addTopic(Viewer viewer, @RequestParam(required = false) String name, @RequestParam(required = false) String code, Model model,
			RedirectAttributes redirect) {
		try {
			CoachingTopic created = topics.create(viewer, code, name);
			redirect.addFlashAttribute("flash", "Added the topic " + created.name() + ".");
			return "redirect:/admin/coaching/topics";
		}
		catch (InvalidInputException | ConflictException ex) {
			model.addAttribute("topics", topics.all());
			model.addAttribute("errors", FormErrors.of(ex));
			model.addAttribute("newName", name);
			return "coaching/topics";
		}
	}

	@PostMapping("/admin/coaching/topics/{code}")
	String changeTopic(Viewer viewer, @PathVariable String code, @RequestParam(required = false) String name,
			@RequestParam(required = false) Boolean active, RedirectAttributes redirect) {
		try {
			CoachingTopic changed = topics.update(viewer, code, name, active);
			redirect.addFlashAttribute("flash", "Saved " + changed.name() + (changed.active() ? "." : " (retired)."));
		}
		catch (InvalidInputException | ConflictException ex) {
			redirect.addFlashAttribute("flashError", FormErrors.summary(ex));
		}
		return "redirect:/admin/coaching/topics";
	}

	private String panel(Viewer viewer, Creator creator, Map<String, String> values, Map<String, String> errors, String flash, Model model) {
		return panel(viewer, creator, values, errors, flash, model, null);
	}

	private String panel(Viewer viewer, Creator creator, Map<String, String> values, Map<String, String> errors, String flash, Model model,
			List<String> checkedTopics) {
		ZoneId zone = sessions.zoneOf(creator);
		Map<String, String> form = new HashMap<>(values);
		form.putIfAbsent("occurredAt", LocalDateTime.ofInstant(clock.instant(), zone).truncatedTo(ChronoUnit.MINUTES).toString());
		form.putIfAbsent("coachId", String.valueOf(viewer.userId()));
		model.addAttribute("creator", creator);
		model.addAttribute("zone", zone.getId());
		model.addAttribute("page", sessions.of(viewer, creator.creatorId(), null, PANEL_SESSIONS));
		model.addAttribute("canLog", sessions.mayLog(viewer));
		model.addAttribute("topics", topics.active());
		model.addAttribute("checkedTopics", checkedTopics == null ? List.of() : checkedTopics);
		model.addAttribute("coaches", coachOptions(viewer, creator));
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("flash", flash);
		return "coaching/panel :: panel";
	}

	/** The region's managers and leads; an admin logging a session is offered too. */
	private List<UserSummary> coachOptions(Viewer viewer, Creator creator) {
		List<UserSummary> coaches = new ArrayList<>(sessions.coachesIn(creator.regionCode()));
		if (viewer.isAdmin() && coaches.stream().noneMatch(u -> u.id() == viewer.userId())) {
			users.find(viewer.userId()).ifPresent(me -> coaches.add(0, me));
		}
		return coaches;
	}

	/** A datetime-local value is a wall time in the creator's zone; anything unparsable goes through as is and is reported. */
	private static String localToOffset(String value, ZoneId zone) {
		if (value == null || value.isBlank()) {
			return value;
		}
		try {
			return LocalDateTime.parse(value.strip()).atZone(zone).toOffsetDateTime().toString();
		}
		catch (DateTimeParseException ex) {
			return value;
		}
	}

	private static Long parseId(String value) {
		try {
			return value == null || value.isBlank() ? null : Long.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("coachId", "choose a coach from the list");
		}
	}
}
