package com.greenroom.schedule;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.FormErrors;
import com.greenroom.system.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Console: the calendar in month, week and agenda views (times in the chosen region's zone, else the viewer's),
 * an event's page with its occurrences and conflicts, the event form, and the viewer's iCalendar feeds.
 */
@Controller
class ScheduleConsole {

	private static final int AGENDA_DAYS = 30;

	private static final int EVENT_PAGE_DAYS = 180;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private final CalendarEvents events;

	private final CalendarFeeds feeds;

	private final Regions regions;

	private final Users users;

	private final Clock clock;

	ScheduleConsole(CalendarEvents events, CalendarFeeds feeds, Regions regions, Users users, Clock clock) {
		this.events = events;
		this.feeds = feeds;
		this.regions = regions;
		this.users = users;
		this.clock = clock;
	}

	/** One occurrence as a view places it: its time in the view's zone and whether a creator of it is booked twice. */
	record Item(Occurrence occurrence, String time, boolean conflict) {
	}

	record Day(LocalDate date, boolean inPeriod, boolean today, List<Item> items) {
	}

	@GetMapping("/calendar")
	String calendar(Viewer viewer, @RequestParam(required = false) String view, @RequestParam(required = false) String date,
			@RequestParam(required = false) String region, Model model) {
		String shown = view == null || view.isBlank() ? "month" : view.strip().toLowerCase(Locale.ROOT);
		if (!List.of("month", "week", "agenda").contains(shown)) {
			throw new InvalidInputException("view", "must be month, week or agenda");
		}
		String regionCode = region == null || region.isBlank() ? null : region.strip();
		if (regionCode != null && (!viewer.canSee(regionCode) || regions.find(regionCode).isEmpty())) {
			throw new InvalidInputException("region", "is not one of your regions: " + regionCode);
		}
		ZoneId zone = regionCode != null ? regions.find(regionCode).map(Region::zone).orElseThrow() : users.timeZoneOf(viewer);
		LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
		LocalDate anchor = parseDate(date, today);
		LocalDate from;
		LocalDate to;
		LocalDate prev;
		LocalDate next;
		String title;
		switch (shown) {
			case "week" -> {
				from = anchor.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
				to = from.plusDays(7);
				prev = from.minusWeeks(1);
				next = from.plusWeeks(1);
				title = "Week of " + from;
			}
			case "agenda" -> {
				from = anchor;
				to = anchor.plusDays(AGENDA_DAYS);
				prev = anchor.minusDays(AGENDA_DAYS);
				next = to;
				title = from + " to " + to.minusDays(1);
			}
			default -> {
				LocalDate first = anchor.withDayOfMonth(1);
				from = first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
				to = from.plusWeeks(6);
				prev = first.minusMonths(1);
				next = first.plusMonths(1);
				title = first.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH) + " " + first.getYear();
			}
		}
		List<Occurrence> occurrences = events.occurrences(viewer, from.atStartOfDay(zone).toInstant(), to.atStartOfDay(zone).toInstant(),
				regionCode, null, null);
		Map<LocalDate, List<Item>> byDay = new LinkedHashMap<>();
		for (Occurrence o : occurrences) {
			LocalDate first = o.allDay() ? o.localStart().toLocalDate() : LocalDate.ofInstant(o.start(), zone);
			LocalDate last = o.allDay() ? o.localEnd().toLocalDate().minusDays(1) : LocalDate.ofInstant(o.end().minusSeconds(1), zone);
			String time = o.allDay() ? "All day"
					: TIME.format(o.start().atZone(zone)) + "–" + TIME.format(o.end().atZone(zone));
			for (LocalDate d = first.isBefore(from) ? from : first; !d.isAfter(last) && d.isBefore(to); d = d.plusDays(1)) {
				byDay.computeIfAbsent(d, k -> new ArrayList<>()).add(new Item(o, time, o.hasConflict()));
			}
		}
		List<Day> days = new ArrayList<>();
		for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
			boolean inPeriod = !shown.equals("month") || d.getMonth() == anchor.getMonth();
			List<Item> items = byDay.getOrDefault(d, List.of());
			if (!shown.equals("agenda") || !items.isEmpty()) {
				days.add(new Day(d, inPeriod, d.equals(today), items));
			}
		}
		List<List<Day>> weeks = new ArrayList<>();
		if (shown.equals("month")) {
			for (int i = 0; i < days.size(); i += 7) {
				weeks.add(days.subList(i, i + 7));
			}
		}
		model.addAttribute("view", shown);
		model.addAttribute("heading", title);
		model.addAttribute("anchor", anchor);
		model.addAttribute("prev", prev);
		model.addAttribute("next", next);
		model.addAttribute("today", today);
		model.addAttribute("days", days);
		model.addAttribute("weeks", weeks);
		model.addAttribute("zone", zone.getId());
		model.addAttribute("region", regionCode);
		model.addAttribute("regions", regions.visibleTo(viewer));
		model.addAttribute("conflicts", occurrences.stream().filter(Occurrence::hasConflict).count());
		model.addAttribute("count", occurrences.size());
		model.addAttribute("canPlan", events.mayPlan(viewer));
		return "schedule/calendar";
	}

	@GetMapping("/calendar/events/{id}")
	String event(Viewer viewer, @PathVariable long id, Model model) {
		CalendarEvent event = events.get(viewer, id);
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(event.timeZone()));
		java.time.Instant from = today.atStartOfDay(ZoneId.of(event.timeZone())).toInstant();
		model.addAttribute("event", event);
		model.addAttribute("occurrences", events.occurrencesOf(viewer, id, from, from.plus(java.time.Duration.ofDays(EVENT_PAGE_DAYS))));
		model.addAttribute("days", EVENT_PAGE_DAYS);
		model.addAttribute("canPlan", events.mayPlan(viewer));
		return "schedule/event";
	}

	@GetMapping("/calendar/events/new")
	String newEvent(Viewer viewer, @RequestParam(required = false) String date, @RequestParam(required = false) String region, Model model) {
		Map<String, String> form = new HashMap<>();
		LocalDate day = parseDate(date, LocalDate.ofInstant(clock.instant(), users.timeZoneOf(viewer)));
		form.put("startDate", day.toString());
		form.put("endDate", day.toString());
		form.put("startTime", "18:00");
		form.put("endTime", "19:00");
		form.put("kind", EventKind.LIVE_EVENT.name());
		form.put("region", region != null ? region : viewer.regions().stream().sorted().findFirst().orElse(""));
		return form(viewer, null, form, Map.of(), model);
	}

	@PostMapping("/calendar/events")
	String create(Viewer viewer, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
		try {
			CalendarEvent created = events.create(viewer, draft(form, false));
			redirect.addFlashAttribute("flash", "Planned " + created.title() + "." + conflictNote(created));
			return "redirect:/calendar/events/" + created.id();
		}
		catch (InvalidInputException | ConflictException ex) {
			return form(viewer, null, form, FormErrors.of(ex), model);
		}
	}

	@GetMapping("/calendar/events/{id}/edit")
	String edit(Viewer viewer, @PathVariable long id, Model model) {
		CalendarEvent event = events.get(viewer, id);
		Map<String, String> form = new HashMap<>();
		form.put("title", event.title());
		form.put("kind", event.kind().name());
		form.put("region", event.region());
		form.put("timeZone", event.timeZone());
		form.put("allDay", event.allDay() ? "true" : null);
		form.put("startDate", event.start().substring(0, 10));
		form.put("endDate", event.end().substring(0, 10));
		form.put("startTime", event.allDay() ? "" : event.start().substring(11, 16));
		form.put("endTime", event.allDay() ? "" : event.end().substring(11, 16));
		form.put("rrule", event.rrule() == null ? "" : event.rrule());
		form.put("creatorIds", String.join(" ", event.creators().stream().map(CalendarEvent.Participant::creatorId).toList()));
		form.put("description", event.description());
		return form(viewer, event, form, Map.of(), model);
	}

	@PostMapping("/calendar/events/{id}")
	String update(Viewer viewer, @PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
		try {
			CalendarEvent changed = events.update(viewer, id, draft(form, true));
			redirect.addFlashAttribute("flash", "Saved " + changed.title() + "." + conflictNote(changed));
			return "redirect:/calendar/events/" + id;
		}
		catch (InvalidInputException | ConflictException ex) {
			return form(viewer, events.get(viewer, id), form, FormErrors.of(ex), model);
		}
	}

	@PostMapping("/calendar/events/{id}/delete")
	String delete(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
		CalendarEvent event = events.get(viewer, id);
		events.delete(viewer, id);
		redirect.addFlashAttribute("flash", "Deleted " + event.title() + ".");
		return "redirect:/calendar?region=" + event.region();
	}

	@PostMapping("/calendar/events/{id}/occurrences/cancel")
	String cancelOccurrence(Viewer viewer, @PathVariable long id, @RequestParam(required = false) String recurrenceId,
			RedirectAttributes redirect) {
		try {
			events.cancelOccurrence(viewer, id, recurrenceId);
			redirect.addFlashAttribute("flash", "Cancelled the occurrence of " + recurrenceId + ".");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("flashError", FormErrors.summary(ex));
		}
		return "redirect:/calendar/events/" + id;
	}

	@GetMapping("/calendar/feeds")
	String feedList(Viewer viewer, Model model) {
		model.addAttribute("feeds", feeds.mine(viewer));
		model.addAttribute("regions", regions.visibleTo(viewer));
		model.addAttribute("me", viewer.userId());
		return "schedule/feeds";
	}

	// The new address is answered in the page, never put in a flash attribute: sessions live in PostgreSQL,
	// and a secret shown once must not be written anywhere.
	@PostMapping("/calendar/feeds")
	String createFeed(Viewer viewer, @RequestParam(required = false) String scope, @RequestParam(required = false) String id,
			Model model, RedirectAttributes redirect) {
		try {
			CalendarFeeds.IssuedFeed issued = feeds.create(viewer, scope, id, base());
			model.addAttribute("feedUrl", issued.url());
			model.addAttribute("flash", "Made the feed " + issued.feed().name() + ". Copy its address now: it is shown only once.");
			return feedList(viewer, model);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("flashError", FormErrors.summary(ex));
		}
		return "redirect:/calendar/feeds";
	}

	@PostMapping("/calendar/feeds/{id}/rotate")
	String rotateFeed(Viewer viewer, @PathVariable long id, Model model, RedirectAttributes redirect) {
		try {
			CalendarFeeds.IssuedFeed issued = feeds.rotate(viewer, id, base());
			model.addAttribute("feedUrl", issued.url());
			model.addAttribute("flash", "New address for " + issued.feed().name() + "; the old one no longer works.");
			return feedList(viewer, model);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("flashError", FormErrors.summary(ex));
		}
		return "redirect:/calendar/feeds";
	}

	@PostMapping("/calendar/feeds/{id}/revoke")
	String revokeFeed(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
		CalendarFeeds.Feed revoked = feeds.revoke(viewer, id);
		redirect.addFlashAttribute("flash", "Revoked " + revoked.name() + ".");
		return "redirect:/calendar/feeds";
	}

	private String form(Viewer viewer, CalendarEvent event, Map<String, String> form, Map<String, String> errors, Model model) {
		model.addAttribute("event", event);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("kinds", Arrays.asList(EventKind.values()));
		model.addAttribute("regions", regions.visibleTo(viewer));
		return "schedule/form";
	}

	/** The form's separate date and time fields become the API's local date-times (dates when all-day). */
	private static EventDraft draft(Map<String, String> form, boolean change) {
		boolean allDay = form.get("allDay") != null;
		String startDate = blank(form.get("startDate"));
		String endDate = blank(form.get("endDate")) != null ? blank(form.get("endDate")) : startDate;
		String start = allDay || startDate == null ? startDate
				: startDate + "T" + (blank(form.get("startTime")) == null ? "" : form.get("startTime").strip());
		String end = allDay || endDate == null ? endDate : endDate + "T" + (blank(form.get("endTime")) == null ? "" : form.get("endTime").strip());
		String creatorText = form.getOrDefault("creatorIds", "");
		List<String> creatorIds = Arrays.stream(creatorText.split("[\\s,]+")).filter(s -> !s.isBlank()).toList();
		return new EventDraft(form.getOrDefault("title", ""), form.get("kind"), form.get("region"), blank(form.get("timeZone")), start, end, allDay,
				change ? form.getOrDefault("rrule", "") : blank(form.get("rrule")), null, creatorIds, null, form.getOrDefault("description", ""));
	}

	private static String conflictNote(CalendarEvent event) {
		return event.conflicts().isEmpty() ? "" : " Careful: " + event.conflicts().size() + " conflict(s) with other events.";
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static LocalDate parseDate(String value, LocalDate fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		LocalDate date;
		try {
			date = LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("date", "must be a date such as 2026-11-30");
		}
		// +999999999-12-31 parses, and PostgreSQL refused the window around it (a 500)
		if (date.getYear() < 1 || date.getYear() > 9999) {
			throw new InvalidInputException("date", Checks.STORABLE_TIME_RULE);
		}
		return date;
	}

	private static String base() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
	}
}
