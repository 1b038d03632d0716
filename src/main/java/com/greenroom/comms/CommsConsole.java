package com.greenroom.comms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorPanel;
import com.greenroom.creators.Creators;
import com.greenroom.creators.RosterQuery;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.milestones.Milestones;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.FormErrors;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console: templates (list, editor with a live preview against a chosen creator, versions), sends (new send
 * with a segment builder, a recipient count and a review step; a send's page with each recipient's status),
 * and the messages panel on a creator's page.
 */
@Controller
class CommsConsole implements CreatorPanel {

	private final Templates templates;

	private final Sends sends;

	private final Segments segments;

	private final Creators creators;

	private final Regions regions;

	private final Users users;

	private final Milestones milestones;

	CommsConsole(Templates templates, Sends sends, Segments segments, Creators creators, Regions regions, Users users,
			Milestones milestones) {
		this.templates = templates;
		this.sends = sends;
		this.segments = segments;
		this.creators = creators;
		this.regions = regions;
		this.users = users;
		this.milestones = milestones;
	}

	@Override
	public String fragment() {
		return "messages-panel";
	}

	@Override
	public String label() {
		return "messages";
	}

	@Override
	public Column column() {
		return Column.SIDE;
	}

	@Override
	public int order() {
		return 60;
	}

	@GetMapping("/templates")
	String list(Viewer viewer, Model model) {
		model.addAttribute("templates", templates.list());
		model.addAttribute("canEdit", templates.mayEdit(viewer));
		return "comms/templates";
	}

	@GetMapping("/templates/new")
	String newTemplate(Viewer viewer, Model model) {
		if (!templates.mayEdit(viewer)) {
			throw new AccessDeniedException("Only admins and regional leads write message templates");
		}
		Map<String, String> form = new HashMap<>(Map.of("channel", "EMAIL", "locale", "en"));
		return editor(viewer, null, form, Map.of(), model);
	}

	@GetMapping("/templates/{key}")
	String template(Viewer viewer, @PathVariable String key, @RequestParam(required = false) String locale, Model model) {
		MessageTemplate template = templates.get(key);
		Map<String, String> form = new HashMap<>();
		TemplateVersion current = template.variants()
			.stream()
			.filter(v -> locale == null || v.locale().equalsIgnoreCase(locale))
			.findFirst()
			.orElse(template.variants().isEmpty() ? null : template.variants().get(0));
		form.put("locale", current == null ? "en" : current.locale());
		form.put("subject", current == null ? "" : current.subject());
		form.put("body", current == null ? "" : current.body());
		form.put("purpose", template.purpose());
		return editor(viewer, template, form, Map.of(), model);
	}

	@PostMapping("/templates")
	String save(Viewer viewer, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
		MessageTemplate existing = form.get("key") == null ? null : templates.find(form.get("key")).orElse(null);
		try {
			MessageTemplate saved = templates.save(viewer, new TemplateDraft(form.get("key"), form.get("purpose"),
					existing == null ? form.get("channel") : existing.channel().name(), form.get("locale"), form.get("subject"), form.get("body")));
			TemplateVersion latest = templates.versions(saved.key()).get(0);
			redirect.addFlashAttribute("flash", "Saved " + latest.locale() + " as version " + latest.version() + ".");
			return "redirect:/templates/" + saved.key() + "?locale=" + latest.locale();
		}
		catch (InvalidInputException | ConflictException ex) {
			return editor(viewer, existing, new HashMap<>(form), FormErrors.of(ex), model);
		}
	}

	@PostMapping("/templates/preview")
	String preview(Viewer viewer, @RequestParam Map<String, String> form, Model model) {
		try {
			model.addAttribute("preview", templates.previewText(viewer, Checks.blankToNull(form.get("previewCreatorId")), form.get("subject"),
					form.get("body")));
			model.addAttribute("previewErrors", Map.of());
		}
		catch (InvalidInputException | NotFoundException ex) {
			model.addAttribute("preview", null);
			model.addAttribute("previewErrors",
					ex instanceof NotFoundException ? Map.of("previewCreatorId", "No such creator in your regions.") : FormErrors.of(ex));
		}
		return "comms/template :: preview";
	}

	private String editor(Viewer viewer, MessageTemplate template, Map<String, String> form, Map<String, String> errors, Model model) {
		if (Checks.blankToNull(form.get("previewCreatorId")) == null) {
			creators.search(viewer, RosterQuery.all(), null, 1).items().stream().findFirst()
				.ifPresent(c -> form.put("previewCreatorId", c.creatorId()));
		}
		model.addAttribute("template", template);
		model.addAttribute("versions", template == null ? List.of() : templates.versions(template.key()));
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("canEdit", templates.mayEdit(viewer));
		model.addAttribute("placeholders", templates.placeholders());
		Object preview = null;
		Map<String, String> previewErrors = Map.of();
		if (form.get("previewCreatorId") != null) {
			try {
				preview = templates.previewText(viewer, form.get("previewCreatorId"), form.get("subject"), form.get("body"));
			}
			catch (InvalidInputException | NotFoundException ex) {
				previewErrors = ex instanceof NotFoundException ? Map.of("previewCreatorId", "No such creator in your regions.")
						: FormErrors.of(ex);
			}
		}
		model.addAttribute("preview", preview);
		model.addAttribute("previewErrors", previewErrors);
		return "comms/template";
	}

	@GetMapping("/sends")
	String sendList(Viewer viewer, Model model) {
		model.addAttribute("sends", sends.recent(viewer, 50));
		model.addAttribute("canSend", sends.maySend(viewer));
		return "comms/sends";
	}

	@GetMapping("/sends/new")
	String newSend(Viewer viewer, @RequestParam(required = false) String creatorId, @RequestParam(required = false) String template,
			Model model) {
		Map<String, String> form = new HashMap<>();
		if (creatorId != null) {
			form.put("audience", "creators");
			form.put("creatorIds", creatorId);
		}
		else {
			form.put("audience", "segment");
		}
		if (template != null) {
			form.put("template", template);
		}
		return sendForm(viewer, form, Map.of(), model);
	}

	@PostMapping("/sends/review")
	String review(Viewer viewer, @RequestParam Map<String, String> form, Model model) {
		try {
			SendRequest request = request(form);
			MessageTemplate template = templates.find(Checks.blankToNull(request.template()))
				.orElseThrow(() -> new InvalidInputException("template", "choose a template"));
			List<Creator> recipients = request.segment() != null ? segments.resolve(viewer, request.segment())
					: new ArrayList<>(creators.visible(viewer, request.creatorIds()).values());
			if (request.creatorIds() != null) {
				Checks checks = new Checks();
				checks.require(!request.creatorIds().isEmpty(), "creatorIds", "name at least one creator");
				checks.require(recipients.size() == request.creatorIds().stream().distinct().count(), "creatorIds",
						"not every id is a creator in your regions");
				checks.throwIfAny();
			}
			if (recipients.isEmpty()) {
				throw new InvalidInputException("segment", "matches no creators in your regions; nobody would get the message");
			}
			if (Checks.blankToNull(request.locale()) != null) {
				templates.variant(template, request.locale(), "locale");
			}
			long skipped = recipients.stream().filter(c -> !sends.plan(template, null, c).status().equals("PENDING")).count();
			model.addAttribute("template", template);
			model.addAttribute("recipientCount", recipients.size());
			model.addAttribute("skippedCount", skipped);
			model.addAttribute("sample", recipients.stream().limit(10).toList());
			model.addAttribute("firstPreview", templates.variantFor(template, recipients.get(0))
				.map(v -> templates.render(recipients.get(0), v))
				.orElse(null));
			model.addAttribute("form", form);
			return "comms/review";
		}
		catch (InvalidInputException ex) {
			return sendForm(viewer, new HashMap<>(form), FormErrors.of(ex), model);
		}
	}

	@PostMapping("/sends/count")
	String count(Viewer viewer, @RequestParam Map<String, String> form, Model model) {
		try {
			model.addAttribute("count", segments.resolve(viewer, segment(form)).size());
			model.addAttribute("countError", null);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("countError", FormErrors.summary(ex));
		}
		return "comms/send-new :: count";
	}

	@PostMapping("/sends")
	String send(Viewer viewer, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
		try {
			Send send = sends.send(viewer, request(form));
			redirect.addFlashAttribute("flash", send.repeated() ? "This send was already made; nothing was sent again."
					: "Sending to " + (send.total() - send.counts().get("SKIPPED")) + " creators.");
			return "redirect:/sends/" + send.id();
		}
		catch (InvalidInputException | ConflictException ex) {
			return sendForm(viewer, new HashMap<>(form), FormErrors.of(ex), model);
		}
	}

	/** Recipients per page of the console's send page. */
	static final int CONSOLE_PAGE = 100;

	@GetMapping("/sends/{id}")
	String sendPage(Viewer viewer, @PathVariable long id, @RequestParam(required = false) Integer page, Model model) {
		Send send = sends.get(viewer, id, page, CONSOLE_PAGE);
		model.addAttribute("send", send);
		model.addAttribute("pages", Math.max(1, (send.total() + CONSOLE_PAGE - 1) / CONSOLE_PAGE));
		model.addAttribute("firstShown", Math.min(send.total(), (send.page() - 1) * CONSOLE_PAGE + 1));
		model.addAttribute("lastShown", Math.min(send.total(), send.page() * CONSOLE_PAGE));
		model.addAttribute("statusLabels", Channel.STATUS_LABELS);
		return "comms/send";
	}

	@GetMapping("/creators/{creatorId}/messages-panel")
	String panel(Viewer viewer, @PathVariable String creatorId, Model model) {
		Creator creator = creators.get(viewer, creatorId);
		model.addAttribute("creator", creator);
		model.addAttribute("messages", sends.history(viewer, creatorId).stream().limit(10).toList());
		model.addAttribute("canSend", sends.maySend(viewer));
		model.addAttribute("statusLabels", Channel.STATUS_LABELS);
		return "comms/panel :: panel";
	}

	private String sendForm(Viewer viewer, Map<String, String> form, Map<String, String> errors, Model model) {
		form.putIfAbsent("idempotencyKey", UUID.randomUUID().toString());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("templates", templates.list());
		model.addAttribute("regions", regions.visibleTo(viewer));
		model.addAttribute("managers", users.managersVisibleTo(viewer));
		model.addAttribute("milestones", milestones.definitions());
		model.addAttribute("canSend", sends.maySend(viewer));
		return "comms/send-new";
	}

	/** The form as a request: creator ids separated by commas, spaces or lines, or the segment's fields. */
	private static SendRequest request(Map<String, String> form) {
		String key = Checks.blankToNull(form.get("idempotencyKey"));
		String locale = Checks.blankToNull(form.get("locale"));
		if ("creators".equals(form.get("audience"))) {
			String ids = form.getOrDefault("creatorIds", "");
			List<String> creatorIds = Arrays.stream(ids.split("[\\s,]+")).filter(s -> !s.isBlank()).distinct().toList();
			return new SendRequest(form.get("template"), creatorIds, null, key, locale);
		}
		return new SendRequest(form.get("template"), null, segment(form), key, locale);
	}

	private static Segment segment(Map<String, String> form) {
		String reached = Checks.blankToNull(form.get("milestoneReached"));
		return new Segment(Checks.blankToNull(form.get("region")), Checks.blankToNull(form.get("tier")), Checks.blankToNull(form.get("manager")),
				Checks.blankToNull(form.get("milestone")), reached == null ? null : Boolean.valueOf(reached),
				Checks.blankToNull(form.get("onboarding")), Checks.blankToNull(form.get("country")), Checks.blankToNull(form.get("language")),
				Checks.blankToNull(form.get("status")));
	}
}
