package com.greenroom.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * {@code java -jar greenroom.jar simulate [options]}: writes the simulated platform's events as NDJSON
 * to a file (or standard output), or posts them to a running Greenroom, optionally live. Needs no Spring
 * context. Exit codes: 0 done, 1 delivery failed, 2 bad options.
 */
public final class SimulateCommand {

	static final String USAGE = """
			Usage: java -jar greenroom.jar simulate [options]

			Generates a deterministic streaming platform (same seed and options => same bytes) as platform
			events (contract v1, NDJSON) and writes them to a file or posts them to Greenroom.

			  --seed=42                 random seed
			  --creators=200            creators who register over the simulated days
			  --days=28                 simulated days (live: registrations keep coming for this long; default backfill + 14)
			  --start=2026-11-01T00:00:00Z  first simulated instant (live: today 00:00 UTC minus --backfill days)
			  --disorder=0              fraction (0 to 0.5) of events delivered late, out of order or twice
			  --out=events.ndjson       write NDJSON to this file (default: standard output)
			  --url=http://localhost:8080   post to Greenroom's POST /api/v1/events instead
			  --token=...               integration token for --url (or env GREENROOM_TOKEN)
			  --rate=2000               events per second at most when posting (0 = no limit)
			  --batch=1000              events per request (1 to 10000)
			  --live                    keep going in real time from now, until stopped (Ctrl-C)
			  --backfill=14             live: days of history sent at once before going live
			  --catch-up=0              live: hours before now replayed --speed times faster, then real time
			  --speed=60                live: replay speed for --catch-up
			""";

	private static final Set<String> NAMES = Set.of("seed", "creators", "days", "start", "disorder", "out", "url", "token", "rate",
			"batch", "live", "backfill", "catch-up", "speed", "help");

	private SimulateCommand() {
	}

	/**
	 * Runs the command; {@code stop} turns true when the user asks to stop (the feed then finishes its
	 * batch, prints its totals and returns 0).
	 */
	public static int run(String[] args, Clock clock, PrintStream out, PrintStream err, BooleanSupplier stop) {
		Invocation invocation;
		try {
			invocation = Invocation.parse(args, clock, System.getenv("GREENROOM_TOKEN"));
		}
		catch (BadOption ex) {
			err.println("simulate: " + ex.getMessage());
			err.println("Run 'java -jar greenroom.jar simulate --help' for the options.");
			return 2;
		}
		if (invocation == null) {
			out.print(USAGE);
			return 0;
		}
		try {
			Timeline timeline = new Timeline(invocation.options(), invocation.live());
			Tally tally;
			if (invocation.url() != null) {
				err.println("Simulating " + describe(invocation) + " -> " + invocation.url());
				IngestClient client = new IngestClient(invocation.url(), invocation.token(), Feed.Sleeper.REAL, stop, err::println);
				tally = new Feed(timeline, client, clock, Feed.Sleeper.REAL, invocation.batch(), invocation.rate(), invocation.pace(),
						err::println)
					.run(stop);
			}
			else {
				try (Writer writer = invocation.out() == null
						? new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)
						: Files.newBufferedWriter(invocation.out(), StandardCharsets.UTF_8)) {
					tally = new Feed(timeline, new FileSink(writer), clock, Feed.Sleeper.REAL, invocation.batch(), 0, invocation.pace(),
							err::println)
						.run(stop);
				}
				if (invocation.out() != null) {
					err.println("Wrote " + tally.sent() + " events (" + describe(invocation) + ") to " + invocation.out());
				}
			}
			if (invocation.url() != null) {
				err.println("Done: " + tally.summary());
				tally.sampleRejections().forEach(r -> err.println("  rejected: " + r));
			}
			return 0;
		}
		catch (IOException ex) {
			err.println("simulate: " + ex.getMessage());
			return 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			err.println("simulate: interrupted");
			return 1;
		}
	}

	private static String describe(Invocation invocation) {
		SimulationOptions o = invocation.options();
		return "seed %d, %d creators, %d days from %s%s%s".formatted(o.seed(), o.creators(), o.days(), o.start(),
				o.disorder() > 0 ? ", disorder " + o.disorder() : "", invocation.live() ? ", live" : "");
	}

	/** The parsed command line. */
	record Invocation(SimulationOptions options, Path out, URI url, String token, double rate, int batch, boolean live,
			Feed.Pace pace) {

		/** Null when help was asked for. */
		static Invocation parse(String[] args, Clock clock, String tokenFromEnvironment) throws BadOption {
			Map<String, String> given = new LinkedHashMap<>();
			for (String arg : args) {
				if (!arg.startsWith("--")) {
					throw new BadOption("unexpected argument '" + arg + "'; options look like --name=value");
				}
				int equals = arg.indexOf('=');
				String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
				if (!NAMES.contains(name)) {
					throw new BadOption("unknown option --" + name);
				}
				if (given.containsKey(name)) {
					throw new BadOption("option --" + name + " is given twice");
				}
				given.put(name, equals < 0 ? null : arg.substring(equals + 1));
			}
			if (given.containsKey("help")) {
				return null;
			}
			boolean live = flag(given, "live");
			for (String liveOnly : new String[] { "backfill", "catch-up", "speed" }) {
				if (!live && given.containsKey(liveOnly)) {
					throw new BadOption("option --" + liveOnly + " only applies with --live");
				}
			}
			long seed = number(given, "seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
			int creators = (int) number(given, "creators", 200, 1, 1_000_000);
			int backfill = (int) number(given, "backfill", 14, 0, 365);
			int days = (int) number(given, "days", live ? backfill + 14 : 28, 1, 3650);
			double disorder = decimal(given, "disorder", 0, 0, 0.5);
			int batch = (int) number(given, "batch", 1000, 1, 10_000);
			double catchUpHours = decimal(given, "catch-up", 0, 0, backfill * 24.0);
			double speed = decimal(given, "speed", 60, 1, 10_000);
			Instant start;
			if (given.containsKey("start")) {
				try {
					start = Instant.parse(value(given, "start"));
				}
				catch (DateTimeParseException ex) {
					throw new BadOption("--start must be an instant like 2026-11-01T00:00:00Z, not '" + given.get("start") + "'");
				}
			}
			else {
				start = live ? clock.instant().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(backfill))
						: SimulationOptions.DEFAULT_START;
			}
			Path out = given.containsKey("out") ? Path.of(value(given, "out")) : null;
			URI url = null;
			if (given.containsKey("url")) {
				if (out != null) {
					throw new BadOption("give either --out or --url, not both");
				}
				try {
					url = URI.create(value(given, "url"));
				}
				catch (IllegalArgumentException ex) {
					url = null;
				}
				if (url == null || url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
					throw new BadOption("--url must be an http(s) address like http://localhost:8080, not '" + given.get("url") + "'");
				}
			}
			String token = given.containsKey("token") ? value(given, "token") : tokenFromEnvironment;
			if (url != null && (token == null || token.isBlank())) {
				throw new BadOption("--url needs --token (an integration token), or set GREENROOM_TOKEN");
			}
			if (url == null && given.containsKey("rate")) {
				throw new BadOption("option --rate only applies with --url");
			}
			double rate = decimal(given, "rate", 2000, 0, 10_000_000);
			Feed.Pace pace = null;
			if (live) {
				Instant now = clock.instant();
				pace = new Feed.Pace(now.minusMillis((long) (catchUpHours * 3_600_000)), catchUpHours > 0 ? speed : 1);
			}
			return new Invocation(new SimulationOptions(seed, creators, days, start, disorder), out, url, token, rate, batch, live,
					pace);
		}

		private static String value(Map<String, String> given, String name) throws BadOption {
			String value = given.get(name);
			if (value == null || value.isBlank()) {
				throw new BadOption("option --" + name + " needs a value: --" + name + "=...");
			}
			return value;
		}

		private static boolean flag(Map<String, String> given, String name) throws BadOption {
			if (!given.containsKey(name)) {
				return false;
			}
			String value = given.get(name);
			if (value == null || value.equals("true")) {
				return true;
			}
			if (value.equals("false")) {
				return false;
			}
			throw new BadOption("--" + name + " is a flag: give it alone or as --" + name + "=true|false, not '" + value + "'");
		}

		private static long number(Map<String, String> given, String name, long fallback, long min, long max) throws BadOption {
			if (!given.containsKey(name)) {
				return fallback;
			}
			String text = value(given, name);
			try {
				long value = Long.parseLong(text.replace("_", ""));
				if (value >= min && value <= max) {
					return value;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			throw new BadOption("--" + name + " must be a whole number from " + min + " to " + max + ", not '" + text + "'");
		}

		private static double decimal(Map<String, String> given, String name, double fallback, double min, double max)
				throws BadOption {
			if (!given.containsKey(name)) {
				return fallback;
			}
			String text = value(given, name);
			try {
				double value = Double.parseDouble(text);
				if (value >= min && value <= max) {
					return value;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			throw new BadOption("--" + name + " must be a number from " + min + " to " + max + ", not '" + text + "'");
		}
	}

	/** A command-line mistake; the message names the option. */
	static final class BadOption extends Exception {

		BadOption(String message) {
			super(message);
		}
	}
}
