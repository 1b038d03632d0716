package com.greenroom.safety;

/** What trust & safety did about a case; {@link #CLEARED} means no violation was found. */
public enum EnforcementAction implements com.greenroom.system.ConsoleLabels.Labelled {

	WARNING("Warning"), STREAM_ENDED("Stream ended"), FEATURE_LIMIT("Feature limit"), SUSPENSION("Suspension"), CLEARED("Cleared");

	private final String label;

	EnforcementAction(String label) {
		this.label = label;
	}

	@Override
	public String label() {
		return label;
	}

	/** The status a case takes after this action. */
	public CaseStatus resultingStatus() {
		return this == CLEARED ? CaseStatus.CLEARED : CaseStatus.ACTIONED;
	}
}
