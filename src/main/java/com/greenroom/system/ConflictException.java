package com.greenroom.system;

/** The change would clash with existing data (a duplicate key, a stale version); answered as 409. */
public class ConflictException extends RuntimeException {

	private final String field;

	public ConflictException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}
}
