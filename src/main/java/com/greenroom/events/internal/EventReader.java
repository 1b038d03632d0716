package com.greenroom.events.internal;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

import com.greenroom.events.EventType;
import com.greenroom.events.IngestResult.Rejection;
import com.greenroom.identity.Regions;
import com.greenroom.system.Checks;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.PayloadTooLargeException;
import org.springframework.stereotype.Component;

/**
 * Reads a batch of platform events (NDJSON or a JSON array) token by token and checks each against
 * the contract. A broken event is rejected alone, with the first field it gets wrong; the rest of the
 * batch goes on. No database work per event: region codes are looked up once per batch.
 */
@Component
public class EventReader {

	static final int MAX_ID = 128;

	/** The NDJSON read buffer: a few dozen events; a longer line grows it. */
	static final int LINE_BUFFER = 64 * 1024;

	private static final Pattern DECIMAL = Pattern.compile("^-?[0-9]{1,18}(\\.[0-9]{1,18})?$");

	/**
	 * The largest amount one event may carry, in its currency and in USD. Revenue columns are
	 * {@code numeric(20,6)} (14 digits before the point) and the tiers' 28-day sums {@code numeric(18,6)}
	 * (12 digits): with at most 10 million USD per event, a creator's day and lifetime totals hold ten
	 * million such events and the tiers a hundred thousand, so no valid event can overflow a projection.
	 */
	static final BigDecimal MAX_AMOUNT_VALUE = new BigDecimal("99999999999999.999999999999999999");

	static final BigDecimal MAX_AMOUNT_USD = new BigDecimal("10000000");

	private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");

	private static final String TYPES = Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.joining(", "));

	private static final String TIMESTAMP_RULE = "must be an RFC 3339 timestamp with offset, such as 2026-11-24T09:30:00+07:00";

	private final JsonMapper json;

	/**
	 * Parsers for single NDJSON lines and records: one per event, so their buffers come from a
	 * per-thread pool rather than the shared concurrent one, which showed on the ingest profile.
	 */
	private final JsonFactory lines = JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build();

	private final EventsProperties properties;

	private final Regions regions;

	/** Whether lines in the plain shape are read by {@link PlainLine} rather than Jackson (false only in tests that compare the two). */
	boolean plainLines = true;

	private final Clock clock;

	EventReader(JsonMapper json, EventsProperties properties, Regions regions, Clock clock) {
		this.json = json;
		this.properties = properties;
		this.regions = regions;
		this.clock = clock;
	}

	/** The events of a batch that passed, and a rejection for each that did not. */
	public record Batch(List<IncomingEvent> valid, List<Rejection> rejected, int size) {
	}

	/** One JSON object per line; blank lines are skipped and not counted. */
	public Batch readNdjson(byte[] body) {
		try {
			return readNdjson(new ByteArrayInputStream(body), Long.MAX_VALUE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex); // not from an array
		}
	}

	/**
	 * NDJSON read as it streams in, a line at a time through a small buffer (a long line grows it), so a
	 * request's body is never held whole. Past {@code limit} bytes the whole batch is refused (413).
	 */
	public Batch readNdjson(InputStream body, long limit) throws IOException {
		Batch batch = new Batch(new ArrayList<>(), new ArrayList<>(), 0);
		Context context = new Context();
		byte[] buffer = new byte[LINE_BUFFER];
		int start = 0; // the current line's first byte
		int end = 0; // bytes read so far end here
		int scanned = 0; // no newline in [start, scanned)
		long total = 0;
		int index = 0;
		while (true) {
			int newline = -1;
			for (int i = scanned; i < end; i++) {
				if (buffer[i] == '\n') {
					newline = i;
					break;
				}
			}
			if (newline < 0) {
				if (start > 0) {
					System.arraycopy(buffer, start, buffer, 0, end - start);
					end -= start;
					start = 0;
				}
				scanned = end;
				if (end == buffer.length) {
					buffer = Arrays.copyOf(buffer, buffer.length * 2);
				}
				int read = body.read(buffer, end, buffer.length - end);
				if (read < 0) {
					if (!blank(buffer, start, end)) {
						checkCount(index + 1);
						readOne(buffer, start, end - start, index, context, batch);
						index++;
					}
					return new Batch(batch.valid(), batch.rejected(), index);
				}
				total += read;
				if (total > limit) {
					throw tooLarge(limit);
				}
				end += read;
				continue;
			}
			if (!blank(buffer, start, newline)) {
				checkCount(index + 1);
				readOne(buffer, start, newline - start, index, context, batch);
				index++;
			}
			start = newline + 1;
			scanned = start;
		}
	}

	/** A JSON array of event objects. A malformed array cannot be split into events, so it fails as a whole. */
	public Batch readArray(byte[] body) {
		return readArray(json.createParser(body));
	}

	/** A JSON array read as it streams in; past {@code limit} bytes the whole batch is refused (413). */
	public Batch readArray(InputStream body, long limit) {
		return readArray(json.createParser(new Limited(body, limit)));
	}

	private Batch readArray(JsonParser source) {
		List<IncomingEvent> valid = new ArrayList<>();
		List<Rejection> rejected = new ArrayList<>();
		Context context = new Context();
		int index = 0;
		try (JsonParser parser = source) {
			JsonToken token = parser.nextToken();
			if (token == null) {
				return new Batch(valid, rejected, 0);
			}
			if (token != JsonToken.START_ARRAY) {
				throw new InvalidInputException("body", "must be a JSON array of events (or NDJSON sent as application/x-ndjson)");
			}
			while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
				if (token == null) {
					throw new InvalidInputException("body", "is not valid JSON: the array is not closed");
				}
				checkCount(index + 1);
				if (token != JsonToken.START_OBJECT) {
					parser.skipChildren();
					rejected.add(new Rejection(index, null, "body", "must be a JSON object"));
				}
				else {
					Fields fields = new Fields();
					readObject(parser, fields);
					validate(fields, index, context, valid, rejected);
				}
				index++;
			}
			if (parser.nextToken() != null) {
				throw new InvalidInputException("body", "is not valid JSON: unexpected content after the array");
			}
		}
		catch (JacksonException ex) {
			rethrowIfLimit(ex);
			throw new InvalidInputException("body", "is not valid JSON: " + ex.getOriginalMessage() + locationOf(ex) + "; nothing was stored");
		}
		return new Batch(valid, rejected, index);
	}

	private static PayloadTooLargeException tooLarge(long limit) {
		return new PayloadTooLargeException("The request body is larger than the limit of " + limit + " bytes for this endpoint");
	}

	/** A body that refuses to be read past its limit. */
	private static final class Limited extends FilterInputStream {

		private final long limit;

		private long total;

		Limited(InputStream in, long limit) {
			super(in);
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			int n = super.read(b, off, len);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) {
			total += n;
			if (total > limit) {
				throw tooLarge(limit);
			}
		}
	}

	/** Events that arrive one per record (Kafka); {@code index} in the result is the position in the list. */
	public Batch readEach(List<byte[]> records) {
		Batch batch = new Batch(new ArrayList<>(), new ArrayList<>(), records.size());
		Context context = new Context();
		for (int i = 0; i < records.size(); i++) {
			byte[] record = records.get(i);
			readOne(record, 0, record == null ? 0 : record.length, i, context, batch);
		}
		return batch;
	}

	private void readOne(byte[] body, int offset, int length, int index, Context context, Batch batch) {
		Fields fields = new Fields();
		if (body == null || blank(body, offset, offset + length)) {
			batch.rejected().add(new Rejection(index, null, "body", "is empty; expected one JSON object"));
			return;
		}
		if (plainLines && PlainLine.read(body, offset, length, fields)) {
			validate(fields, index, context, batch.valid(), batch.rejected());
			return;
		}
		fields = new Fields(); // the scan may have filled some fields before it gave up
		try (JsonParser parser = lines.createParser(ObjectReadContext.empty(), body, offset, length)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				batch.rejected().add(new Rejection(index, null, "body", "must be a JSON object"));
				return;
			}
			readObject(parser, fields);
			if (parser.nextToken() != null) {
				batch.rejected().add(new Rejection(index, fields.id, "body", "is not valid JSON: unexpected content after the object"));
				return;
			}
		}
		catch (JacksonException ex) {
			rethrowIfLimit(ex);
			batch.rejected().add(new Rejection(index, fields.id, "body", "is not valid JSON: " + ex.getOriginalMessage()));
			return;
		}
		validate(fields, index, context, batch.valid(), batch.rejected());
	}

	/** Reads the fields the contract knows from an object whose START_OBJECT is current; skips the rest. */
	private static void readObject(JsonParser parser, Fields fields) {
		String name;
		while ((name = parser.nextName()) != null) {
			JsonToken value = parser.nextToken();
			if (name.equals("amount")) {
				fields.amountPresent = value != JsonToken.VALUE_NULL;
				if (value == JsonToken.START_OBJECT) {
					fields.amountObject = true;
					String inner;
					while ((inner = parser.nextName()) != null) {
						JsonToken innerValue = parser.nextToken();
						if (inner.equals("value")) {
							fields.put("amount.value", innerValue, parser);
						}
						else if (inner.equals("currency")) {
							fields.put("amount.currency", innerValue, parser);
						}
						else {
							parser.skipChildren();
						}
					}
				}
				else {
					parser.skipChildren();
				}
			}
			else if (Fields.KNOWN.contains(name)) {
				fields.put(name, value, parser);
			}
			else {
				parser.skipChildren();
			}
		}
	}

	private void validate(Fields f, int index, Context context, List<IncomingEvent> valid, List<Rejection> rejected) {
		Problem problem = new Problem();
		String id = f.text("id", MAX_ID, true, problem);
		String typeName = f.string("type", problem);
		EventType type = null;
		if (!problem.found()) {
			if (typeName == null) {
				problem.set("type", "is required");
			}
			else {
				type = EventType.fromWire(typeName).orElse(null);
				if (type == null) {
					problem.set("type", "must be one of " + TYPES);
				}
			}
		}
		Instant occurredAt = problem.found() ? null : occurredAt(f, context, problem);
		String creatorId = problem.found() ? null : f.identifier("creatorId", true, problem);
		String streamId = null;
		String viewerId = null;
		BigDecimal value = null;
		String currency = null;
		BigDecimal usd = null;
		Map<String, String> attributes = null;
		if (!problem.found()) {
			boolean needsStream = type == EventType.STREAM_STARTED || type == EventType.STREAM_ENDED || type == EventType.VIEWER_JOINED
					|| type == EventType.VIEWER_LEFT || type == EventType.GIFT_SENT;
			boolean needsViewer = type != EventType.CREATOR_REGISTERED && type != EventType.STREAM_STARTED && type != EventType.STREAM_ENDED;
			streamId = f.identifier("streamId", needsStream, problem);
			if (!problem.found()) {
				viewerId = f.identifier("viewerId", needsViewer, problem);
			}
		}
		if (!problem.found() && (type == EventType.GIFT_SENT || type == EventType.SUBSCRIPTION_STARTED)) {
			if (!f.amountPresent) {
				problem.set("amount", "is required");
			}
			else if (!f.amountObject) {
				problem.set("amount", "must be an object with value and currency, such as {\"value\": \"4.99\", \"currency\": \"USD\"}");
			}
			else {
				String raw = f.string("amount.value", problem);
				if (!problem.found()) {
					if (raw == null) {
						problem.set("amount.value", "is required");
					}
					else if (!DECIMAL.matcher(raw).matches()) {
						problem.set("amount.value", "must be a decimal string such as \"4.99\"");
					}
					else {
						value = new BigDecimal(raw);
						if (value.signum() <= 0) {
							problem.set("amount.value", "must be greater than 0");
						}
						else if (value.compareTo(MAX_AMOUNT_VALUE) > 0) {
							problem.set("amount.value", "must have at most 14 digits before the decimal point");
						}
					}
				}
				if (!problem.found()) {
					currency = f.string("amount.currency", problem);
					if (!problem.found()) {
						BigDecimal rate = currency == null ? null : properties.currencyRates().get(currency);
						if (currency == null) {
							problem.set("amount.currency", "is required");
						}
						else if (!CURRENCY.matcher(currency).matches()) {
							problem.set("amount.currency", "must be an ISO 4217 code such as USD");
						}
						else if (rate == null) {
							problem.set("amount.currency", "has no configured rate: " + currency + " (configured: "
									+ String.join(", ", properties.currencyRates().keySet()) + ")");
						}
						else {
							usd = value.multiply(rate).setScale(6, RoundingMode.HALF_EVEN);
							if (usd.compareTo(MAX_AMOUNT_USD) > 0) {
								problem.set("amount.value", "is worth " + usd.toPlainString() + " USD; one event may carry at most "
										+ MAX_AMOUNT_USD.toPlainString() + " USD");
							}
						}
					}
				}
			}
		}
		if (!problem.found()) {
			attributes = attributes(type, f, context, problem);
		}
		if (problem.found()) {
			rejected.add(new Rejection(index, id != null ? id : f.rawId(), problem.field, problem.reason));
			return;
		}
		valid.add(new IncomingEvent(index, id, type, occurredAt, creatorId, streamId, viewerId, value, currency, usd, attributes));
	}

	private Instant occurredAt(Fields f, Context context, Problem problem) {
		String raw = f.string("occurredAt", problem);
		if (problem.found()) {
			return null;
		}
		if (raw == null) {
			problem.set("occurredAt", "is required");
			return null;
		}
		Instant instant;
		try {
			if (raw.length() < 20 || raw.charAt(10) != 'T' || raw.charAt(16) != ':') {
				throw new DateTimeParseException("not RFC 3339", raw, 0);
			}
			instant = parseTimestamp(raw);
		}
		catch (DateTimeParseException ex) {
			problem.set("occurredAt", TIMESTAMP_RULE);
			return null;
		}
		if (instant.isBefore(context.oldest)) {
			problem.set("occurredAt", "is before " + context.oldest + ": the event log keeps " + properties.retentionDays() + " days");
		}
		else if (instant.isAfter(context.latest)) {
			problem.set("occurredAt", "is more than " + properties.maxFutureSkew().toHours() + " hours in the future");
		}
		return instant;
	}

	/**
	 * An ISO offset date-time as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} reads it. The usual shape
	 * ({@code 2026-11-24T09:30:00[.fraction](Z|+07:00)}) is read digit by digit, as the formatter is slow
	 * enough to show on an ingest profile; anything else goes to the formatter, which decides.
	 */
	static Instant parseTimestamp(String raw) {
		Instant fast = fastTimestamp(raw);
		return fast != null ? fast : OffsetDateTime.parse(raw, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
	}

	private static Instant fastTimestamp(String s) {
		int n = s.length();
		if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
			return null;
		}
		int year = digits(s, 0, 4);
		int month = digits(s, 5, 2);
		int day = digits(s, 8, 2);
		int hour = digits(s, 11, 2);
		int minute = digits(s, 14, 2);
		int second = digits(s, 17, 2);
		if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
				|| second > 59) {
			return null;
		}
		int i = 19;
		int nanos = 0;
		if (s.charAt(i) == '.') {
			int start = ++i;
			while (i < n && i - start < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
				nanos = nanos * 10 + (s.charAt(i) - '0');
				i++;
			}
			if (i == start || i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
				return null;
			}
			for (int k = i - start; k < 9; k++) {
				nanos *= 10;
			}
		}
		int offsetSeconds;
		if (i == n - 1 && s.charAt(i) == 'Z') {
			offsetSeconds = 0;
		}
		else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
			int oh = digits(s, i + 1, 2);
			int om = digits(s, i + 4, 2);
			if (oh < 0 || oh > 17 || om < 0 || om > 59) {
				return null;
			}
			offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
		}
		else {
			return null;
		}
		if (day > 28 && day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
			return null;
		}
		long epochDay = LocalDate.of(year, month, day).toEpochDay();
		return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds, nanos);
	}

	/** The non-negative number in {@code count} ASCII digits from {@code from}, or -1. */
	private static int digits(String s, int from, int count) {
		int value = 0;
		for (int i = from; i < from + count; i++) {
			char c = s.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private Map<String, String> attributes(EventType type, Fields f, Context context, Problem problem) {
		Map<String, String> attributes = null;
		switch (type) {
			case CREATOR_REGISTERED -> {
				String handle = f.text("handle", 100, true, problem);
				String country = problem.found() ? null : f.string("country", problem);
				if (!problem.found()) {
					if (country == null) {
						problem.set("country", "is required");
					}
					else if (!Checks.isCountry(country)) {
						problem.set("country", "must be an ISO 3166-1 alpha-2 country code such as BR");
					}
				}
				String language = problem.found() ? null : f.string("language", problem);
				if (!problem.found() && language != null && !context.isLanguageTag(language)) {
					problem.set("language", "must be a BCP 47 language tag such as pt-BR");
				}
				String timezone = problem.found() ? null : f.string("timezone", problem);
				if (!problem.found() && timezone != null && !context.isTimeZone(timezone)) {
					problem.set("timezone", "must be an IANA time zone such as Asia/Singapore");
				}
				String region = problem.found() ? null : f.string("region", problem);
				if (!problem.found() && region != null && !context.regionExists(region)) {
					problem.set("region", "is not a known region: " + region);
				}
				if (!problem.found()) {
					attributes = new LinkedHashMap<>();
					attributes.put("handle", handle);
					attributes.put("country", country);
					putIfPresent(attributes, "language", language);
					putIfPresent(attributes, "timezone", timezone);
					putIfPresent(attributes, "region", region);
				}
			}
			case STREAM_STARTED, STREAM_ENDED -> attributes = optional(f, problem, "title", 300, "category", 100);
			case SUBSCRIPTION_STARTED -> attributes = optional(f, problem, "plan", 100);
			case REPORT_FILED -> {
				String category = f.text("category", 100, true, problem);
				String note = problem.found() ? null : f.text("note", 10_000, false, problem);
				if (!problem.found()) {
					attributes = new LinkedHashMap<>();
					attributes.put("category", category);
					putIfPresent(attributes, "note", note);
				}
			}
			default -> {
			}
		}
		return attributes == null || attributes.isEmpty() ? null : attributes;
	}

	private static Map<String, String> optional(Fields f, Problem problem, Object... namesAndLimits) {
		Map<String, String> attributes = null;
		for (int i = 0; i < namesAndLimits.length && !problem.found(); i += 2) {
			String name = (String) namesAndLimits[i];
			String value = f.text(name, (Integer) namesAndLimits[i + 1], false, problem);
			if (value != null) {
				if (attributes == null) {
					attributes = new LinkedHashMap<>();
				}
				attributes.put(name, value);
			}
		}
		return attributes;
	}

	private static void putIfPresent(Map<String, String> map, String key, String value) {
		if (value != null) {
			map.put(key, value);
		}
	}

	private void checkCount(int count) {
		if (count > properties.maxBatchEvents()) {
			throw new PayloadTooLargeException("The batch has more than " + properties.maxBatchEvents()
					+ " events, the limit per request; split it, nothing was stored");
		}
	}

	private static void rethrowIfLimit(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PayloadTooLargeException tooLarge) {
				throw tooLarge;
			}
		}
	}

	private static String locationOf(JacksonException ex) {
		var location = ex.getLocation();
		return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
	}

	private static boolean blank(byte[] body, int start, int end) {
		for (int i = start; i < end; i++) {
			byte b = body[i];
			if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
				return false;
			}
		}
		return true;
	}

	/** Time zones {@link Checks#isTimeZone} accepted (the few hundred IANA zones at most). */
	private static final java.util.Set<String> VALID_ZONES = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/** Language tags {@link Checks#isLanguageTag} accepted, up to {@value #KEPT}. */
	private static final java.util.Set<String> VALID_LANGUAGES = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/**
	 * Most accepted values kept of each kind: a platform's creators live in a few hundred zones and speak tens of
	 * languages; past this, a value is checked each time.
	 */
	static final int KEPT = 1_000;

	/**
	 * {@code check} once per accepted value for the life of the reader: a value it accepted is kept in {@code accepted}
	 * (up to {@value #KEPT}), a refused one is checked each time.
	 */
	private static boolean acceptedOnce(java.util.Set<String> accepted, String value, java.util.function.Predicate<String> check) {
		if (accepted.contains(value)) {
			return true;
		}
		if (!check.test(value)) {
			return false;
		}
		if (accepted.size() < KEPT) {
			accepted.add(value);
		}
		return true;
	}

	/** Per-batch state: the accepted time window and region codes already looked up. */
	private final class Context {

		final Instant oldest;

		final Instant latest;

		final Map<String, Boolean> regionsSeen = new HashMap<>();

		Context() {
			Instant now = clock.instant();
			this.oldest = oldestRetained(now, properties.retentionDays());
			this.latest = now.plus(properties.maxFutureSkew());
		}

		boolean regionExists(String code) {
			return regionsSeen.computeIfAbsent(code, regions::exists);
		}

		/** {@link Checks#isTimeZone}, which copies the JDK's set of zone ids on every call, once per valid zone. */
		boolean isTimeZone(String zone) {
			return acceptedOnce(VALID_ZONES, zone, Checks::isTimeZone);
		}

		/**
		 * {@link Checks#isLanguageTag}, which parses a locale, once per valid tag. Until stop 52 each batch checked its tags
		 * anew, and a fresh node's first burst compiled the JDK's tag parser and regex compiler with C2 for its 2,500
		 * registrations.
		 */
		boolean isLanguageTag(String tag) {
			return acceptedOnce(VALID_LANGUAGES, tag, Checks::isLanguageTag);
		}
	}

	/**
	 * {@link Checks#SAFE_ID}, character by character: the regex, run for up to three ids of every event,
	 * was an eighth of the ingest profile's samples.
	 */
	static boolean isSafeId(String value) {
		int n = value.length();
		if (n == 0 || n > MAX_ID || !alphanumeric(value.charAt(0))) {
			return false;
		}
		for (int i = 1; i < n; i++) {
			char c = value.charAt(i);
			if (!alphanumeric(c) && c != '.' && c != '_' && c != '~' && c != ':' && c != '@' && c != '-') {
				return false;
			}
		}
		return true;
	}

	private static boolean alphanumeric(char c) {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
	}

	/** The start of the oldest UTC day the log keeps; older partitions are dropped by retention. */
	static Instant oldestRetained(Instant now, int retentionDays) {
		return LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(retentionDays).atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	/**
	 * A line in the plain shape read without Jackson: one object whose values are strings of ASCII (no control characters)
	 * without escapes or null, and an {@code amount} object of the same. That is what platforms send, and
	 * creating a Jackson parser per line was the largest frame of the ingest profile. Anything else (escapes,
	 * other bytes, numbers, arrays, other nesting, a broken line, content after the object) is left to Jackson,
	 * which reads the whole line again and decides, so fields, rejections and their reasons stay Jackson's.
	 */
	static final class PlainLine {

		/** Longer names or values go to Jackson, whose read constraints decide about them. */
		private static final int MAX_NAME = 1_000;

		private static final int MAX_VALUE = 100_000;

		private static final byte[][] NAMES = new byte[Fields.NAMES.length][];

		private static final int AMOUNT = -2;

		private static final int UNKNOWN = -1;

		private static final byte[] AMOUNT_NAME = "amount".getBytes(StandardCharsets.US_ASCII);

		private static final byte[] VALUE_NAME = "value".getBytes(StandardCharsets.US_ASCII);

		private static final byte[] CURRENCY_NAME = "currency".getBytes(StandardCharsets.US_ASCII);

		private static final int VALUE_SLOT = Fields.slot("amount.value");

		private static final int CURRENCY_SLOT = Fields.slot("amount.currency");

		static {
			for (int i = 0; i < NAMES.length; i++) {
				NAMES[i] = Fields.NAMES[i].getBytes(StandardCharsets.US_ASCII);
			}
		}

		private final byte[] b;

		private final int end;

		private int at;

		/** Where the last string read starts and ends (without its quotes). */
		private int from;

		private int to;

		private PlainLine(byte[] bytes, int offset, int length) {
			this.b = bytes;
			this.at = offset;
			this.end = offset + length;
		}

		/** Reads the line into {@code fields}; false (fields partly filled) when the line is not in the plain shape. */
		static boolean read(byte[] bytes, int offset, int length, Fields fields) {
			return new PlainLine(bytes, offset, length).object(fields);
		}

		private boolean object(Fields fields) {
			if (!expect('{')) {
				return false;
			}
			if (peek() == '}') {
				at++;
			}
			else {
				while (true) {
					if (!string(MAX_NAME) || !expect(':')) {
						return false;
					}
					int slot = topLevel();
					if (!member(fields, slot)) {
						return false;
					}
					int next = peek();
					at++;
					if (next == '}') {
						break;
					}
					if (next != ',') {
						return false;
					}
				}
			}
			skipSpace();
			return at == end;
		}

		/** The value of a top-level member, current after its colon. */
		private boolean member(Fields fields, int slot) {
			int first = peek();
			if (slot == AMOUNT) {
				fields.amountPresent = first != 'n';
				if (first == '{') {
					fields.amountObject = true;
					return amount(fields);
				}
				return first == 'n' ? nullValue() : string(MAX_VALUE);
			}
			if (first == 'n') {
				if (!nullValue()) {
					return false;
				}
				if (slot >= 0) {
					fields.putNull(slot);
				}
				return true;
			}
			if (!string(MAX_VALUE)) {
				return false;
			}
			if (slot >= 0) {
				fields.putString(slot, new String(b, from, to - from, StandardCharsets.ISO_8859_1));
			}
			return true;
		}

		/** The amount object, current at its brace: value and currency kept, other members skipped. */
		private boolean amount(Fields fields) {
			at++;
			if (peek() == '}') {
				at++;
				return true;
			}
			while (true) {
				if (!string(MAX_NAME) || !expect(':')) {
					return false;
				}
				int slot = is(VALUE_NAME) ? VALUE_SLOT : is(CURRENCY_NAME) ? CURRENCY_SLOT : UNKNOWN;
				if (!member(fields, slot)) {
					return false;
				}
				int next = peek();
				at++;
				if (next == '}') {
					return true;
				}
				if (next != ',') {
					return false;
				}
			}
		}

		/** The slot of the top-level name just read: a known field, {@link #AMOUNT} or {@link #UNKNOWN}. */
		private int topLevel() {
			if (is(AMOUNT_NAME)) {
				return AMOUNT;
			}
			for (int i = 0; i < Fields.KNOWN_COUNT; i++) {
				if (is(NAMES[i])) {
					return i;
				}
			}
			return UNKNOWN;
		}

		private boolean is(byte[] name) {
			return to - from == name.length && Arrays.equals(b, from, to, name, 0, name.length);
		}

		/** A string of ASCII without escapes or control characters, current at its quote (after spaces); sets from and to. */
		private boolean string(int max) {
			if (peek() != '"') {
				return false;
			}
			int i = ++at;
			int limit = Math.min(end, i + max + 1);
			while (i < limit) {
				byte c = b[i];
				if (c == '"') {
					from = at;
					to = i;
					at = i + 1;
					return true;
				}
				if (c < 0x20 || c == '\\') { // negative: not ASCII
					return false;
				}
				i++;
			}
			return false;
		}

		private boolean nullValue() {
			if (end - at >= 4 && b[at] == 'n' && b[at + 1] == 'u' && b[at + 2] == 'l' && b[at + 3] == 'l') {
				at += 4;
				// "nullx" is not null: the next byte must end the token
				return at == end || b[at] == ',' || b[at] == '}' || b[at] == ' ' || b[at] == '\t' || b[at] == '\r' || b[at] == '\n';
			}
			return false;
		}

		private boolean expect(char c) {
			if (peek() != c) {
				return false;
			}
			at++;
			return true;
		}

		/** The next byte after spaces (the position left on it), or -1 at the end. */
		private int peek() {
			skipSpace();
			return at < end ? b[at] : -1;
		}

		private void skipSpace() {
			while (at < end && (b[at] == ' ' || b[at] == '\t' || b[at] == '\r' || b[at] == '\n')) {
				at++;
			}
		}
	}

	/** Whether a line is in the shape {@link PlainLine} reads itself (for tests). */
	static boolean isPlain(byte[] line) {
		return PlainLine.read(line, 0, line.length, new Fields());
	}

	/** The first broken rule of an event. */
	private static final class Problem {

		String field;

		String reason;

		boolean found() {
			return field != null;
		}

		void set(String field, String reason) {
			if (this.field == null) {
				this.field = field;
				this.reason = reason;
			}
		}
	}

	/** The raw values of the fields the contract names; a non-string value is remembered by its token. */
	private static final class Fields {

		private static final String[] NAMES = { "id", "type", "occurredAt", "creatorId", "streamId", "viewerId", "handle", "country",
				"language", "timezone", "region", "title", "category", "plan", "note", "amount.value", "amount.currency" };

		/** Each field's slot in {@link #values}: a plain array per event, as a map per event showed on the ingest profile. */
		private static final Map<String, Integer> SLOTS = new HashMap<>();

		static {
			for (int i = 0; i < NAMES.length; i++) {
				SLOTS.put(NAMES[i], i);
			}
		}

		/** The top-level names come first in {@link #NAMES}; the last two are the amount's. */
		static final int KNOWN_COUNT = NAMES.length - 2;

		static final java.util.Set<String> KNOWN = java.util.Set.of(Arrays.copyOf(NAMES, KNOWN_COUNT));

		/** Marks a string holding U+0000, which PostgreSQL text cannot store. */
		private static final Object NUL = new Object();

		private final Object[] values = new Object[NAMES.length];

		String id;

		boolean amountPresent;

		boolean amountObject;

		void put(String name, JsonToken token, JsonParser parser) {
			int slot = slot(name);
			if (token == JsonToken.VALUE_STRING) {
				putString(slot, parser.getString());
			}
			else if (token == JsonToken.VALUE_NULL) {
				values[slot] = null;
			}
			else {
				values[slot] = token;
				parser.skipChildren();
			}
		}

		void putString(int slot, String value) {
			values[slot] = value.indexOf('\0') >= 0 ? NUL : value;
			if (slot == 0) {
				id = value.length() <= MAX_ID ? value : null;
			}
		}

		void putNull(int slot) {
			values[slot] = null;
		}

		/** The slot of a name: the callers' names are literals, found by identity before the map is asked. */
		private static int slot(String name) {
			for (int i = 0; i < NAMES.length; i++) {
				if (NAMES[i] == name) {
					return i;
				}
			}
			return SLOTS.get(name);
		}

		String rawId() {
			return id;
		}

		/** The string value, null when absent; a non-string value is a problem. */
		String string(String name, Problem problem) {
			Object value = values[slot(name)];
			if (value == null || value instanceof String) {
				return (String) value;
			}
			problem.set(name, value == NUL ? "must not contain the NUL character (\\u0000)" : "must be a string");
			return null;
		}

		/** An id that becomes part of a URL: {@link Checks#SAFE_ID}. */
		String identifier(String name, boolean required, Problem problem) {
			String value = text(name, MAX_ID, required, problem);
			if (value != null && !isSafeId(value)) {
				problem.set(name, Checks.SAFE_ID_RULE);
				return null;
			}
			return value;
		}

		/** A string of 1 to max characters (not blank). */
		String text(String name, int max, boolean required, Problem problem) {
			String value = string(name, problem);
			if (value == null) {
				if (required && !problem.found()) {
					problem.set(name, "is required");
				}
				return null;
			}
			if (value.isBlank()) {
				problem.set(name, "must not be blank");
				return null;
			}
			if (value.length() > max) {
				problem.set(name, "must be at most " + max + " characters");
				return null;
			}
			return value;
		}
	}
}
