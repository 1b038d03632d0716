package com.greenroom.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.events.EventType;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The log is appended with binary COPY. Each value it stores is the one PostgreSQL reads from the value's text (as the
 * append sent it before, in COPY's text format): timestamps rounded to the microsecond as PostgreSQL rounds a fraction,
 * amounts with their scale, text with tabs, backslashes and characters beyond ASCII, attributes as the same jsonb.
 */
@IntegrationTest
class BinaryAppendIntegrationTest {

	@Autowired
	EventLogWriter writer;

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	Instant second;

	@BeforeEach
	void reset() {
		data.reset();
		second = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
	}

	@Test
	void everyValueIsStoredAsPostgresReadsItsText() {
		long[] nanos = { 0, 1, 499, 500, 501, 1_499, 1_500, 2_500, 123_456_789, 999_999_499, 999_999_500, 999_999_999 };
		String[] amounts = { "4.99", "0.000001", "123456789012.5", "7", "0.10", "99999999999999.999999999999999999", "10000" };
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("handle", "tab\there \"quoted\" back\\slash é 🎤 \u0001");
		attributes.put("country", "BR");
		List<IncomingEvent> events = new ArrayList<>();
		for (int i = 0; i < nanos.length; i++) {
			BigDecimal amount = new BigDecimal(amounts[i % amounts.length]);
			events.add(new IncomingEvent(i, "fmt-" + i + "\t\\ é", EventType.GIFT_SENT, second.plusNanos(nanos[i]), "creator-é\\" + i,
					"stream\t" + i, "viewer 🎤 " + i, amount, "EUR",
					amount.multiply(new BigDecimal("1.08")).setScale(6, java.math.RoundingMode.HALF_EVEN),
					i == 0 ? attributes : null));
		}

		assertThat(writer.append(events).accepted()).isEqualTo(events.size());

		for (IncomingEvent e : events) {
			Map<String, Object> row = jdbc.sql("""
					select creator_id = :creator and stream_id = :stream and viewer_id = :viewer and type = 'gift.sent'
					           and amount_currency = 'EUR' as texts,
					       occurred_at = cast(:occurred as timestamptz) as occurred,
					       amount_value::text as amount, amount_usd::text as usd,
					       attributes is not distinct from cast(:attributes as jsonb) as attributes
					from platform_event where event_id = :id""")
				.param("creator", e.creatorId()).param("stream", e.streamId()).param("viewer", e.viewerId())
				.param("occurred", e.occurredAt().toString()).param("id", e.id())
				.param("attributes", e.attributes() == null ? null
						: "{\"handle\": \"tab\\there \\\"quoted\\\" back\\\\slash é 🎤 \\u0001\", \"country\": \"BR\"}")
				.query().singleRow();
			assertThat(row).as(e.id() + " at " + e.occurredAt()).containsEntry("texts", true).containsEntry("occurred", true)
				.containsEntry("amount", e.amountValue().toPlainString()).containsEntry("usd", e.usd().toPlainString())
				.containsEntry("attributes", true);
		}
	}

	/**
	 * Two appends that share ids must claim them in one order, or each could wait for the other's: a batch of new ids
	 * claims by COPY in the order the JVM sorts them, one after a repeat by an insert that PostgreSQL sorts in the "C"
	 * collation. The orders agree, beyond ASCII too (U+E000 sorts after a surrogate pair in UTF-16, before it in UTF-8).
	 */
	@Test
	void newIdsAreClaimedInTheOrderOfTheCCollation() {
		String[] ids = { "b", "a", "ab", "a-é", "a-\uE000", "a-🎤", "a-中", "A", "a b", "a\tb", "~", "é", "🎤", "\uFFFD", "" + (char) 127 };

		List<String> jvm = java.util.Arrays.stream(EventLogWriter.claimOrder(ids))
			.map(bytes -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).toList();

		List<String> postgres = jdbc.sql("select id from unnest(cast(:ids as text[])) as batch(id) order by id collate \"C\"")
			.param("ids", ids)
			.query(String.class).list();
		assertThat(jvm).isEqualTo(postgres).isNotEqualTo(java.util.Arrays.stream(ids).sorted().toList());
	}
}
