package com.greenroom.growth;

import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Viewer;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Console: a region's weekly review, printable. */
@Controller
class WeeklyReviewConsole {

	private final WeeklyReviews reviews;

	private final Regions regions;

	WeeklyReviewConsole(WeeklyReviews reviews, Regions regions) {
		this.reviews = reviews;
		this.regions = regions;
	}

	@GetMapping("/insights/review")
	String review(Viewer viewer, @RequestParam(required = false) String region, @RequestParam(required = false) String week, Model model,
			HttpServletResponse response) {
		List<Region> visible = regions.visibleTo(viewer);
		if ((region == null || region.isBlank()) && !visible.isEmpty()) {
			region = visible.get(0).code();
		}
		model.addAttribute("regions", visible);
		model.addAttribute("week", week == null ? "" : week.strip());
		model.addAttribute("region", region == null ? "" : region.strip());
		try {
			Region where = reviews.region(viewer, region);
			LocalDate monday = reviews.monday(week, where.zone());
			WeeklyReview review = reviews.review(viewer, where.code(), WeeklyReviews.isoWeek(monday));
			model.addAttribute("review", review);
			model.addAttribute("week", review.week());
			model.addAttribute("region", review.region());
			model.addAttribute("previous", WeeklyReviews.isoWeek(monday.minusWeeks(1)));
			model.addAttribute("next", WeeklyReviews.isoWeek(monday.plusWeeks(1)));
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			model.addAttribute("review", null);
			model.addAttribute("error", ex.getMessage());
		}
		catch (NotFoundException ex) {
			throw ex;
		}
		return "growth/review";
	}
}
