package com.greenroom.incidents;

import java.util.List;

/** A new incident: title, severity (SEV1–SEV3), regions it touches, owner (default: who declares), first timeline entry. */
public record IncidentDraft(String title, String severity, List<String> regions, Long ownerId, String summary) {
}
