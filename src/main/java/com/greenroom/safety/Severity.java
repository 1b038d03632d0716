package com.greenroom.safety;

/** How urgent a policy risk is, lowest first. */
public enum Severity implements com.greenroom.system.ConsoleLabels.Labelled {

	LOW("Low"), MEDIUM("Medium"), HIGH("High"), CRITICAL("Critical");

	private final String label;

	Severity(String label) {
		this.label = label;
	}

	@Override
	public String label() {
		return label;
	}

	/** This severity raised by {@code steps}, never past {@link #CRITICAL}. */
	public Severity raisedBy(int steps) {
		return values()[Math.min(values().length - 1, ordinal() + Math.max(0, steps))];
	}
}
