package com.greenroom.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import com.greenroom.events.EventType;
import com.greenroom.simulator.Geography.Country;

/**
 * One simulated creator from registration on: who they are, how big an audience they can reach, whether
 * they keep going, and each evening's stream with its viewers, gifts, follows, subscriptions and reports.
 * Every draw comes from the creator's own random stream, so a creator's life does not depend on how
 * many other creators there are or in which order days are generated.
 */
final class CreatorLife {

	/** How a creator's streaming habit develops after registration. */
	enum Commitment {
		/** Streams keenly for a few days, then (almost) stops. */
		QUITS_EARLY,
		/** Streams less and less. */
		FADES,
		/** Keeps a steady habit. */
		STAYS
	}

	private static final List<String> CATEGORIES = List.of("music", "talk", "gaming", "dance", "beauty", "outdoor", "cooking");

	private static final List<String> TITLES = List.of("Late night chill", "Sing with me", "Ask me anything", "Ranked grind",
			"Dance challenge", "Cooking for you", "Friday party", "Just chatting", "Road to 1k", "Karaoke requests");

	private static final List<String> NAME_STARTS = List.of("luna", "nova", "kiki", "rio", "sky", "ace", "jojo", "mimi", "leo",
			"maya", "zara", "toto", "bella", "dj", "mr", "miss", "lil", "big", "sun", "neo");

	private static final List<String> NAME_ENDS = List.of("vibes", "live", "beats", "talks", "plays", "dance", "queen", "king",
			"star", "chef", "gamer", "moon", "wave", "glow");

	private static final List<String> REPORT_CATEGORIES = List.of("spam", "harassment", "hate_speech", "nudity", "violence",
			"minor_safety", "scam", "copyright", "self_harm");

	private static final List<String> REPORT_NOTES = List.of("kept asking viewers for gifts", "rude to a viewer in chat",
			"showed something not allowed", "looks underage", "playing copyrighted film", "fake giveaway link");

	/** Gift prices in US dollars, as on a typical gift shelf. */
	private static final double[] GIFT_PRICES = { 0.1, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000 };

	private static final int MAX_AUDIENCE = 40_000;

	private final SplittableRandom random;

	private final String namespace;

	private final int index;

	final String creatorId;

	final String handle;

	final Country country;

	final ZoneId zone;

	final Instant registeredAt;

	final Commitment commitment;

	/** The viewers this creator could ever reach; each has a loyalty: the chance to come to a stream. */
	private final float[] loyalty;

	private final BitSet whales = new BitSet();

	private final BitSet seen = new BitSet();

	private final BitSet followed = new BitSet();

	private final BitSet subscribed = new BitSet();

	private final double activity;

	private final int quitAfterDays;

	private final double fadeDays;

	private final int usualStartMinute;

	private final double usualMinutes;

	private final double giftiness;

	private final double reportRisk;

	private final String category;

	private long events;

	private int streams;

	CreatorLife(int index, String namespace, SplittableRandom random, Instant registeredAt) {
		this.random = random;
		this.namespace = namespace;
		this.index = index;
		this.registeredAt = registeredAt;
		this.creatorId = "cr_" + namespace + "_" + index;
		this.handle = Draws.pick(random, NAME_STARTS) + "_" + Draws.pick(random, NAME_ENDS) + index;
		this.country = Geography.pickCountry(random);
		this.zone = Geography.pickZone(country, random);
		int audience = (int) Math.min(MAX_AUDIENCE, Draws.pareto(random, 40, 0.95));
		this.loyalty = new float[audience];
		for (int i = 0; i < audience; i++) {
			// most viewers drop by rarely; a few come nearly every time
			loyalty[i] = (float) (0.02 + 0.6 * Math.pow(random.nextDouble(), 2.5));
			if (random.nextDouble() < 0.015) {
				whales.set(i);
			}
		}
		// creators who find an audience are likelier to keep going
		double stayChance = 0.25 + 0.35 * Math.min(1, Math.log10(audience) / 4);
		double draw = random.nextDouble();
		this.commitment = draw < stayChance ? Commitment.STAYS
				: draw < stayChance + (1 - stayChance) * 0.45 ? Commitment.FADES : Commitment.QUITS_EARLY;
		this.activity = commitment == Commitment.STAYS ? Draws.uniform(random, 0.55, 0.92) : Draws.uniform(random, 0.5, 0.85);
		this.quitAfterDays = 1 + (int) Draws.exponential(random, 4);
		this.fadeDays = Draws.uniform(random, 4, 14);
		this.usualStartMinute = 17 * 60 + random.nextInt(5 * 60);
		this.usualMinutes = Draws.uniform(random, 45, 150);
		this.giftiness = Draws.uniform(random, 0.05, 0.35);
		this.reportRisk = random.nextDouble() < 0.05 ? 0.3 : 0.01;
		this.category = Draws.pick(random, CATEGORIES);
	}

	void register(Consumer<SimulatedEvent> out) {
		emit(out, EventType.CREATOR_REGISTERED, registeredAt, null, null, null, null, "handle", handle, "country", country.code(),
				"language", country.language(), "timezone", zone.getId());
	}

	/** The creator's chance to go live on a day {@code age} days after registering. */
	double activityOn(int age, DayOfWeek dayOfWeek) {
		double chance = switch (commitment) {
			case QUITS_EARLY -> age < quitAfterDays ? activity : 0.02;
			case FADES -> activity * Math.exp(-age / fadeDays);
			case STAYS -> activity;
		};
		if (age <= 1) {
			chance = Math.max(chance, 0.8);
		}
		boolean weekend = dayOfWeek == DayOfWeek.FRIDAY || dayOfWeek == DayOfWeek.SATURDAY;
		return Math.min(0.97, weekend ? chance * 1.15 : chance);
	}

	/** One creator day: maybe an evening stream, in the creator's own time zone. */
	void liveOn(LocalDate day, Consumer<SimulatedEvent> out) {
		LocalDate registeredOn = LocalDate.ofInstant(registeredAt, zone);
		if (day.isBefore(registeredOn)) {
			return;
		}
		int age = (int) ChronoUnit.DAYS.between(registeredOn, day);
		double goesLive = random.nextDouble();
		int startMinute = (int) Math.round(usualStartMinute + 25 * Draws.gaussian(random));
		double minutes = Math.max(15, Math.min(300, Draws.logNormal(random, usualMinutes, 0.45)));
		if (goesLive >= activityOn(age, day.getDayOfWeek())) {
			return;
		}
		// evenings only: 14:00 at the earliest, so a day's streams never start before that UTC day's generation step
		startMinute = Math.max(14 * 60, Math.min(23 * 60 + 50, startMinute));
		Instant start = ZonedDateTime.of(day, LocalTime.MIDNIGHT, zone).plusMinutes(startMinute).plusSeconds(random.nextInt(60)).toInstant();
		if (!start.isAfter(registeredAt.plus(Duration.ofMinutes(10)))) {
			return;
		}
		stream(start, start.plusMillis((long) (minutes * 60_000)), day.getDayOfWeek(), out);
	}

	private void stream(Instant start, Instant end, DayOfWeek dayOfWeek, Consumer<SimulatedEvent> out) {
		streams++;
		String streamId = "st_" + namespace + "_" + index + "_" + streams;
		emit(out, EventType.STREAM_STARTED, start, streamId, null, null, null, "title", Draws.pick(random, TITLES), "category",
				category);
		// a new creator's audience is found over the first ten streams or so
		int reachable = Math.max(3, (int) (loyalty.length * Math.min(1.0, 0.2 + 0.8 * (streams - 1) / 10.0)));
		reachable = Math.min(reachable, loyalty.length);
		double appeal = Draws.uniform(random, 0.8, 1.2) * (dayOfWeek == DayOfWeek.SATURDAY ? 1.1 : 1.0);
		List<Integer> attended = new ArrayList<>();
		for (int viewer = 0; viewer < reachable; viewer++) {
			if (random.nextDouble() < loyalty[viewer] * appeal) {
				attended.add(viewer);
				long span = end.toEpochMilli() - start.toEpochMilli();
				// arrivals bunch up early in the stream
				Instant join = start.plusMillis(1000 + (long) (span * Math.pow(random.nextDouble(), 1.4)));
				visit(viewer, streamId, join, end, true, out);
			}
		}
		if (random.nextDouble() < reportRisk) {
			int reporter = attended.isEmpty() ? random.nextInt(loyalty.length) : attended.get(random.nextInt(attended.size()));
			Instant at = start.plusMillis((long) ((end.toEpochMilli() - start.toEpochMilli()) * random.nextDouble()));
			boolean withNote = random.nextBoolean();
			emit(out, EventType.REPORT_FILED, at, streamId, viewerId(reporter), null, null, "category",
					Draws.pick(random, REPORT_CATEGORIES), "note", withNote ? Draws.pick(random, REPORT_NOTES) : null);
		}
		emit(out, EventType.STREAM_ENDED, end, streamId, null, null, null);
	}

	/** One viewer session: joins, maybe follows, gifts or subscribes, leaves; sometimes comes back. */
	private void visit(int viewer, String streamId, Instant join, Instant end, boolean mayReturn, Consumer<SimulatedEvent> out) {
		if (!join.isBefore(end.minusSeconds(5))) {
			return;
		}
		double loyal = loyalty[viewer];
		double stayMinutes = Draws.exponential(random, 4 + 25 * loyal);
		Instant leave = join.plusMillis((long) (stayMinutes * 60_000));
		if (leave.isAfter(end)) {
			leave = end;
		}
		long span = leave.toEpochMilli() - join.toEpochMilli();
		String viewerId = viewerId(viewer);
		emit(out, EventType.VIEWER_JOINED, join, streamId, viewerId, null, null);
		if (!seen.get(viewer)) {
			seen.set(viewer);
			if (random.nextDouble() < 0.12 + 0.4 * loyal) {
				followed.set(viewer);
				emit(out, EventType.FOLLOW_CREATED, within(join, span), null, viewerId, null, null);
			}
		}
		double whale = whales.get(viewer) ? 20 : 1;
		int gifts = Math.min(200, Draws.poisson(random, giftiness * whale * (0.3 + loyal) * span / (20 * 60_000.0)));
		for (int g = 0; g < gifts; g++) {
			String[] amount = giftAmount(whale > 1);
			emit(out, EventType.GIFT_SENT, within(join, span), streamId, viewerId, amount[0], amount[1]);
		}
		if (!subscribed.get(viewer) && followed.get(viewer) && random.nextDouble() < 0.002 + 0.05 * loyal * loyal) {
			subscribed.set(viewer);
			boolean vip = random.nextDouble() < 0.15;
			String[] price = price(vip ? 19.99 : 4.99, localCurrency());
			emit(out, EventType.SUBSCRIPTION_STARTED, within(join, span), null, viewerId, price[0], price[1], "plan",
					vip ? "vip" : "monthly");
		}
		emit(out, EventType.VIEWER_LEFT, leave, streamId, viewerId, null, null);
		if (mayReturn && leave.isBefore(end) && random.nextDouble() < 0.12) {
			visit(viewer, streamId, leave.plusMillis((long) (Draws.exponential(random, 3) * 60_000)), end, false, out);
		}
	}

	private Instant within(Instant from, long spanMillis) {
		return from.plusMillis((long) (spanMillis * random.nextDouble()));
	}

	private String viewerId(int viewer) {
		return "vw_" + namespace + "_" + index + "_" + viewer;
	}

	/** Most gifts are small; whales and the log-normal tail make a few very large. */
	private String[] giftAmount(boolean whale) {
		double usd = Draws.logNormal(random, whale ? 3 : 0.6, 1.4);
		double price = GIFT_PRICES[0];
		for (double candidate : GIFT_PRICES) {
			if (candidate <= usd) {
				price = candidate;
			}
		}
		if (random.nextDouble() < 0.05) {
			price *= 10; // a combo of ten
		}
		return price(price, random.nextDouble() < 0.85 ? localCurrency() : "USD");
	}

	private String localCurrency() {
		return country.currency();
	}

	private static String[] price(double usd, String currencyCode) {
		Geography.Currency currency = Geography.currency(currencyCode);
		BigDecimal value = BigDecimal.valueOf(usd).multiply(currency.perUsd()).setScale(currency.scale(), RoundingMode.HALF_UP);
		return new String[] { value.toPlainString(), currency.code() };
	}

	private void emit(Consumer<SimulatedEvent> out, EventType type, Instant at, String streamId, String viewerId, String amount,
			String currency, String... attributes) {
		events++;
		String id = "ev_" + namespace + "_" + index + "_" + events;
		Instant occurredAt = at.truncatedTo(ChronoUnit.MILLIS);
		out.accept(new SimulatedEvent(id, type, occurredAt, zone, creatorId, streamId, viewerId, amount, currency, attributes,
				occurredAt, 0));
	}
}
