package com.greenroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class CsvCellsUnitTest {

	@Test
	void everyTextCellThatASpreadsheetWouldRunAsAFormulaStaysText() {
		assertThat(CsvCells.guard("=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx", "plain", "a=b"))
			.containsExactly("'=1+1", "'+cmd", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx", "plain", "a=b");
	}

	@Test
	void numbersNullsAndOtherValuesKeepTheirValue() {
		assertThat(CsvCells.guard(-5, null, Instant.parse("2026-11-30T10:00:00Z"))).containsExactly(-5, null, "2026-11-30T10:00:00Z");
	}
}
