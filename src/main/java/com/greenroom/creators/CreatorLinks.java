package com.greenroom.creators;

import java.nio.charset.StandardCharsets;

import org.springframework.web.util.UriUtils;

/** The one place that turns a creator id into console and API links, encoding it as a path segment. */
public final class CreatorLinks {

	private CreatorLinks() {
	}

	/** The creator's console page, {@code /creators/{id}}. */
	public static String page(String creatorId) {
		return "/creators/" + segment(creatorId);
	}

	/** A route under the creator's console page, {@code /creators/{id}/{rest}}. */
	public static String page(String creatorId, String rest) {
		return page(creatorId) + "/" + rest;
	}

	/** The creator's API resource, {@code /api/v1/creators/{id}}. */
	public static String api(String creatorId) {
		return "/api/v1/creators/" + segment(creatorId);
	}

	/** A route under the creator's API resource, {@code /api/v1/creators/{id}/{rest}}. */
	public static String api(String creatorId, String rest) {
		return api(creatorId) + "/" + rest;
	}

	private static String segment(String creatorId) {
		return UriUtils.encodePathSegment(creatorId, StandardCharsets.UTF_8);
	}
}
