package com.greenroom.notifications;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.notifications.NotificationPreferences.KindChange;
import com.greenroom.notifications.NotificationPreferences.PreferencesChange;
import com.greenroom.system.ConflictException;
import com.greenroom.system.FormErrors;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console: the inbox (/inbox), its bell fragment, each user's channel preferences (/inbox/preferences) and the
 * outbox for admins (/admin/outbox: what failed and why, with retry).
 */
@Controller
class InboxConsole {

	private static final int PAGE = 50;

	private final Notifications notifications;

	private final NotificationPreferences preferences;

	private final Outbox outbox;

	private final Users users;

	InboxConsole(Notifications notifications, NotificationPreferences preferences, Outbox outbox, Users users) {
		this.notifications = notifications;
		this.preferences = preferences;
		this.outbox = outbox;
		this.users = users;
	}

	@GetMapping("/inbox")
	String inbox(Viewer viewer, @RequestParam(required = false) Boolean unread, @RequestParam(required = false) String cursor, Model model) {
		boolean unreadOnly = Boolean.TRUE.equals(unread);
		model.addAttribute("page", notifications.page(viewer.userId(), unreadOnly, cursor, PAGE));
		model.addAttribute("unreadOnly", unreadOnly);
		model.addAttribute("firstPage", cursor == null || cursor.isBlank());
		model.addAttribute("unreadCount", notifications.unreadCount(viewer.userId()));
		model.addAttribute("zone", users.timeZoneOf(viewer).getId());
		return "notifications/inbox";
	}

	@GetMapping("/inbox/bell")
	String bell() {
		return "notifications/bell :: bell";
	}

	@PostMapping("/inbox/{id}/read")
	String read(Viewer viewer, @PathVariable long id, @RequestParam(required = false) Boolean unread, RedirectAttributes redirect) {
		InboxEntry entry = notifications.find(viewer.userId(), id).orElseThrow(() -> new NotFoundException("Notification", id));
		notifications.markRead(viewer.userId(), id);
		redirect.addFlashAttribute("flash", "Marked “" + entry.subject() + "” read.");
		return Boolean.TRUE.equals(unread) ? "redirect:/inbox?unread=true" : "redirect:/inbox";
	}

	@PostMapping("/inbox/read-all")
	String readAll(Viewer viewer, RedirectAttributes redirect) {
		int marked = notifications.markAllRead(viewer.userId());
		redirect.addFlashAttribute("flash",
				marked == 0 ? "Nothing was unread." : "Marked " + marked + (marked == 1 ? " notice" : " notices") + " read.");
		return "redirect:/inbox";
	}

	@GetMapping("/inbox/preferences")
	String preferences(Viewer viewer, Model model) {
		NotificationPreferences.Preferences current = preferences.of(viewer.userId());
		Map<String, List<String>> checked = new LinkedHashMap<>();
		current.kinds().forEach(k -> checked.put(k.kind().name(), k.channels().stream().map(Enum::name).toList()));
		return preferencesPage(model, current, checked, current.webhookUrl(), Map.of());
	}

	@PostMapping("/inbox/preferences")
	String savePreferences(Viewer viewer, @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {
		List<KindChange> kinds = new ArrayList<>();
		for (NoticeKind kind : NoticeKind.values()) {
			List<String> channels = form.get("channels-" + kind.name());
			kinds.add(new KindChange(kind.name(), channels == null ? List.of() : channels));
		}
		String webhookUrl = form.getFirst("webhookUrl");
		try {
			preferences.replace(viewer.userId(), new PreferencesChange(kinds, webhookUrl));
		}
		catch (InvalidInputException ex) {
			Map<String, String> errors = new LinkedHashMap<>();
			for (InvalidInputException.FieldError error : ex.errors()) {
				errors.merge(formField(error.field()), error.reason(), (a, b) -> a + "; " + b);
			}
			Map<String, List<String>> checked = new LinkedHashMap<>();
			kinds.forEach(k -> checked.put(k.kind(), k.channels()));
			return preferencesPage(model, preferences.of(viewer.userId()), checked, webhookUrl, errors);
		}
		redirect.addFlashAttribute("flash", "Saved your notification channels.");
		return "redirect:/inbox/preferences";
	}

	@GetMapping("/admin/outbox")
	String outboxPage(@RequestParam(required = false) String status, @RequestParam(required = false) String cursor, Model model) {
		String filter = status == null ? "FAILED" : status.isBlank() ? null : status.strip().toUpperCase(java.util.Locale.ROOT);
		try {
			model.addAttribute("page", outbox.list(filter, cursor, PAGE));
		}
		catch (InvalidInputException ex) {
			filter = "FAILED";
			model.addAttribute("page", outbox.list(filter, null, PAGE));
			model.addAttribute("flashError", FormErrors.summary(ex));
		}
		model.addAttribute("status", filter == null ? "" : filter);
		model.addAttribute("counts", outbox.counts());
		model.addAttribute("firstPage", cursor == null || cursor.isBlank());
		return "notifications/outbox";
	}

	@PostMapping("/admin/outbox/{id}/retry")
	String retry(@PathVariable long id, @RequestParam(required = false) String status, RedirectAttributes redirect) {
		try {
			outbox.retry(id);
			redirect.addFlashAttribute("flash", "Message " + id + " is queued again.");
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("flashError", "Message " + id + ": " + ex.getMessage());
		}
		return "redirect:/admin/outbox" + (status == null ? "" : "?status=" + (status.matches("[A-Z]*") ? status : ""));
	}

	private String preferencesPage(Model model, NotificationPreferences.Preferences current, Map<String, List<String>> checked,
			String webhookUrl, Map<String, String> errors) {
		model.addAttribute("prefs", current);
		model.addAttribute("kinds", NoticeKind.values());
		model.addAttribute("checked", checked);
		model.addAttribute("webhookUrl", webhookUrl);
		model.addAttribute("errors", errors);
		return "notifications/preferences";
	}

	/** {@code kinds[2].channels[0]} is shown beside that kind's row. */
	private static String formField(String field) {
		if (field.startsWith("kinds[")) {
			int index = Integer.parseInt(field.substring(6, field.indexOf(']')));
			return "kind-" + NoticeKind.values()[index].name();
		}
		return field;
	}
}
