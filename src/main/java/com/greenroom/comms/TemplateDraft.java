package com.greenroom.comms;

/**
 * A template's locale variant as submitted: the first save of a key creates the template (its channel and
 * purpose), each save adds a version. {@code channel} is EMAIL or IN_APP; {@code locale} a BCP 47 tag.
 */
public record TemplateDraft(String key, String purpose, String channel, String locale, String subject, String body) {
}
