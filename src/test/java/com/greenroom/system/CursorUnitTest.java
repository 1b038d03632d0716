package com.greenroom.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class CursorUnitTest {

	@Test
	void aCursorRoundTripsAndOneWhoseKeyHoldsANulIsRefusedNamingTheCursor() {
		Cursor cursor = new Cursor("v:luna", 42);
		assertThat(Cursor.parse(cursor.encode())).contains(cursor);

		String forged = Base64.getUrlEncoder().withoutPadding().encodeToString("v1\u001f42\u001fv:lu\0na".getBytes(StandardCharsets.UTF_8));
		assertThatThrownBy(() -> Cursor.parse(forged)).isInstanceOfSatisfying(InvalidInputException.class,
				ex -> assertThat(ex.errors().get(0).field()).isEqualTo("cursor"));
	}
}
