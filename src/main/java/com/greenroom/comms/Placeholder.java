package com.greenroom.comms;

/**
 * A name a template may use as {@code {{name}}}, e.g. {@code creator.handle}. {@code fallback} is what a
 * message says when the creator has no value for it (a creator without a manager), so a sent message never
 * has a blank where a placeholder was.
 */
public record Placeholder(String name, String description, String fallback) {
}
