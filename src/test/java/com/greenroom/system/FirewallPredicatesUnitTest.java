package com.greenroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The firewall's loops accept exactly what Spring Security's default regular expressions accept
 * (StrictHttpFirewall's {@code ASSIGNED_AND_NOT_ISO_CONTROL_PATTERN} and {@code HEADER_VALUE_PATTERN}), for every
 * code point alone, inside printable text, and for surrogate pairs and lone surrogates.
 */
class FirewallPredicatesUnitTest {

	private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	private static final Pattern HEADER_VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	@Test
	void everyCodePointIsAllowedOrRefusedAsTheRegularExpressionsDo() {
		List<String> differ = new ArrayList<>();
		int refused = 0;
		for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
			String alone = new String(Character.toChars(c));
			for (String s : new String[] { alone, "Bearer " + alone + "x" }) {
				if (FirewallPredicates.NAMES.test(s) != NAMES.matcher(s).matches()) {
					differ.add("name U+" + Integer.toHexString(c));
				}
				if (FirewallPredicates.HEADER_VALUES.test(s) != HEADER_VALUES.matcher(s).matches()) {
					differ.add("value U+" + Integer.toHexString(c));
				}
			}
			refused += NAMES.matcher(alone).matches() ? 0 : 1;
		}
		assertThat(differ).isEmpty();
		// the check is not vacuous: controls (65) and unassigned code points are refused
		assertThat(refused).isGreaterThan(65);
	}

	@Test
	void textsWithControlsTabsSurrogatesAndNothingAreJudgedAsTheRegularExpressionsDo() {
		for (String s : new String[] { "", "q", "sort", "Authorization", "Bearer abc\u0085", "a\tb", "\t", "a\u0000", "\u007f", "caf\u00e9",
				"\ud83d\ude00", "x\ud83d", "\ude00x", "\ud83d\ud83d", "\u0378", "emoji \ud83d\ude00 and \u0001" }) {
			assertThat(FirewallPredicates.NAMES.test(s)).as(s).isEqualTo(NAMES.matcher(s).matches());
			assertThat(FirewallPredicates.HEADER_VALUES.test(s)).as(s).isEqualTo(HEADER_VALUES.matcher(s).matches());
		}
		assertThat(FirewallPredicates.HEADER_VALUES.test(null)).isTrue();
		assertThat(FirewallPredicates.NAMES.test("a\tb")).isFalse();
		assertThat(FirewallPredicates.HEADER_VALUES.test("a\tb")).isTrue();
	}
}
