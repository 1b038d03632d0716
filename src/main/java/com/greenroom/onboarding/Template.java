package com.greenroom.onboarding;

import java.time.Instant;
import java.util.List;

/**
 * An onboarding template: global ({@code region} null) or a region's variant, with its versions and the key
 * of the playbook it follows (null: none).
 */
public record Template(long id, String name, String region, Integer publishedVersion, Integer draftVersion, List<VersionSummary> versions,
		Instant updatedAt, String playbookKey) {

	public boolean global() {
		return region == null;
	}

	/** A version in a template's history. */
	public record VersionSummary(int version, TemplateVersion.Status status, String createdBy, Instant createdAt, String publishedBy,
			Instant publishedAt, long checklists) {
	}
}
