package com.greenroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class SubstringSearchUnitTest {

	/** The trigrams every handle of the bench holds ("creator"), and "or4" too, each as common as the others. */
	private static final Map<String, Double> CREATOR = Map.of("cre", 1.0, "rea", 1.0, "eat", 1.0, "ato", 1.0, "tor", 1.0, "or4", 1.0);

	@Test
	void theIndexIsAskedForTheUncommonStretchesOnly() {
		assertThat(SubstringSearch.pattern("creator4242", CREATOR).index()).isEqualTo("%r4242%");
		assertThat(SubstringSearch.pattern("creator4242", CREATOR).like()).isEqualTo("%creator4242%");
		assertThat(SubstringSearch.pattern("creator4242", CREATOR).narrowed()).isTrue();
		// stretches in the text's order, one per word, never overlapping
		assertThat(SubstringSearch.pattern("zzz creator 99x", CREATOR).index()).isEqualTo("%zzz%99x%");
		assertThat(SubstringSearch.pattern("abcreatorxyz", CREATOR).index()).isEqualTo("%abcr%orxyz%");
	}

	@Test
	void theWholeTextWhenNothingIsCommon() {
		assertThat(SubstringSearch.pattern("zzqx", CREATOR).index()).isEqualTo("%zzqx%");
		assertThat(SubstringSearch.pattern("zzqx", CREATOR).narrowed()).isFalse();
		assertThat(SubstringSearch.pattern("100%_a\\b", Map.of()).index()).isEqualTo("%100\\%\\_a\\\\b%");
		assertThat(SubstringSearch.pattern("lu", CREATOR).narrowed()).isFalse();
	}

	@Test
	void theLeastCommonTrigramAloneWhenEveryOneIsCommon() {
		// the bench's tasks: every title and handle holds "creator", one in nine "creator4"
		Map<String, Double> shares = Map.of("cre", 1.0, "rea", 1.0, "eat", 1.0, "ato", 1.0, "tor", 1.0, "or4", 0.109);
		assertThat(SubstringSearch.pattern("creator4", shares).index()).isEqualTo("%or4%");
		assertThat(SubstringSearch.pattern("creator4", shares).like()).isEqualTo("%creator4%");
		assertThat(SubstringSearch.pattern("creator4", shares).narrowed()).isTrue();
		// of equals the first: a second list that holds every row leaves as many rows
		assertThat(SubstringSearch.pattern("creator", CREATOR).index()).isEqualTo("%cre%");
		// two words, each in some rows: the rows holding both are fewer, so both are asked for, in the text's order
		assertThat(SubstringSearch.pattern("tor or4", Map.of("tor", 0.5, "or4", 0.2)).index()).isEqualTo("%tor%or4%");
		// overlapping trigrams asked for together are one stretch; here the whole text, so nothing is left to test
		assertThat(SubstringSearch.pattern("abcd", Map.of("abc", 0.1, "bcd", 0.1)).index()).isEqualTo("%abcd%");
		assertThat(SubstringSearch.pattern("abcd", Map.of("abc", 0.1, "bcd", 0.1)).narrowed()).isFalse();
		// a trigram that cuts too few rows to pay for its list is left out
		assertThat(SubstringSearch.pattern("abc xyz", Map.of("abc", 0.06, "xyz", 0.9)).index()).isEqualTo("%abc%");
		// one uncommon stretch is still asked for as before, however rare the common ones
		assertThat(SubstringSearch.pattern("creator4242", shares).index()).isEqualTo("%r4242%");
	}

	@Test
	void theRarestTrigramIsNamedOnlyWhenEveryOneIsCommon() {
		Map<String, Double> shares = Map.of("cre", 1.0, "rea", 1.0, "eat", 1.0, "ato", 1.0, "tor", 1.0, "or4", 0.109);
		assertThat(SubstringSearch.pattern("creator4", shares).rarest()).isEqualTo("or4");
		assertThat(SubstringSearch.pattern("tor or4", Map.of("tor", 0.5, "or4", 0.2)).rarest()).isEqualTo("or4");
		// of equals the first; named even when the index is asked for the whole text (nothing left to test there)
		assertThat(SubstringSearch.pattern("abcd", Map.of("abc", 0.1, "bcd", 0.1)).rarest()).isEqualTo("abc");
		assertThat(SubstringSearch.pattern("creator4242", shares).rarest()).isNull();
		assertThat(SubstringSearch.pattern("zzqx", CREATOR).rarest()).isNull();
		assertThat(SubstringSearch.pattern("lu", CREATOR).rarest()).isNull();
		assertThat(SubstringSearch.pattern("creator4", Map.of()).rarest()).isNull();
	}

	/** The property that keeps the search exact: every value that contains the text matches the index pattern. */
	@Test
	void everyValueContainingTheTextMatchesTheIndexPattern() {
		Random random = new Random(7);
		String letters = "abcor4 -_é1";
		for (int round = 0; round < 20_000; round++) {
			String text = word(random, letters, 1 + random.nextInt(12));
			Map<String, Double> common = new HashMap<>();
			for (int i = 0; i + 3 <= text.length(); i++) {
				if (random.nextInt(3) > 0) {
					common.put(text.substring(i, i + 3), random.nextDouble());
				}
			}
			SubstringSearch.Pattern pattern = SubstringSearch.pattern(text, common);
			String value = word(random, letters, random.nextInt(5)) + text + word(random, letters, random.nextInt(5));
			assertThat(like(value, pattern.index())).as("%s in %s by %s", text, value, pattern.index()).isTrue();
			assertThat(like(value, pattern.like())).isTrue();
			if (pattern.rarest() != null) {
				assertThat(text).contains(pattern.rarest()).hasSizeGreaterThanOrEqualTo(3);
				assertThat(pattern.rarest()).hasSize(3);
			}
		}
	}

	private static String word(Random random, String letters, int length) {
		StringBuilder word = new StringBuilder();
		for (int i = 0; i < length; i++) {
			word.append(letters.charAt(random.nextInt(letters.length())));
		}
		return word.toString();
	}

	/** SQL's like with escape '\', for the test. */
	private static boolean like(String value, String pattern) {
		StringBuilder regex = new StringBuilder();
		for (int i = 0; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '\\') {
				regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
			}
			else if (c == '%') {
				regex.append(".*");
			}
			else if (c == '_') {
				regex.append('.');
			}
			else {
				regex.append(Pattern.quote(String.valueOf(c)));
			}
		}
		return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
	}
}
