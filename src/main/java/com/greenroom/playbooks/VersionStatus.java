package com.greenroom.playbooks;

/** Where a playbook version stands: edited, waiting for approval, the current guidance, or replaced. */
public enum VersionStatus implements com.greenroom.system.ConsoleLabels.Labelled {

	DRAFT("Draft"), IN_REVIEW("In review"), PUBLISHED("Published"), RETIRED("Retired");

	private final String label;

	VersionStatus(String label) {
		this.label = label;
	}

	@Override
	public String label() {
		return label;
	}
}
