package com.greenroom.playbooks;

import java.time.Instant;

/**
 * A change request and both of its links: the owner's task that carries it, and the published version that
 * closed it ({@code closedByVersion} of the playbook in {@code closedByRegion}, null region: global).
 */
public record ChangeRequest(long id, String playbookKey, String region, String summary, String source, String sourceRef, String status,
		Long taskId, String createdBy, Instant createdAt, Instant closedAt, Integer closedByVersion, String closedByRegion) {

	public boolean open() {
		return "OPEN".equals(status);
	}
}
