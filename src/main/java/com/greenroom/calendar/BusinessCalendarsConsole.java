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
		model.addAttribute("errors", Map.of());
		model.addAttribute("weekdays", DayOfWeek.values());
		return "calendar/edit";
	}

	@PostMapping("/admin/calendars/{code}")
	String save(Viewer viewer, @PathVariable String code, @RequestParam(required = false) List<String> workingDays,
			@RequestParam(defaultValue = "") String holidays, Model model, RedirectAttributes redirect) {
		try {
			calendars.update(viewer, code, new BusinessCalendars.CalendarChanges(workingDays == null ? List.of() : workingDays,
					parseHolidays(holidays)));
			redirect.addFlashAttribute("flash", "Saved the business calendar of " + code + ".");
			return "redirect:/admin/calendars";
		}
		catch (InvalidInputException | ConflictException ex) {
			model.addAttribute("calendar", BusinessCalendars.view(calendars.of(code)));
			model.addAttribute("checked", workingDays == null ? List.of() : workingDays);
			model.addAttribute("holidays", holidays);
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

	private static String holidayText(List<BusinessCalendar.Holiday> holidays) {
		StringBuilder text = new StringBuilder();
		holidays.forEach(h -> text.append(h.date()).append(h.name().isEmpty() ? "" : " " + h.name()).append('\n'));
		return text.toString();
	}

}
