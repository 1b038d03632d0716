package com.greenroom.incidents;

/** Where an incident lives: its console page and its API resource. */
public final class IncidentLinks {

	private IncidentLinks() {
	}

	public static String page(long id) {
		return "/incidents/" + id;
	}

	public static String api(long id) {
		return "/api/v1/incidents/" + id;
	}
}
