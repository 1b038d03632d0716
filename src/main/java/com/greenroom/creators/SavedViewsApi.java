package com.greenroom.creators;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.greenroom.identity.Viewer;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own saved roster views. */
@RestController
@RequestMapping("/api/v1/roster/views")
@Tag(name = "Creators")
@SecurityRequirement(name = "bearer")
class SavedViewsApi {

	private final SavedViews views;

	SavedViewsApi(SavedViews views) {
		this.views = views;
	}

	@GetMapping
	@Operation(summary = "Your saved roster views")
	List<SavedViews.SavedView> list(Viewer viewer) {
		return views.of(viewer);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One of your saved roster views")
	SavedViews.SavedView get(Viewer viewer, @PathVariable long id) {
		return views.get(viewer, id);
	}

	@PostMapping
	@Operation(summary = "Save a roster view: a name and the roster's query string (filters, sort, columns)")
	ResponseEntity<SavedViews.SavedView> save(Viewer viewer, @RequestBody ViewDraft draft) {
		SavedViews.SavedView saved = views.save(viewer, draft.name(), draft.query());
		return ResponseEntity.created(URI.create("/api/v1/roster/views/" + saved.id())).body(saved);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete one of your saved roster views")
	ResponseEntity<Void> delete(Viewer viewer, @PathVariable long id) {
		views.delete(viewer, id);
		return ResponseEntity.noContent().build();
	}

	/** A view to save: its name, and the roster query string such as {@code manager=me&notLiveDays=7&sort=lastLive}. */
	record ViewDraft(String name, String query) {
	}
}
