package com.greenroom.comms;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Viewer;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Message templates over HTTP: list, save a locale variant (a new version), versions, preview. */
@RestController
@RequestMapping("/api/v1/templates")
@Tag(name = "Templates", description = "Message templates to creators: locale variants, versions, placeholders, preview")
@SecurityRequirement(name = "bearer")
class TemplatesApi {

	private final Templates templates;

	TemplatesApi(Templates templates) {
		this.templates = templates;
	}

	@GetMapping
	@Operation(summary = "Every template with the current version of each locale")
	List<MessageTemplate> list() {
		return templates.list();
	}

	@PostMapping
	@Operation(summary = "Save a locale variant as the template's next version; the first save of a key creates the template "
			+ "(admins and regional leads). An unknown placeholder is a 400 naming subject or body.")
	ResponseEntity<MessageTemplate> save(Viewer viewer, @RequestBody TemplateDraft draft) {
		MessageTemplate saved = templates.save(viewer, draft);
		return ResponseEntity.created(URI.create("/api/v1/templates/" + saved.key())).body(saved);
	}

	@GetMapping("/placeholders")
	@Operation(summary = "The placeholders a template may use, as {{name}}, with what a message says when a creator has no value")
	List<Placeholder> placeholders() {
		return templates.placeholders();
	}

	@PostMapping("/preview")
	@Operation(summary = "Render unsaved subject and body for a creator (the editor's live preview)")
	Preview previewText(Viewer viewer, @RequestBody TextPreview body) {
		return templates.previewText(viewer, body.creatorId(), body.subject(), body.body());
	}

	@GetMapping("/{key}")
	@Operation(summary = "One template")
	MessageTemplate get(@PathVariable String key) {
		return templates.get(key);
	}

	@GetMapping("/{key}/versions")
	@Operation(summary = "Every version of the template, newest first")
	List<TemplateVersion> versions(@PathVariable String key) {
		return templates.versions(key);
	}

	@GetMapping("/{key}/versions/{version}")
	@Operation(summary = "One version of the template")
	TemplateVersion version(@PathVariable String key, @PathVariable int version) {
		return templates.version(key, version);
	}

	@GetMapping("/{key}/preview")
	@Operation(summary = "The template rendered for a real creator, in the locale the creator would get (or the one named)")
	Preview preview(Viewer viewer, @PathVariable String key, @RequestParam(required = false) String creatorId,
			@Parameter(
					description = "a locale variant of the template; default: the creator's language, then the region's, then English") @RequestParam(
							required = false) String locale) {
		return templates.preview(viewer, key, creatorId, locale);
	}

	record TextPreview(String creatorId, String subject, String body) {
	}
}
