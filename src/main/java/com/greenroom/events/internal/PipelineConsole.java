package com.greenroom.events.internal;

import com.greenroom.system.PageOf;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The admin's pipeline page: quarantined events with retry, and incomplete cross-module publications. */
@Controller
class PipelineConsole {

	private final ProjectionQuarantine quarantine;

	private final ProjectionRunner runner;

	private final ListenerRetries listeners;

	private final IngestLoad load;

	private final EventsProperties properties;

	PipelineConsole(ProjectionQuarantine quarantine, ProjectionRunner runner, ListenerRetries listeners, IngestLoad load,
			EventsProperties properties) {
		this.quarantine = quarantine;
		this.runner = runner;
		this.listeners = listeners;
		this.load = load;
		this.properties = properties;
	}

	@GetMapping("/admin/pipeline")
	String page(@RequestParam(required = false) String cursor, @RequestParam(required = false) String publications, Model model) {
		PageOf<QuarantinedEvent> page = quarantine.page(cursor, 50);
		model.addAttribute("publications", listeners.incomplete(publications, 50));
		model.addAttribute("incomplete", listeners.countIncomplete());
		model.addAttribute("failedPublications", listeners.countFailed());
		model.addAttribute("page", page);
		model.addAttribute("quarantined", quarantine.count());
		java.util.Map<String, Long> positions = runner.positions();
		long horizon = runner.horizon();
		model.addAttribute("positions", positions);
		java.util.Map<String, String> shards = new java.util.LinkedHashMap<>();
		java.util.Map<String, java.util.List<Long>> shardPositions = runner.shardPositions();
		shardPositions.forEach((name, list) -> shards.put(name, list.size() == 1 ? "not sharded"
				: list.size() + ": " + list.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))));
		model.addAttribute("shards", shards);
		java.util.Map<String, String> catchingUp = new java.util.LinkedHashMap<>();
		runner.shardsCatchingUp(shardPositions, horizon)
			.forEach((name, count) -> catchingUp.put(name, count == 0 ? "no"
					: shardPositions.get(name).size() == 1 ? "yes" : count + " of " + shardPositions.get(name).size() + " shards"));
		model.addAttribute("catchingUp", catchingUp);
		model.addAttribute("catchUpBacklog", properties.projections().catchUpBacklog());
		model.addAttribute("catchUpBatchSize", runner.catchUpLimit());
		model.addAttribute("backlog", runner.backlog(positions, horizon));
		model.addAttribute("burst", load.burst());
		model.addAttribute("lastSecond", load.lastSecond());
		model.addAttribute("burstRate", properties.projections().burstRate());
		model.addAttribute("burstBacklog", properties.projections().burstBacklog());
		return "admin/pipeline";
	}

	@PostMapping("/admin/pipeline/quarantine/{id}/retry")
	String retry(@PathVariable long id, RedirectAttributes redirect) {
		ProjectionRunner.RetryOutcome outcome = runner.retry(id);
		redirect.addFlashAttribute("flash", switch (outcome.outcome()) {
			case ProjectionRunner.RetryOutcome.APPLIED -> "Entry " + id + " applied; it left the quarantine.";
			case ProjectionRunner.RetryOutcome.GONE -> "Entry " + id + " removed: its event is no longer in the log.";
			default -> "Entry " + id + " failed again: " + outcome.error();
		});
		return "redirect:/admin/pipeline";
	}

	@PostMapping("/admin/pipeline/publications/{id}/resubmit")
	String resubmit(@PathVariable java.util.UUID id, RedirectAttributes redirect) {
		listeners.resubmitNow(id);
		redirect.addFlashAttribute("flash", "Publication " + id + " resubmitted to its listener.");
		return "redirect:/admin/pipeline";
	}

	@PostMapping("/admin/pipeline/quarantine/retry")
	String retryAll(RedirectAttributes redirect) {
		var outcomes = runner.retryAll();
		long applied = outcomes.stream().filter(o -> !ProjectionRunner.RetryOutcome.FAILED.equals(o.outcome())).count();
		redirect.addFlashAttribute("flash", "Retried " + outcomes.size() + ": " + applied + " left the quarantine, "
				+ (outcomes.size() - applied) + " failed again.");
		return "redirect:/admin/pipeline";
	}
}
