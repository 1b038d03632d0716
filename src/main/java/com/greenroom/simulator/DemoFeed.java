package com.greenroom.simulator;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.greenroom.identity.ApiToken;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar greenroom.jar demo}: once Greenroom is up, a simulated platform feeds it through the
 * real ingest endpoint, as the platform would, with an integration token of the user
 * {@code demo-platform}. It sends the last days' history at once, then plays the simulated platform as a
 * time-lapse (30 times faster than the clock, each event stamped when it is sent) from its liveliest hour of the
 * last day, so rooms, milestones and charts visibly move whatever the hour.
 */
@Component
@ConditionalOnBooleanProperty("greenroom.demo.enabled")
@Order(100)
class DemoFeed implements ApplicationRunner, DisposableBean {

	static final String USERNAME = "demo-platform";

	static final String TOKEN_NAME = "demo feed";

	private static final Logger log = LoggerFactory.getLogger(DemoFeed.class);

	private final Users users;

	private final Clock clock;

	private final Environment environment;

	private final long seed;

	private final int creators;

	private final int backfillDays;

	/** Null: the time-lapse starts at the liveliest simulated hour of the last day ({@link #liveliestHour}). */
	private final Double catchUpHours;

	private final double speed;

	private final double rate;

	private final AtomicBoolean stopping = new AtomicBoolean();

	private Thread worker;

	DemoFeed(Users users, Clock clock, Environment environment, @Value("${greenroom.demo.seed:42}") long seed,
			@Value("${greenroom.demo.creators:2500}") int creators, @Value("${greenroom.demo.backfill-days:5}") int backfillDays,
			@Value("${greenroom.demo.catch-up-hours:#{null}}") Double catchUpHours, @Value("${greenroom.demo.speed:30}") double speed,
			@Value("${greenroom.demo.rate:20000}") double rate) {
		this.users = users;
		this.clock = clock;
		this.environment = environment;
		this.seed = seed;
		this.creators = creators;
		this.backfillDays = backfillDays;
		this.catchUpHours = catchUpHours;
		this.speed = speed;
		this.rate = rate;
	}

	@Override
	public void run(ApplicationArguments args) {
		String token = issueToken();
		String baseUrl = "http://localhost:" + environment.getProperty("local.server.port", "8080");
		log.info("""

				==========================================================
				 Greenroom demo: open {}/
				 Sign in as 'admin' (the password printed at the first start, or GREENROOM_ADMIN_PASSWORD).
				 A simulated platform ({} creators, seed {}) now feeds {}{}
				 as user '{}': {} days of history, then a time-lapse: from now on the platform runs
				 {}x faster than the clock, each event stamped with the real time it is sent.
				==========================================================""", baseUrl, creators, seed, baseUrl,
				IngestClient.PATH, USERNAME, backfillDays, plain(speed));
		Instant now = clock.instant();
		// the start is a whole day, so a restart on the same day replays the same events (counted as duplicates)
		Instant start = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(backfillDays));
		SimulationOptions options = new SimulationOptions(seed, creators, backfillDays + 14, start, 0.002);
		Feed.Pace pace;
		if (catchUpHours != null) {
			pace = new Feed.Pace(now.minusMillis((long) (catchUpHours * 3_600_000)), speed, true);
		}
		else {
			// the time-lapse starts in the liveliest hour of the last day, its history stamped later by as much
			Instant liveliest = liveliestHour(options, now);
			pace = new Feed.Pace(liveliest, speed, true, Duration.between(liveliest, now));
			log.info(
					"The time-lapse starts at the simulated {}, the liveliest hour of the last day; the history before it is stamped {} minutes later",
					liveliest, pace.historyShift().toMinutes());
		}
		IngestClient client = new IngestClient(URI.create(baseUrl), token, Feed.Sleeper.REAL, stopping::get, log::info);
		Feed feed = new Feed(new Timeline(options, true), client, clock, Feed.Sleeper.REAL, 1000, rate, pace, log::info);
		worker = new Thread(() -> {
			try {
				Tally tally = feed.run(stopping::get);
				log.info("Demo feed stopped: {}", tally.summary());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (Exception ex) {
				log.error("Demo feed stopped: {}", ex.getMessage());
			}
		}, "demo-feed");
		worker.start();
	}

	/**
	 * The start of the simulated hour with the most events among the 24 before {@code now} (the latest of equals). The
	 * simulated platform follows its creators' local evenings, so some hours of a UTC day are nearly silent (on the seeded
	 * platform, 05:00–09:00 UTC has a few dozen events an hour against thousands at 10:00 and 13:00): a time-lapse that
	 * started in such an hour showed a demo with no event for minutes.
	 */
	static Instant liveliestHour(SimulationOptions options, Instant now) {
		Instant from = now.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
		Map<Instant, Integer> perHour = new HashMap<>();
		Timeline timeline = new Timeline(options, true);
		while (timeline.hasNext()) {
			Instant at = timeline.next().occurredAt();
			if (!at.isBefore(now)) {
				break;
			}
			if (!at.isBefore(from)) {
				perHour.merge(at.truncatedTo(ChronoUnit.HOURS), 1, Integer::sum);
			}
		}
		Instant liveliest = now.truncatedTo(ChronoUnit.HOURS);
		int most = perHour.getOrDefault(liveliest, 0);
		for (Map.Entry<Instant, Integer> hour : perHour.entrySet()) {
			if (hour.getValue() > most || hour.getValue() == most && hour.getKey().isAfter(liveliest)) {
				liveliest = hour.getKey();
				most = hour.getValue();
			}
		}
		return liveliest.isBefore(options.start()) ? options.start() : liveliest;
	}

	private static String plain(double number) {
		return java.math.BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
	}

	/** The demo platform's user and a fresh integration token; earlier demo tokens are revoked. */
	private String issueToken() {
		UserSummary platform = users.findByUsername(USERNAME)
			.orElseGet(() -> users.create(new Users.UserDraft(USERNAME, "Demo platform (simulator)", null, null,
					List.of(Role.INTEGRATION.name()), List.of())));
		for (ApiToken earlier : users.tokensOf(platform.id())) {
			if (earlier.active() && TOKEN_NAME.equals(earlier.name())) {
				users.revokeToken(platform.id(), earlier.id());
			}
		}
		return users.issueToken(platform.id(), TOKEN_NAME, ApiToken.Kind.INTEGRATION.name(), null).secret();
	}

	@Override
	public void destroy() throws InterruptedException {
		stopping.set(true);
		if (worker != null) {
			worker.interrupt();
			worker.join(10_000);
		}
	}
}
