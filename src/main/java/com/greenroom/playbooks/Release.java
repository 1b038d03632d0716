package com.greenroom.playbooks;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A feature release and the playbooks it affects, each with the change request it raised. */
public record Release(long id, String name, LocalDate date, String notes, List<Affected> playbooks, String createdBy, Instant createdAt) {

	/** An affected playbook key, its change request and that request's status (OPEN, CLOSED). */
	public record Affected(String key, Long changeRequestId, String changeRequestStatus) {
	}
}
