package com.greenroom.identity;

import java.util.Arrays;
import java.util.Optional;

/** The roles of the brief. Everyone but an admin is limited to the regions assigned to them. */
public enum Role implements com.greenroom.system.ConsoleLabels.Labelled {

	ADMIN("Admin"), REGIONAL_LEAD("Regional lead"), CREATOR_MANAGER("Creator manager"), SAFETY("Trust & safety"),
	ANALYST("Analyst"), INTEGRATION("Integration (ingest only)");

	private final String label;

	Role(String label) {
		this.label = label;
	}

	@Override
	public String label() {
		return label;
	}

	public String authority() {
		return "ROLE_" + name();
	}

	public static Optional<Role> parse(String value) {
		return Arrays.stream(values()).filter(r -> r.name().equalsIgnoreCase(value)).findFirst();
	}
}
