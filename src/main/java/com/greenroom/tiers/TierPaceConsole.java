package com.greenroom.tiers;

import com.greenroom.creators.CreatorPanel;
import com.greenroom.identity.Viewer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The tier pace panel of a creator's page: projection per measure and what the next tier takes. */
@Controller
class TierPaceConsole implements CreatorPanel {

	private final TierPaces paces;

	TierPaceConsole(TierPaces paces) {
		this.paces = paces;
	}

	@Override
	public String fragment() {
		return "tier-pace-panel";
	}

	@Override
	public String label() {
		return "tier pace";
	}

	@Override
	public Column column() {
		return Column.SIDE;
	}

	@Override
	public int order() {
		return 12;
	}

	@GetMapping("/creators/{creatorId}/tier-pace-panel")
	String panel(Viewer viewer, @PathVariable String creatorId, Model model) {
		model.addAttribute("pace", paces.of(viewer, creatorId));
		return "tiers/pace-panel";
	}
}
