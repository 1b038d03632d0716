package com.greenroom.tiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TierRulesUnitTest {

	private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

	private static final Instant LONG_AGO = NOW.minus(Duration.ofDays(90));

	private static TierRules.Standing active(String id, String usd) {
		return new TierRules.Standing(id, LONG_AGO, 5, new BigDecimal(usd));
	}

	@Test
	void newTakesPrecedenceOverDormantAndRevenue() {
		Map<String, TierRules.Assigned> tiers = TierRules.assign(List.of(
				new TierRules.Standing("fresh", NOW.minus(Duration.ofDays(27)), 3, new BigDecimal("900")),
				new TierRules.Standing("fresh-quiet", NOW.minus(Duration.ofDays(27).plusHours(23)), 0, BigDecimal.ZERO),
				new TierRules.Standing("quiet", NOW.minus(Duration.ofDays(28)), 0, BigDecimal.ZERO),
				active("earner", "10")), 10, 30, NOW);

		assertThat(tiers.get("fresh").tier()).isEqualTo(Tier.NEW);
		assertThat(tiers.get("fresh-quiet").tier()).isEqualTo(Tier.NEW);
		assertThat(tiers.get("quiet").tier()).isEqualTo(Tier.DORMANT);
		assertThat(tiers.get("earner").tier()).isEqualTo(Tier.TOP);
		assertThat(tiers.get("earner").rank()).isEqualTo(1);
	}

	@Test
	void tenActiveCreatorsSplitOneTopThreeMidSixEmergingByRevenue() {
		List<TierRules.Standing> standings = new ArrayList<>();
		for (int i = 1; i <= 10; i++) {
			standings.add(active("c-" + (char) ('a' + i), String.valueOf(i * 10)));
		}

		Map<String, TierRules.Assigned> tiers = TierRules.assign(standings, 10, 30, NOW);

		assertThat(tiers.values().stream().filter(t -> t.tier() == Tier.TOP)).hasSize(1);
		assertThat(tiers.values().stream().filter(t -> t.tier() == Tier.MID)).hasSize(3);
		assertThat(tiers.values().stream().filter(t -> t.tier() == Tier.EMERGING)).hasSize(6);
		assertThat(tiers.get("c-k").tier()).isEqualTo(Tier.TOP); // 100 USD
		assertThat(tiers.get("c-h").tier()).isEqualTo(Tier.MID); // 70 USD, rank 4
		assertThat(tiers.get("c-g").tier()).isEqualTo(Tier.EMERGING); // 60 USD, rank 5
	}

	@Test
	void anActiveCreatorWithoutRevenueIsStillRankedAndTiesGoByCreatorId() {
		Map<String, TierRules.Assigned> tiers = TierRules.assign(List.of(active("b", "0"), active("a", "0"), active("c", "5")), 33, 33, NOW);

		assertThat(tiers.get("c").tier()).isEqualTo(Tier.TOP);
		assertThat(tiers.get("a").rank()).isEqualTo(2);
		assertThat(tiers.get("a").tier()).isEqualTo(Tier.MID);
		assertThat(tiers.get("b").tier()).isEqualTo(Tier.EMERGING);
	}

	@Test
	void thresholdsRoundUpSoASmallRegionStillHasATopCreator() {
		Map<String, TierRules.Assigned> tiers = TierRules.assign(List.of(active("a", "3"), active("b", "2"), active("c", "1")), 10, 0, NOW);

		assertThat(tiers.get("a").tier()).isEqualTo(Tier.TOP);
		assertThat(tiers.get("b").tier()).isEqualTo(Tier.EMERGING);
	}
}
