package com.greenroom.events.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.greenroom.events.EventType;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Runs the ack path's per-event code over made-up events before the node reports ready, so a node started just before a
 * burst does not spend its first million events' CPU on the JIT compiler as well (stop 46: ~4 CPU s of the 16-20 s a
 * fresh node was busy). Each batch is read from NDJSON as a request's body is ({@link EventReader#readNdjson}), and
 * encoded as the append's two COPYs send it: the claim's ids in the claim's order ({@link EventLogWriter#claimRows}),
 * then the rows ({@link EventLogWriter#copyRows}), to nowhere. Nothing reaches the database, the log, the metrics or
 * the projections. An {@link ApplicationRunner}: Spring Boot turns readiness to accepting traffic only after the runners
 * have run, so {@code /actuator/health} answers 503 until the warm-up is done. {@code greenroom.events.warm-up-events}
 * sets how many events (0: none).
 */
@Component
class IngestWarmUp implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(IngestWarmUp.class);

	/** Events per made-up batch: the size of a platform's usual request. */
	static final int BATCH = 5_000;

	/** A mix of types near a live platform's: mostly viewers joining, leaving and gifting. */
	private static final EventType[] MIX = { EventType.VIEWER_JOINED, EventType.VIEWER_LEFT, EventType.GIFT_SENT,
			EventType.VIEWER_JOINED, EventType.VIEWER_LEFT, EventType.FOLLOW_CREATED, EventType.VIEWER_JOINED,
			EventType.VIEWER_LEFT, EventType.GIFT_SENT, EventType.VIEWER_JOINED, EventType.VIEWER_LEFT, EventType.GIFT_SENT,
			EventType.STREAM_STARTED, EventType.VIEWER_JOINED, EventType.VIEWER_LEFT, EventType.SUBSCRIPTION_STARTED,
			EventType.STREAM_ENDED, EventType.FOLLOW_CREATED, EventType.CREATOR_REGISTERED, EventType.REPORT_FILED };

	private static final String[] OFFSETS = { "+07:00", "-03:00", "Z", "+05:30", "+08:00", "-05:00", "+00:00", "+09:00" };

	/**
	 * How far back event times go: over a month, so every day of a month is in them (a reader that never saw a 29th would
	 * have its timestamp code compiled again on the first one).
	 */
	static final Duration PAST = Duration.ofDays(35);

	private static final String[] COUNTRIES = { "ID", "BR", "PH", "US", "VN", "TR", "IN", "MX" };

	/** Below this many USD to the unit, a currency's amounts are sent in whole units (IDR, KRW, VND...). */
	private static final BigDecimal SMALL_UNIT = new BigDecimal("0.01");

	private static final DateTimeFormatter MILLISECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

	private final EventReader reader;

	private final EventsProperties properties;

	private final Clock clock;

	IngestWarmUp(EventReader reader, EventsProperties properties, Clock clock) {
		this.reader = reader;
		this.properties = properties;
		this.clock = clock;
	}

	/** What a warm-up went through: events read, those valid, COPY rows encoded, and the bytes of both COPYs. */
	record Done(long events, long valid, long rows, long bytes) {
	}

	@Override
	public void run(ApplicationArguments args) {
		int events = properties.warmUpEvents();
		if (events == 0) {
			return;
		}
		long started = System.nanoTime();
		Done done = warmUp(events);
		log.info("Warmed up the ingest path with {} made-up events ({} rows encoded, nothing stored) in {} ms", done.events(),
				done.rows(), (System.nanoTime() - started) / 1_000_000);
	}

	/** Reads and encodes {@code events} made-up events in batches of {@value #BATCH}; stores nothing. */
	Done warmUp(int events) {
		long valid = 0;
		long rows = 0;
		long[] bytes = { 0 };
		Instant now = clock.instant();
		for (int from = 0; from < events; from += BATCH) {
			byte[] body = batch(from, Math.min(events, from + BATCH), now, properties.currencyRates());
			EventReader.Batch batch;
			try {
				batch = reader.readNdjson(stream(from / BATCH, body), Long.MAX_VALUE);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex); // not from memory
			}
			valid += batch.valid().size();
			List<IncomingEvent> read = EventLogWriter.distinct(batch.valid()).events();
			rows += read.size();
			bytes[0] += EventLogWriter.claimRows(EventLogWriter.claimOrder(EventLogWriter.ids(read))).size();
			try {
				EventLogWriter.copyRows(read, null, now, 1, (chunk, length) -> bytes[0] += length);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex); // the sink above throws nothing
			}
		}
		return new Done(events, valid, rows, bytes[0]);
	}

	/**
	 * The body as a stream of one of three classes in turn. A request's body is none of them: had the warm-up read from one
	 * class only, the JIT would have compiled the read for that class, and the first request would have thrown the
	 * compiled reader away (stop 47: six times).
	 */
	private static InputStream stream(int batch, byte[] body) {
		return switch (batch % 3) {
			case 0 -> new ByteArrayInputStream(body);
			case 1 -> new BufferedInputStream(new ByteArrayInputStream(body));
			default -> new SequenceInputStream(new ByteArrayInputStream(body), InputStream.nullInputStream());
		};
	}

	/**
	 * Events {@code from} (inclusive) to {@code to} as an NDJSON body, each valid, in the shapes platforms send: ids as
	 * UUIDs, prefixed counters or plain numbers (lengths on both sides of the creator slot hash's 12-byte blocks), times
	 * with and without fractions in several offsets, amounts in each currency of {@code rates} as whole numbers or with
	 * decimals, optional fields present and absent, a blank line now and then. A shape the real traffic has and the
	 * warm-up lacked would make the JIT throw its code away and compile it again during the first burst (stop 47: a blank
	 * line, a 29th day). Event times go {@link #PAST} back: a log that keeps fewer days would reject the older ones, which
	 * are only read, never stored.
	 */
	static byte[] batch(int from, int to, Instant now, Map<String, BigDecimal> rates) {
		String[] currencies = rates.keySet().toArray(String[]::new);
		SplittableRandom random = new SplittableRandom(from);
		StringBuilder body = new StringBuilder((to - from) * 220);
		for (int n = from; n < to; n++) {
			EventType type = MIX[n % MIX.length];
			int creator = random.nextInt(100_000);
			String creatorId = creator % 3 == 0 ? String.valueOf(1_000_000 + creator) : "cr_w" + Integer.toHexString(creator * 31) + "_" + creator;
			String streamId = "st_" + creatorId + "_" + random.nextInt(1, 400);
			String viewerId = random.nextBoolean() ? "vw_" + random.nextInt(10_000_000) : String.valueOf(random.nextLong(1L << 40));
			body.append("{\"id\":\"").append(id(n, random)).append("\",\"type\":\"").append(type.wireName()).append("\",\"occurredAt\":\"");
			String offset = OFFSETS[random.nextInt(OFFSETS.length)];
			OffsetDateTime at = now.minusMillis(random.nextLong(PAST.toMillis()))
				.atOffset(offset.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(offset));
			(random.nextInt(4) == 0 ? SECONDS : MILLISECONDS).formatTo(at, body);
			body.append(offset).append("\",\"creatorId\":\"").append(creatorId).append('"');
			switch (type) {
				case CREATOR_REGISTERED -> {
					body.append(",\"handle\":\"creator").append(creator).append("\",\"country\":\"").append(COUNTRIES[creator % COUNTRIES.length])
						.append('"');
					if (random.nextBoolean()) {
						body.append(",\"language\":\"en-US\",\"timezone\":\"America/Sao_Paulo\"");
					}
				}
				case STREAM_STARTED, STREAM_ENDED -> {
					body.append(",\"streamId\":\"").append(streamId).append('"');
					if (random.nextBoolean()) {
						body.append(",\"title\":\"Evening live ").append(n % 31).append("\",\"category\":\"music\"");
					}
				}
				case REPORT_FILED -> body.append(",\"viewerId\":\"").append(viewerId).append("\",\"category\":\"spam\"");
				case FOLLOW_CREATED -> body.append(",\"viewerId\":\"").append(viewerId).append('"');
				case SUBSCRIPTION_STARTED -> {
					body.append(",\"viewerId\":\"").append(viewerId).append('"');
					amount(body, currencies[random.nextInt(currencies.length)], rates, random);
					if (random.nextBoolean()) {
						body.append(",\"plan\":\"monthly\"");
					}
				}
				default -> {
					body.append(",\"streamId\":\"").append(streamId).append("\",\"viewerId\":\"").append(viewerId).append('"');
					if (type == EventType.GIFT_SENT) {
						amount(body, currencies[random.nextInt(currencies.length)], rates, random);
					}
				}
			}
			body.append(n % 1_000 == 999 ? "}\n\n" : "}\n");
		}
		return body.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** A UUID, a prefixed counter or a plain number: 2 to 36 characters. */
	private static String id(int n, SplittableRandom random) {
		return switch (random.nextInt(3)) {
			case 0 -> new UUID(random.nextLong(), random.nextLong()).toString();
			case 1 -> "ev_w" + Integer.toHexString(n) + "_" + random.nextInt(1_000_000);
			default -> "9" + n;
		};
	}

	/** A positive amount: whole for currencies of small units, else with up to two decimals; from cents to thousands of USD. */
	private static void amount(StringBuilder body, String currency, Map<String, BigDecimal> rates, SplittableRandom random) {
		double usd = Math.exp(random.nextDouble(Math.log(0.05), Math.log(5_000)));
		body.append(",\"amount\":{\"value\":\"");
		if (rates.get(currency).compareTo(SMALL_UNIT) < 0) {
			body.append(1 + (long) (usd * 10_000));
		}
		else {
			body.append(BigDecimal.valueOf(usd).setScale(random.nextInt(3), RoundingMode.HALF_UP).max(new BigDecimal("0.01")).toPlainString());
		}
		body.append("\",\"currency\":\"").append(currency).append("\"}");
	}
}
