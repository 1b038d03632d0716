package com.greenroom.playbooks;

import java.time.Instant;
import java.util.List;

/**
 * One version of a playbook: its Markdown {@code body}, the same rendered as safe {@code html} with heading
 * anchors, the table of contents, who wrote, approved and published it, and the change requests it answers.
 */
public record PlaybookVersion(long id, String key, String region, int version, String title, String body, String html,
		List<Heading> toc, String changeSummary, VersionStatus status, String author, Instant createdAt, Instant submittedAt,
		String approvedBy, Instant approvedAt, String publishedBy, Instant publishedAt, Instant retiredAt, List<Long> changeRequestIds) {

	/** A heading of the body: level 1 to 6, its text and the anchor it links to. */
	public record Heading(int level, String text, String anchor) {
	}

	public boolean approved() {
		return approvedBy != null;
	}
}
