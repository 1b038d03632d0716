package com.greenroom.creators;

import com.greenroom.system.Checks;
import com.greenroom.system.InvalidInputException;

/**
 * The streaming platform's id of a creator, restricted to the documented safe set
 * ({@link Checks#SAFE_ID}) so it can sit in a URL path unencoded. A value outside the set cannot be built.
 */
public record CreatorId(String value) {

	public CreatorId {
		if (!Checks.isSafeId(value)) {
			throw new InvalidInputException("creatorId", Checks.SAFE_ID_RULE);
		}
	}

	/** Parses an id from a request, naming {@code field} when it is refused. */
	public static CreatorId parse(String value, String field) {
		Checks checks = new Checks().identifier(value, field);
		checks.throwIfAny();
		return new CreatorId(value);
	}

	public static CreatorId of(String value) {
		return parse(value, "creatorId");
	}

	@Override
	public String toString() {
		return value;
	}
}
