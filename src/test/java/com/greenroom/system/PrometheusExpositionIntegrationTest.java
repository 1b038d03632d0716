package com.greenroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.support.Api;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What /actuator/prometheus serves parses as the Prometheus text format (0.0.4), strictly, line by line,
 * and Greenroom's own metrics pass the checks {@code promtool check metrics} makes: help text, a type,
 * counters ending in {@code _total}, base units only. There is no promtool on the build machines, so
 * this test is that check.
 */
@IntegrationTest
class PrometheusExpositionIntegrationTest {

	private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	private static final Pattern SAMPLE = Pattern
		.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)\\})? (\\S+)( -?\\d+)?");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");

	private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

	/** Units promtool calls non-base ("use seconds", "use bytes", "use ratios"). */
	private static final Pattern NON_BASE_UNIT = Pattern.compile(
			".*_(milliseconds|millis|ms|microseconds|nanoseconds|minutes|hours|days|kilobytes|megabytes|gigabytes|kb|mb|gb|percent|percentage)(_total|_count|_sum|_bucket)?$");

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	EventFeed events;

	@BeforeEach
	void someTraffic() {
		data.reset();
		events.send(EventFeed.registered("e-1", "c-1", "BR", null, TestClock.START.minusSeconds(60)));
		api.get("/api/v1/creators", TestData.ADMIN_TOKEN);
	}

	@Test
	void theExpositionParsesStrictlyAndGreenroomsOwnMetricsHaveHelpTypeAndBaseUnits() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(api.request("/actuator/prometheus", TestData.ADMIN_TOKEN).header("Accept", "text/plain;version=0.0.4").GET().build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain").contains("version=0.0.4");

		List<String> errors = new ArrayList<>();
		Map<String, String> types = new HashMap<>();
		Map<String, String> help = new HashMap<>();
		Set<String> seriesSeen = new HashSet<>();
		Set<String> greenroomFamilies = new HashSet<>();
		int lineNumber = 0;
		for (String line : response.body().split("\n", -1)) {
			lineNumber++;
			if (line.isEmpty()) {
				continue;
			}
			if (line.startsWith("# HELP ")) {
				String[] parts = line.substring(7).split(" ", 2);
				check(errors, NAME.matcher(parts[0]).matches(), lineNumber, "bad metric name in HELP: " + line);
				check(errors, help.put(parts[0], parts.length > 1 ? parts[1] : "") == null, lineNumber, "second HELP for " + parts[0]);
			}
			else if (line.startsWith("# TYPE ")) {
				String[] parts = line.substring(7).split(" ");
				check(errors, parts.length == 2 && NAME.matcher(parts[0]).matches() && TYPES.contains(parts[1]), lineNumber, "bad TYPE: " + line);
				check(errors, types.put(parts[0], parts.length == 2 ? parts[1] : "") == null, lineNumber, "second TYPE for " + parts[0]);
			}
			else if (line.startsWith("#")) {
				continue;
			}
			else {
				Matcher sample = SAMPLE.matcher(line);
				if (!sample.matches()) {
					errors.add(lineNumber + ": not a sample line: " + line);
					continue;
				}
				String name = sample.group(1);
				check(errors, isNumber(sample.group(4)), lineNumber, "value is not a number: " + line);
				List<String> labelNames = new ArrayList<>();
				if (sample.group(3) != null) {
					Matcher label = LABEL.matcher(sample.group(3));
					while (label.find()) {
						labelNames.add(label.group(1));
					}
				}
				check(errors, labelNames.size() == new HashSet<>(labelNames).size(), lineNumber, "repeated label: " + line);
				check(errors, seriesSeen.add(name + "{" + sample.group(3) + "}"), lineNumber, "duplicate series: " + line);
				String family = familyOf(name, types);
				check(errors, family != null, lineNumber, "sample without a TYPE before it: " + line);
				if (family != null && "counter".equals(types.get(family))) {
					check(errors, name.endsWith("_total") || name.endsWith("_created"), lineNumber, "counter sample not ending in _total: " + name);
				}
				if (name.startsWith("greenroom_") && family != null) {
					greenroomFamilies.add(family);
				}
			}
		}
		for (String family : greenroomFamilies) {
			check(errors, help.get(family) != null && !help.get(family).isBlank(), 0, "no help text for " + family);
			check(errors, !NON_BASE_UNIT.matcher(family).matches(), 0, "non-base unit in " + family);
			if ("counter".equals(types.get(family))) {
				check(errors, family.endsWith("_total"), 0, "counter family not named *_total: " + family);
			}
		}

		assertThat(errors).isEmpty();
		assertThat(greenroomFamilies).contains("greenroom_events_ingested_total", "greenroom_projection_lag");
	}

	/** The family a sample belongs to: itself, or its name less a histogram, summary or counter suffix. */
	private static String familyOf(String name, Map<String, String> types) {
		if (types.containsKey(name)) {
			return name;
		}
		for (String suffix : new String[] { "_bucket", "_count", "_sum", "_total", "_created" }) {
			if (name.endsWith(suffix)) {
				String base = name.substring(0, name.length() - suffix.length());
				if (types.containsKey(base)) {
					return base;
				}
				if (types.containsKey(base + "_total")) {
					return base + "_total";
				}
			}
		}
		return null;
	}

	private static boolean isNumber(String value) {
		if (value.equals("NaN") || value.equals("+Inf") || value.equals("-Inf")) {
			return true;
		}
		try {
			Double.parseDouble(value);
			return true;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static void check(List<String> errors, boolean ok, int line, String error) {
		if (!ok) {
			errors.add(line + ": " + error);
		}
	}
}
