package com.greenroom.system;

/** A request body past its configured limit; answered as 413 and nothing of it is applied. */
public class PayloadTooLargeException extends RuntimeException {

	public PayloadTooLargeException(String message) {
		super(message);
	}
}
