package com.greenroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.greenroom.system.InvalidInputException.FieldError;

class FormErrorsUnitTest {

	@Test
	void aFlashNamesTheFieldOfEveryBrokenRule() {
		InvalidInputException ex = new InvalidInputException(List.of(new FieldError("columns", "has an unknown column 'creator'"),
				new FieldError("roles[2]", "is not a role"), new FieldError("roles[3]", "is not a role either.")));

		assertThat(FormErrors.summary(ex))
			.isEqualTo("columns: has an unknown column 'creator'. roles: is not a role; is not a role either.");
	}

	@Test
	void aConflictNamesItsFieldAndAnyOtherFailureIsItsMessage() {
		assertThat(FormErrors.summary(new ConflictException("handle", "is taken by another creator")))
			.isEqualTo("handle: is taken by another creator.");
		assertThat(FormErrors.summary(new IllegalStateException("The day is closed."))).isEqualTo("The day is closed.");
		assertThat(FormErrors.summary(new InvalidInputException("sort", "must be one of name, registered")))
			.isEqualTo("sort: must be one of name, registered.");
	}
}
