package com.greenroom.activity;

import static com.greenroom.support.EventFeed.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.support.Api;
import com.greenroom.support.EventFeed;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Top rooms from the live board: reused while nothing it was computed from moved, and recomputed when the activity
 * projection applies events, the clock moves, or a creator's region or handle changes, with the sums of the request's
 * own instant.
 */
@IntegrationTest
class LiveBoardIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	EventFeed feed;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LiveRooms rooms;

	Instant now;

	String latam;

	@BeforeEach
	void reset() {
		data.reset();
		now = clock.instant();
		data.creator("ana", "ana", "BR");
		data.creator("bia", "bia", "BR");
		data.creator("kenji", "kenji", "JP");
		latam = data.tokenOf(data.manager("lucia", "LATAM"));
		Instant start = now.minus(Duration.ofMinutes(30));
		feed.send(started("a1", "ana", "sa", start), started("b1", "bia", "sb", start), started("k1", "kenji", "sk", start));
		feed.send(joins("aj", "ana", "sa", "va", 3, now.minus(Duration.ofMinutes(2))));
		feed.send(joins("bj", "bia", "sb", "vb", 2, now.minus(Duration.ofMinutes(2))));
		feed.send(joins("kj", "kenji", "sk", "vk", 9, now.minus(Duration.ofMinutes(2))));
		feed.send(gift("ag", "ana", "sa", "va0", "10.00", now.minus(Duration.ofMinutes(5))),
				gift("bg", "bia", "sb", "vb0", "8.00", now.minus(Duration.ofMinutes(5))),
				gift("kg", "kenji", "sk", "vk0", "50.00", now.minus(Duration.ofMinutes(5))));
	}

	List<String> streams(String path, String token) {
		Api.Response response = api.get(path, token);
		assertThat(response.status()).as(path).isEqualTo(200);
		return response.json().valueStream().map(r -> r.get("streamId").asString()).toList();
	}

	BigDecimal revenueOf(String streamId) {
		JsonNode all = api.get("/api/v1/live/rooms?sort=revenue&limit=500", TestData.ADMIN_TOKEN).json();
		return all.valueStream().filter(r -> r.get("streamId").asString().equals(streamId)).findFirst().orElseThrow().get("revenueLastHourUsd")
			.decimalValue();
	}

	@Test
	void theBoardIsReusedWhileNothingMovesAndAGiftTheProjectionAppliesChangesTheNextRequestsRanking() {
		assertThat(streams("/api/v1/live/rooms?sort=revenue", latam)).containsExactly("sa", "sb");
		long computed = rooms.board().computations();
		assertThat(streams("/api/v1/live/rooms?sort=revenue", latam)).containsExactly("sa", "sb");
		assertThat(streams("/api/v1/live/rooms", TestData.ADMIN_TOKEN)).containsExactly("sk", "sa", "sb");
		assertThat(rooms.board().computations()).as("the same second, no projection moved: the board is reused").isEqualTo(computed);

		long probed = rooms.board().creatorsProbed();
		feed.send(gift("bg2", "bia", "sb", "vb1", "5.00", now.minus(Duration.ofMinutes(1))));

		assertThat(streams("/api/v1/live/rooms?sort=revenue", latam)).containsExactly("sb", "sa");
		assertThat(rooms.board().computations()).isEqualTo(computed + 1);
		assertThat(rooms.board().creatorsProbed()).as("the roster did not move: the creators are the last board's").isEqualTo(probed);
		assertThat(revenueOf("sb")).isEqualByComparingTo("13.00");
		// a room that ends leaves the board with the batch that ends it
		feed.send(ended("k2", "kenji", "sk", now.minus(Duration.ofSeconds(30))));
		assertThat(streams("/api/v1/live/rooms", TestData.ADMIN_TOKEN)).containsExactly("sa", "sb");
	}

	@Test
	void aGiftLeavesTheHourAtItsInstantWithinTheBoardsSecondAndOnTheNextSecond() {
		// bia's gift of 5.00 leaves the hour half a second after the clock, ana's 30.00 enters it three tenths of a second after
		feed.send(gift("bold", "bia", "sb", "vb1", "5.00", now.minus(Duration.ofHours(1)).plusMillis(500)),
				gift("anew", "ana", "sa", "va1", "30.00", now.plusMillis(300)));
		assertThat(revenueOf("sb")).isEqualByComparingTo("13.00");
		assertThat(revenueOf("sa")).isEqualByComparingTo("10.00");
		assertThat(streams("/api/v1/live/rooms?sort=revenue", latam)).containsExactly("sb", "sa");
		long computed = rooms.board().computations();

		clock.set(now.plusMillis(400));
		assertThat(revenueOf("sa")).as("entered at +0.3 s").isEqualByComparingTo("40.00");
		assertThat(revenueOf("sb")).isEqualByComparingTo("13.00");
		assertThat(streams("/api/v1/live/rooms?sort=revenue", latam)).containsExactly("sa", "sb");
		clock.set(now.plusMillis(500));
		assertThat(revenueOf("sb")).as("left at +0.5 s").isEqualByComparingTo("8.00");
		assertThat(rooms.board().computations()).as("the same second: the same board, summed at each instant").isEqualTo(computed);
		assertSameAsDirectSums();

		clock.set(now.plusSeconds(1));
		assertThat(revenueOf("sb")).isEqualByComparingTo("8.00");
		assertThat(revenueOf("sa")).isEqualByComparingTo("40.00");
		assertThat(rooms.board().computations()).as("the next second: a new board").isEqualTo(computed + 1);
		assertSameAsDirectSums();

		// a room falls silent 15 minutes after its last event, to the millisecond, whatever the board's second: sb's last
		// event was its second join (2 minutes less a second before the clock), sk's its ninth, sa's the gift 0.3 s after it
		Instant sbSilent = now.minus(Duration.ofMinutes(2)).plusSeconds(1).plus(Duration.ofMinutes(15));
		clock.set(sbSilent.minusMillis(1));
		assertThat(streams("/api/v1/live/rooms", TestData.ADMIN_TOKEN)).containsExactly("sk", "sa", "sb");
		clock.set(sbSilent);
		assertThat(streams("/api/v1/live/rooms", TestData.ADMIN_TOKEN)).containsExactly("sk", "sa");
		clock.set(now.plus(Duration.ofMinutes(15)).plusMillis(299));
		assertThat(streams("/api/v1/live/rooms", TestData.ADMIN_TOKEN)).containsExactly("sa");
		clock.set(now.plus(Duration.ofMinutes(15)).plusMillis(300));
		assertThat(streams("/api/v1/live/rooms", TestData.ADMIN_TOKEN)).isEmpty();
	}

	void assertSameAsDirectSums() {
		Instant at = clock.instant();
		JsonNode all = api.get("/api/v1/live/rooms?sort=revenue&limit=500", TestData.ADMIN_TOKEN).json();
		for (JsonNode room : all) {
			BigDecimal expected = jdbc.sql("""
					select coalesce(sum(usd), 0) from activity_stream_gift
					where stream_id = :s and occurred_at > :from and occurred_at <= :at""")
				.param("s", room.get("streamId").asString())
				.param("from", Timestamp.from(at.minus(Duration.ofHours(1))))
				.param("at", Timestamp.from(at))
				.query(BigDecimal.class)
				.single();
			assertThat(room.get("revenueLastHourUsd").decimalValue()).as("%s at %s", room.get("streamId"), at).isEqualByComparingTo(expected);
		}
	}

	@Test
	void aLeadNeverSeesAnotherRegionsRoomFromABoardOfEveryRegion() {
		assertThat(streams("/api/v1/live/rooms?limit=500", TestData.ADMIN_TOKEN)).containsExactly("sk", "sa", "sb");
		for (String path : List.of("/api/v1/live/rooms?limit=500", "/api/v1/live/rooms?sort=revenue&limit=500",
				"/api/v1/live/rooms?region=LATAM&sort=revenue")) {
			assertThat(streams(path, latam)).as(path).containsExactly("sa", "sb");
		}
		assertThat(streams("/api/v1/live/rooms?region=EA", latam)).isEmpty();
		assertThat(streams("/api/v1/live/rooms?region=EA&sort=revenue", TestData.ADMIN_TOKEN)).containsExactly("sk");
	}

	@Test
	void aCreatorMovedToAnotherRegionOrRenamedShowsThereOnTheNextRequest() {
		assertThat(streams("/api/v1/live/rooms", latam)).containsExactly("sa", "sb");
		long version = rosterVersion();

		Api.Response moved = api.patch("/api/v1/creators/kenji", TestData.ADMIN_TOKEN, "{\"region\": \"LATAM\", \"handle\": \"kenji-br\"}");
		assertThat(moved.status()).isEqualTo(200);
		assertThat(rosterVersion()).isGreaterThan(version);

		JsonNode lead = api.get("/api/v1/live/rooms", latam).json();
		assertThat(lead.valueStream().map(r -> r.get("streamId").asString())).containsExactly("sk", "sa", "sb");
		assertThat(lead.get(0).get("handle").asString()).isEqualTo("kenji-br");
		assertThat(lead.get(0).get("regionCode").asString()).isEqualTo("LATAM");
		assertThat(streams("/api/v1/live/rooms?region=EA", TestData.ADMIN_TOKEN)).isEmpty();

		api.patch("/api/v1/creators/ana", TestData.ADMIN_TOKEN, "{\"region\": \"EA\"}");
		assertThat(streams("/api/v1/live/rooms", latam)).containsExactly("sk", "sb");
		assertThat(streams("/api/v1/live/rooms?region=EA", TestData.ADMIN_TOKEN)).containsExactly("sa");
	}

	@Test
	void aRoomOfACreatorNotOnTheRosterJoinsTheRegionWhenTheRegistrationIsApplied() {
		long version = rosterVersion();
		feed.send(started("g1", "ghost", "sg", now.minus(Duration.ofMinutes(3))));
		assertThat(rosterVersion()).as("a placeholder (no region, the id for handle) leaves the version").isEqualTo(version);
		JsonNode admin = api.get("/api/v1/live/rooms?limit=500", TestData.ADMIN_TOKEN).json();
		assertThat(admin.valueStream().filter(r -> r.get("streamId").asString().equals("sg")).findFirst().orElseThrow().get("handle").asString())
			.isEqualTo("ghost");
		assertThat(streams("/api/v1/live/rooms", latam)).containsExactly("sa", "sb");

		feed.send(registered("g0", "ghost", "BR", null, now.minus(Duration.ofMinutes(10))));

		assertThat(rosterVersion()).as("a registration the roster projection applies moves the version").isGreaterThan(version);
		assertThat(streams("/api/v1/live/rooms", latam)).containsExactlyInAnyOrder("sa", "sb", "sg");
	}

	@Test
	void concurrentRequestsThatFindTheBoardStaleWaitForOneComputation() throws Exception {
		assertThat(streams("/api/v1/live/rooms", latam)).containsExactly("sa", "sb");
		feed.send(gift("bg2", "bia", "sb", "vb1", "5.00", now.minus(Duration.ofMinutes(1))));
		long computed = rooms.board().computations();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<List<String>>> requests = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				requests.add(() -> streams("/api/v1/live/rooms?sort=revenue", latam));
			}
			for (Future<List<String>> page : pool.invokeAll(requests)) {
				assertThat(page.get()).containsExactly("sb", "sa");
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(rooms.board().computations()).isEqualTo(computed + 1);
	}

	long rosterVersion() {
		return jdbc.sql("select version from creator_roster_version").query(Long.class).single();
	}
}
