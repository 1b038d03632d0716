package com.greenroom.activity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorPanel;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Viewer;
import com.greenroom.system.FormErrors;
import com.greenroom.system.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** Console: the Top rooms page (refreshing itself) and the 28-day activity panel of a creator page. */
@Controller
class ActivityConsole implements CreatorPanel {

	@Override
	public String fragment() {
		return "activity-panel";
	}

	@Override
	public String label() {
		return "activity";
	}

	@Override
	public Column column() {
		return Column.MAIN;
	}

	@Override
	public int order() {
		return 10;
	}

	static final int CHART_DAYS = 28;

	private final LiveRooms rooms;

	private final Activity activity;

	private final Creators creators;

	private final Regions regions;

	private final JsonMapper json;

	ActivityConsole(LiveRooms rooms, Activity activity, Creators creators, Regions regions, JsonMapper json) {
		this.rooms = rooms;
		this.activity = activity;
		this.creators = creators;
		this.regions = regions;
		this.json = json;
	}

	@GetMapping("/live")
	String live(Viewer viewer, @RequestParam(required = false) String region, @RequestParam(required = false) String sort,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
		String order = sort == null || sort.isBlank() ? "viewers" : sort;
		model.addAttribute("region", region == null ? "" : region);
		model.addAttribute("sort", order);
		model.addAttribute("regions", regions.visibleTo(viewer));
		try {
			List<LiveRoom> top = rooms.top(viewer, region, order, 50);
			Map<String, String> flagLinks = new LinkedHashMap<>();
			top.forEach(room -> {
				String link = rooms.flagLink(viewer, room);
				if (link != null) {
					flagLinks.put(room.streamId(), link);
				}
			});
			model.addAttribute("rooms", top);
			model.addAttribute("flagLinks", flagLinks);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("rooms", List.of());
			model.addAttribute("flagLinks", Map.of());
			model.addAttribute("errors", FormErrors.of(ex));
		}
		model.addAttribute("silenceMinutes", rooms.silenceTimeout().toMinutes());
		return htmx != null ? "activity/live :: rooms" : "activity/live";
	}

	@GetMapping("/creators/{creatorId}/activity-panel")
	String panel(Viewer viewer, @PathVariable String creatorId, Model model) {
		Creator creator = creators.get(viewer, creatorId);
		LocalDate today = activity.today(creatorId);
		List<CreatorDay> days = activity.daysBetween(creatorId, today.minusDays(CHART_DAYS - 1), today);
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("days", days.stream().map(d -> d.day().toString()).toList());
		chart.put("active", days.stream().map(d -> d.active() ? 1 : 0).toList());
		chart.put("liveMinutes", days.stream().map(CreatorDay::liveMinutes).toList());
		chart.put("uniqueViewers", days.stream().map(CreatorDay::uniqueViewers).toList());
		chart.put("revenue", days.stream().map(CreatorDay::giftRevenueUsd).toList());
		model.addAttribute("creator", creator);
		model.addAttribute("chartJson", json.writeValueAsString(chart));
		model.addAttribute("activeDays", days.stream().filter(CreatorDay::active).count());
		model.addAttribute("liveMinutes", days.stream().mapToLong(CreatorDay::liveMinutes).sum());
		model.addAttribute("peakViewers", days.stream().mapToInt(CreatorDay::peakConcurrentViewers).max().orElse(0));
		model.addAttribute("revenue", days.stream().map(CreatorDay::giftRevenueUsd).reduce(BigDecimal.ZERO, BigDecimal::add));
		model.addAttribute("totals", activity.totals(creatorId).orElse(null));
		model.addAttribute("from", days.get(0).day());
		model.addAttribute("to", today);
		model.addAttribute("zone", activity.zoneOf(creatorId).getId());
		return "activity/panel";
	}
}
