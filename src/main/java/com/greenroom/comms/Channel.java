package com.greenroom.comms;

import com.greenroom.system.ConsoleLabels;

/** How a template reaches a creator: email to the creator's address, or an in-app message through the platform. */
public enum Channel implements ConsoleLabels.Labelled {

	EMAIL("Email"), IN_APP("In-app message");

	private final String label;

	Channel(String label) {
		this.label = label;
	}

	@Override
	public String label() {
		return label;
	}

	/** How the console words a recipient's status. */
	public static final java.util.Map<String, String> STATUS_LABELS = java.util.Map.of("PENDING", "Waiting for the rate limit", "QUEUED",
			"Queued", "SENT", "Sent", "FAILED", "Failed", "SKIPPED", "Skipped");
}
