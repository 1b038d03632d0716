package com.greenroom.system;

/** An If-Match that no longer matches the resource: someone changed it since the client read it. Answered as 412. */
public class PreconditionFailedException extends RuntimeException {

	public PreconditionFailedException(String message) {
		super(message);
	}
}
