package com.greenroom.comms;

import java.time.Instant;
import java.util.List;

/** A message template with the current (latest) version of each of its locale variants. */
public record MessageTemplate(String key, String purpose, Channel channel, List<TemplateVersion> variants, String createdBy,
		Instant createdAt, Instant updatedAt) {

	public List<String> locales() {
		return variants.stream().map(TemplateVersion::locale).toList();
	}
}
