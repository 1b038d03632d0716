package com.greenroom.growth;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import com.greenroom.events.CurrencyRates;
import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.FormErrors;
import com.greenroom.system.InvalidInputException;
import com.greenroom.tiers.Tier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Console: campaigns of a region with their ROI and the create form; a campaign's page with its revenue chart. */
@Controller
class CampaignsConsole {

	static final List<String> FIELDS = List.of("name", "start", "end", "costValue", "costCurrency", "participants", "creators", "tier",
			"manager", "country", "language", "goal", "target");

	private final Campaigns campaigns;

	private final Regions regions;

	private final Users users;

	private final CurrencyRates rates;

	private final JsonMapper json;

	private final Clock clock;

	CampaignsConsole(Campaigns campaigns, Regions regions, Users users, CurrencyRates rates, JsonMapper json, Clock clock) {
		this.campaigns = campaigns;
		this.regions = regions;
		this.users = users;
		this.rates = rates;
		this.json = json;
		this.clock = clock;
	}

	@GetMapping("/insights/campaigns")
	String list(Viewer viewer, @RequestParam(required = false) String region, Model model) {
		return page(viewer, region, new LinkedHashMap<>(), Map.of(), model);
	}

	@PostMapping("/insights/campaigns")
	String create(Viewer viewer, @RequestParam(required = false) String region, @RequestParam Map<String, String> form,
			@RequestParam(name = "regions", required = false) List<String> chosen, Model model) {
		boolean named = !"segment".equals(form.get("participants"));
		CampaignDraft draft = new CampaignDraft(form.get("name"), chosen == null ? List.of() : chosen, form.get("start"), form.get("end"),
				new CampaignDraft.Amount(form.get("costValue"), form.get("costCurrency")),
				named ? Arrays.stream(form.getOrDefault("creators", "").split("[\\s,]+")).filter(s -> !s.isBlank()).toList() : null,
				named ? null : new CampaignDraft.SegmentDraft(null, form.get("tier"), form.get("manager"), form.get("country"), form.get("language")),
				form.get("goal"), blank(form.get("target")) ? null : new CampaignDraft.Amount(form.get("target"), "USD"));
		try {
			Campaign created = campaigns.create(viewer, draft);
			return "redirect:/insights/campaigns/" + created.id();
		}
		catch (InvalidInputException ex) {
			Map<String, String> values = new LinkedHashMap<>(form);
			values.put("regions", String.join(",", chosen == null ? List.of() : chosen));
			Map<String, String> errors = new LinkedHashMap<>();
			FormErrors.of(ex).forEach((field, reason) -> errors.merge(field.startsWith("segment.") ? field.substring(8) : field, reason,
					(a, b) -> a + "; " + b));
			return page(viewer, region, values, errors, model);
		}
	}

	private String page(Viewer viewer, String rawRegion, Map<String, String> form, Map<String, String> errors, Model model) {
		List<Region> visible = regions.visibleTo(viewer);
		String region = rawRegion == null || rawRegion.isBlank() ? null : rawRegion.strip().toUpperCase(Locale.ROOT);
		String wanted = region;
		if (region != null && visible.stream().noneMatch(r -> r.code().equals(wanted))) {
			model.addAttribute("regionError", "Unknown region, or not one of yours: " + rawRegion);
			region = null;
		}
		Instant now = clock.instant();
		List<Row> rows = new ArrayList<>();
		for (Campaign campaign : campaigns.list(viewer, region)) {
			CampaignRoi roi = campaigns.roi(viewer, campaign.id(), now);
			String shown = region;
			CampaignRoi.Figures figures = region == null ? roi.total()
					: roi.regions().stream().filter(r -> r.region().equals(shown)).findFirst().map(CampaignRoi.RegionFigures::figures).orElse(null);
			rows.add(new Row(campaign, figures));
		}
		FIELDS.forEach(f -> form.putIfAbsent(f, ""));
		form.putIfAbsent("regions", region == null ? "" : region);
		if (form.get("participants").isEmpty()) {
			form.put("participants", "creators");
		}
		if (form.get("costCurrency").isEmpty()) {
			form.put("costCurrency", "USD");
		}
		model.addAttribute("region", region);
		model.addAttribute("regions", visible);
		model.addAttribute("rows", rows);
		model.addAttribute("form", form);
		model.addAttribute("chosenRegions", List.of(form.get("regions").split(",")));
		model.addAttribute("errors", errors);
		model.addAttribute("mayCreate", campaigns.mayCreate(viewer));
		model.addAttribute("currencies", rates.currencies());
		model.addAttribute("tiers", Tier.values());
		model.addAttribute("managers", users.managersVisibleTo(viewer));
		model.addAttribute("today", LocalDate.ofInstant(now, java.time.ZoneOffset.UTC));
		return "growth/campaigns";
	}

	@GetMapping("/insights/campaigns/{id}")
	String campaign(Viewer viewer, @PathVariable long id, Model model) {
		Campaign campaign = campaigns.get(viewer, id);
		CampaignRoi roi = campaigns.roi(viewer, id, clock.instant());
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("days", roi.daily().stream().map(d -> d.day().toString()).toList());
		chart.put("revenue", roi.daily().stream().map(CampaignRoi.DayPoint::revenueUsd).toList());
		chart.put("baseline", roi.daily().stream().map(CampaignRoi.DayPoint::baselineUsd).toList());
		chart.put("start", campaign.start().toString());
		model.addAttribute("campaign", campaign);
		model.addAttribute("roi", roi);
		model.addAttribute("chart", json.writeValueAsString(chart));
		model.addAttribute("regionNames", regions.all().stream().collect(java.util.stream.Collectors.toMap(Region::code, Region::name)));
		model.addAttribute("managerName", campaign.segment() == null || campaign.segment().manager() == null ? null
				: users.find(campaign.segment().manager()).map(u -> u.displayName()).orElse("user " + campaign.segment().manager()));
		return "growth/campaign";
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	/** A campaign in the list with the figures of the region shown (or its total). */
	record Row(Campaign campaign, CampaignRoi.Figures figures) {
	}
}
