package com.greenroom.system;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A test-only endpoint that fails the way a bug would, to see what a client gets for an unexpected error. */
@Hidden
@RestController
class FailingApi {

	@GetMapping("/api/v1/test-support/failure")
	String fail() {
		throw new IllegalStateException("com.greenroom.internal.SecretThing exploded at line 42");
	}
}
