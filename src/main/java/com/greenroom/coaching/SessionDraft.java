package com.greenroom.coaching;

import java.util.List;

/**
 * A session as submitted. Times and dates are text so that a malformed one is reported against its field:
 * {@code occurredAt} an RFC 3339 timestamp with offset, {@code followUpOn} an ISO date (the creator's
 * calendar). {@code coachId} defaults to the person logging it; {@code topics} are topic codes.
 */
public record SessionDraft(String occurredAt, Long coachId, List<String> topics, String notes, String nextStep, String followUpOn) {
}
