package com.greenroom.system;

/**
 * The thing asked for does not exist, or is outside the caller's regions (the two are answered alike so
 * that scoping leaks nothing).
 */
@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
public class NotFoundException extends RuntimeException {

	public NotFoundException(String what, Object id) {
		super(what + " " + id + " was not found");
	}
}
