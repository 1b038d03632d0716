package com.greenroom.tiers;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes the tier pace settings ({@code greenroom.tiers.pace.period-anchor}, a Monday, default 2024-01-01;
 * {@code greenroom.tiers.pace.reach-factor}, default 1.5) to {@code tier_pace_setting} at start-up, where
 * the SQL function reads them.
 */
@Component
class TierPaceSettings implements ApplicationRunner {

	private final JdbcClient jdbc;

	private final LocalDate anchor;

	private final BigDecimal reachFactor;

	TierPaceSettings(JdbcClient jdbc, @Value("${greenroom.tiers.pace.period-anchor:2024-01-01}") LocalDate anchor,
			@Value("${greenroom.tiers.pace.reach-factor:1.5}") BigDecimal reachFactor) {
		if (anchor.getDayOfWeek() != DayOfWeek.MONDAY) {
			throw new IllegalStateException("greenroom.tiers.pace.period-anchor must be a Monday, not " + anchor);
		}
		if (reachFactor.signum() <= 0 || reachFactor.compareTo(BigDecimal.valueOf(100)) > 0) {
			throw new IllegalStateException("greenroom.tiers.pace.reach-factor must be above 0 and at most 100, not " + reachFactor);
		}
		this.jdbc = jdbc;
		this.anchor = anchor;
		this.reachFactor = reachFactor;
	}

	@Override
	public void run(ApplicationArguments args) {
		jdbc.sql("""
				insert into tier_pace_setting (singleton, period_anchor, reach_factor) values (true, :anchor, :factor)
				on conflict (singleton) do update set period_anchor = excluded.period_anchor, reach_factor = excluded.reach_factor""")
			.param("anchor", anchor)
			.param("factor", reachFactor)
			.update();
	}
}
