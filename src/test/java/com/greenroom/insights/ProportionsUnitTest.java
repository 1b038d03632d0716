package com.greenroom.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.greenroom.insights.Proportions.Interval;

/**
 * The intervals against published worked examples: Newcombe (1998) "Interval estimation for the difference
 * between independent proportions", Statistics in Medicine 17:873–890, table II, method 10; and the Wilson
 * intervals of Newcombe (1998) "Two-sided confidence intervals for the single proportion", table I, method 3.
 */
class ProportionsUnitTest {

	@ParameterizedTest(name = "{0}/{1} - {2}/{3}: [{4}, {5}]")
	@CsvSource({ "56, 70, 48, 80, 0.0524, 0.3339", "9, 10, 3, 10, 0.1705, 0.8090", "6, 7, 2, 7, 0.0582, 0.8062",
			"5, 56, 0, 29, -0.0381, 0.1926", "0, 10, 0, 20, -0.1611, 0.2775", "0, 10, 0, 10, -0.2775, 0.2775",
			"10, 10, 0, 20, 0.6791, 1.0000", "10, 10, 0, 10, 0.6075, 1.0000" })
	void newcombesHybridScoreIntervalMatchesTheWorkedExamplesOfTableTwo(long x1, long n1, long x2, long n2, double lower,
			double upper) {
		Interval interval = Proportions.newcombe(x1, n1, x2, n2).orElseThrow();
		assertThat(interval.lower()).isCloseTo(lower, within(0.00005));
		assertThat(interval.upper()).isCloseTo(upper, within(0.00005));
	}

	@ParameterizedTest(name = "{0}/{1}: [{2}, {3}]")
	@CsvSource({ "81, 263, 0.2553, 0.3662", "15, 148, 0.0624, 0.1605", "0, 20, 0.0000, 0.1611", "1, 29, 0.0061, 0.1718" })
	void wilsonsScoreIntervalMatchesThePublishedExamples(long x, long n, double lower, double upper) {
		Interval interval = Proportions.wilson(x, n).orElseThrow();
		assertThat(interval.lower()).isCloseTo(lower, within(0.00005));
		assertThat(interval.upper()).isCloseTo(upper, within(0.00005));
	}

	@Test
	void noneOfNAndAllOfNPinTheOuterBoundToZeroAndOne() {
		assertThat(Proportions.wilson(0, 12).orElseThrow().lower()).isZero();
		assertThat(Proportions.wilson(12, 12).orElseThrow().upper()).isEqualTo(1.0);
		assertThat(Proportions.wilson(12, 12).orElseThrow().lower()).isBetween(0.75, 0.76);
	}

	@Test
	void aGroupWithoutCreatorsHasNoShareAndNoInterval() {
		assertThat(Proportions.share(0, 0)).isEmpty();
		assertThat(Proportions.wilson(0, 0)).isEmpty();
		assertThat(Proportions.newcombe(3, 10, 0, 0)).isEmpty();
		assertThat(Proportions.newcombe(0, 0, 3, 10)).isEmpty();
	}

	@Test
	void aDifferenceIsSignificantOnlyWhenItsIntervalExcludesZero() {
		assertThat(Proportions.newcombe(56, 70, 48, 80).orElseThrow().excludesZero()).isTrue();
		assertThat(Proportions.newcombe(48, 80, 56, 70).orElseThrow().excludesZero()).isTrue();
		assertThat(Proportions.newcombe(5, 56, 0, 29).orElseThrow().excludesZero()).isFalse();
		assertThat(Proportions.newcombe(0, 10, 0, 10).orElseThrow().excludesZero()).isFalse();
	}

	@Test
	void swappingTheGroupsMirrorsTheInterval() {
		Interval forward = Proportions.newcombe(9, 10, 3, 10).orElseThrow();
		Interval backward = Proportions.newcombe(3, 10, 9, 10).orElseThrow();
		assertThat(backward.lower()).isCloseTo(-forward.upper(), within(1e-12));
		assertThat(backward.upper()).isCloseTo(-forward.lower(), within(1e-12));
	}

	@Test
	void impossibleCountsAreRefused() {
		assertThatThrownBy(() -> Proportions.wilson(5, 4)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Proportions.wilson(-1, 4)).isInstanceOf(IllegalArgumentException.class);
	}
}
