package com.greenroom.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code java -jar greenroom.jar simulate ...} as a user types it. */
class SimulateCommandTest {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:15:00Z"), ZoneOffset.UTC);

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@TempDir
	Path directory;

	@Test
	void writesTheSimulatedPlatformToAnNdjsonFile() throws IOException {
		Path file = directory.resolve("events.ndjson");

		int code = simulate("--seed=7", "--creators=20", "--days=7", "--out=" + file);

		assertThat(code).isZero();
		List<String> lines = Files.readAllLines(file);
		assertThat(lines).isNotEmpty().isEqualTo(Simulator.of(SimulationOptions.of(7, 20, 7)).lines().toList());
		assertThat(lines).allSatisfy(line -> assertThat(PlatformEventContract.violations(line)).isEmpty());
		assertThat(err.toString()).contains("Wrote " + lines.size() + " events", file.toString());
	}

	@Test
	void withoutAFileWritesToStandardOutput() {
		int code = simulate("--creators=3", "--days=2", "--start=2027-01-01T00:00:00Z", "--disorder=0.1");

		assertThat(code).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
			.isEqualTo(Simulator.of(new SimulationOptions(42, 3, 2, Instant.parse("2027-01-01T00:00:00Z"), 0.1)).lines().toList());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "--creators=abc | --creators must be a whole number",
			"--creators=0 | --creators must be a whole number from 1", "--colour=green | unknown option --colour",
			"--disorder=0.9 | --disorder must be a number from 0.0 to 0.5", "--start=tomorrow | --start must be an instant",
			"--url=localhost:8080 | --url must be an http(s) address", "--url=http://localhost:8080 | --url needs --token",
			"--rate=10 | --rate only applies with --url", "--speed=10 | --speed only applies with --live",
			"events.ndjson | unexpected argument 'events.ndjson'", "--batch=20000 | --batch must be a whole number from 1 to 10000" })
	void aBadOptionIsNamedAndExitsWithCode2(String option, String message) {
		int code = simulate(option);

		assertThat(code).isEqualTo(2);
		assertThat(err.toString()).contains(message);
		assertThat(out.size()).isZero();
	}

	@Test
	void outAndUrlTogetherAreRefused() {
		assertThat(simulate("--out=a.ndjson", "--url=http://localhost:8080", "--token=x")).isEqualTo(2);
		assertThat(err.toString()).contains("either --out or --url");
	}

	@Test
	void helpListsTheOptions() {
		assertThat(simulate("--help")).isZero();
		assertThat(out.toString()).contains("--seed=42", "--creators=200", "--live", "--url=");
	}

	private int simulate(String... args) {
		return SimulateCommand.run(args, CLOCK, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), () -> false);
	}
}
