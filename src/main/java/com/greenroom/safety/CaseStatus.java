package com.greenroom.safety;

/**
 * Where a case stands: {@code NEW} and {@code TRIAGING} are open (the moderation backlog); an enforcement
 * action makes it {@code ACTIONED}, the action {@code CLEARED} makes it {@code CLEARED}.
 */
public enum CaseStatus implements com.greenroom.system.ConsoleLabels.Labelled {

	NEW("New"), TRIAGING("Triaging"), ACTIONED("Actioned"), CLEARED("Cleared");

	private final String label;

	CaseStatus(String label) {
		this.label = label;
	}

	@Override
	public String label() {
		return label;
	}

	public boolean open() {
		return this == NEW || this == TRIAGING;
	}
}
