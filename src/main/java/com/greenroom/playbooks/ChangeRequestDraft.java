package com.greenroom.playbooks;

/**
 * A request to change a playbook, raised by another module or a person. {@code region} null: the global
 * playbook. {@code source}: INCIDENT, RELEASE, EXPERIMENT, MANUAL (or REVIEW, from a playbook review);
 * {@code sourceRef} names the origin (an incident id, a release id): the same origin asking twice gets the
 * same request back.
 */
public record ChangeRequestDraft(String playbookKey, String region, String summary, String source, String sourceRef) {
}
