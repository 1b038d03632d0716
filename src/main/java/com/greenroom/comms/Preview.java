package com.greenroom.comms;

/**
 * A template rendered for one creator: the locale variant chosen for them (after falling back from their
 * language to their region's, then English) and its version, or null for unsaved text.
 */
public record Preview(String creatorId, String handle, String locale, Integer version, String subject, String body) {
}
