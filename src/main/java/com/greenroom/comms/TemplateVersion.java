package com.greenroom.comms;

import java.time.Instant;

/** One saved version of one locale of a template; versions are numbered per template and never change. */
public record TemplateVersion(int version, String locale, String subject, String body, String createdBy, Instant createdAt) {
}
