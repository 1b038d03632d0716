package com.greenroom.onboarding;

import java.time.Instant;
import java.util.List;

/** One version of a template: a draft that may change, or published and frozen. */
public record TemplateVersion(long id, long templateId, String templateName, String region, int version, Status status, String createdBy,
		Instant createdAt, String publishedBy, Instant publishedAt, List<Step> steps) {

	public enum Status {
		DRAFT, PUBLISHED
	}

	public boolean published() {
		return status == Status.PUBLISHED;
	}
}
