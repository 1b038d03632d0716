package com.greenroom.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.greenroom.identity.Regions;
import com.greenroom.identity.Viewer;
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

/** Admin pages: every region's working weekdays and holidays, one form per region. */
@Controller
class BusinessCalendarsConsole {

	private final BusinessCalendars calendars;

	private final Regions regions;

	BusinessCalendarsConsole(BusinessCalendars calendars, Regions regions) {
		this.calendars = calendars;
		this.regions = regions;
	}

	@GetMapping("/admin/calendars")
	String list(Model model) {
		model.addAttribute("calendars", regions.all().stream().map(r -> BusinessCalendars.view(calendars.of(r.code()))).toList());
		return "calendar/calendars";
	}

	@GetMapping("/admin/calendars/{code}")
	String edit(@PathVariable String code, Model model) {
		BusinessCalendars.CalendarView calendar = BusinessCalendars.view(calendars.of(code));
		model.addAttribute("calendar", calendar);
		model.addAttribute("checked", calendar.workingDays());
		model.addAttribute("holidays", holidayText(calendar.holidays()));
		model.addAttribute("hours", hoursText(calendar.workingHours()));
		model.addAttribute("errors", Map.of());
		model.addAttribute("weekdays", DayOfWeek.values());
		return "calendar/edit";
	}

	@PostMapping("/admin/calendars/{code}")
	String save(Viewer viewer, @PathVariable String code, @RequestParam(required = false) List<String> workingDays,
			@RequestParam(defaultValue = "") String holidays, @RequestParam Map<String, String> form, Model model,
			RedirectAttributes redirect) {
		Map<String, String> hours = new java.util.LinkedHashMap<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			hours.put(day.name(), form.getOrDefault("hours" + day.name(), "").strip());
		}
		try {
			calendars.update(viewer, code, new BusinessCalendars.CalendarChanges(workingDays == null ? List.of() : workingDays,
					parseHolidays(holidays), parseHours(hours)));
			redirect.addFlashAttribute("flash", "Saved the business calendar of " + code + ".");
			return "redirect:/admin/calendars";
		}
		catch (InvalidInputException | ConflictException ex) {
			model.addAttribute("calendar", BusinessCalendars.view(calendars.of(code)));
			model.addAttribute("checked", workingDays == null ? List.of() : workingDays);
			model.addAttribute("holidays", holidays);
			model.addAttribute("hours", hours);
			model.addAttribute("errors", FormErrors.of(ex));
			model.addAttribute("weekdays", DayOfWeek.values());
			return "calendar/edit";
		}
	}

	/** One holiday a line: {@code 2026-12-25 Christmas Day}. */
	private static List<BusinessCalendar.Holiday> parseHolidays(String text) {
		List<BusinessCalendar.Holiday> holidays = new ArrayList<>();
		List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
		for (int i = 0; i < lines.size(); i++) {
			String[] parts = lines.get(i).split("\\s+", 2);
			try {
				holidays.add(new BusinessCalendar.Holiday(LocalDate.parse(parts[0]), parts.length > 1 ? parts[1] : ""));
			}
			catch (DateTimeParseException ex) {
				throw new InvalidInputException("holidays", "line " + (i + 1) + " does not start with a date such as 2026-12-25");
			}
		}
		return holidays;
	}

	/**
	 * Hours of each weekday as typed: ranges such as {@code 08:00-12:00, 13:00-17:00}; blank leaves the day at
	 * the default hours. A range that is not two times is passed on as typed, so the check names it.
	 */
	private static Map<String, List<BusinessCalendars.HoursRange>> parseHours(Map<String, String> text) {
		Map<String, List<BusinessCalendars.HoursRange>> hours = new java.util.LinkedHashMap<>();
		text.forEach((day, value) -> {
			if (value.isBlank()) {
				return;
			}
			List<BusinessCalendars.HoursRange> ranges = new ArrayList<>();
			for (String part : value.split(",")) {
				String[] times = part.strip().split("\\s*-\\s*", 2);
				ranges.add(new BusinessCalendars.HoursRange(times[0], times.length > 1 ? times[1] : ""));
			}
			hours.put(day, ranges);
		});
		return hours;
	}

	private static Map<String, String> hoursText(Map<String, List<BusinessCalendars.HoursRange>> hours) {
		Map<String, String> text = new java.util.LinkedHashMap<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			List<BusinessCalendars.HoursRange> ranges = hours.getOrDefault(day.name(), List.of());
			text.put(day.name(), String.join(", ", ranges.stream().map(r -> r.from() + "-" + r.to()).toList()));
		}
		return text;
	}

	private static String holidayText(List<BusinessCalendar.Holiday> holidays) {
		StringBuilder text = new StringBuilder();
		holidays.forEach(h -> text.append(h.date()).append(h.name().isEmpty() ? "" : " " + h.name()).append('\n'));
		return text.toString();
	}

}
