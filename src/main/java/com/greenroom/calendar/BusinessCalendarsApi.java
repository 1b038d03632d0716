package com.greenroom.calendar;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Viewer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A region's business calendar: everyone may read it, admins replace it. */
@RestController
@RequestMapping("/api/v1/regions/{code}/calendar")
@Tag(name = "Business calendars", description = "Working weekdays and holidays per region")
@SecurityRequirement(name = "bearer")
class BusinessCalendarsApi {

	private final BusinessCalendars calendars;

	BusinessCalendarsApi(BusinessCalendars calendars) {
		this.calendars = calendars;
	}

	@GetMapping
	@Operation(summary = "Get a region's business calendar (default Monday to Friday, no holidays)")
	BusinessCalendars.CalendarView get(@PathVariable String code) {
		return BusinessCalendars.view(calendars.of(code));
	}

	@PutMapping
	@Operation(summary = "Replace a region's working weekdays and holidays (admin)")
	BusinessCalendars.CalendarView put(Viewer viewer, @PathVariable String code, @RequestBody BusinessCalendars.CalendarChanges changes) {
		return BusinessCalendars.view(calendars.update(viewer, code, changes));
	}
}
