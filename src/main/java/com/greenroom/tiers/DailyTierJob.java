package com.greenroom.tiers;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes each region's tiers once per local date: every node checks every few minutes, and the first to
 * insert (region, local date) into {@code tier_run} does it, in the same transaction (a failed run rolls
 * its claim back and is retried). Off with {@code greenroom.tiers.daily-job=false}.
 */
@Component
@ConditionalOnProperty(name = "greenroom.tiers.daily-job", havingValue = "true", matchIfMissing = true)
class DailyTierJob {

	private static final Logger log = LoggerFactory.getLogger(DailyTierJob.class);

	private final Tiers tiers;

	private final Regions regions;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final Clock clock;

	DailyTierJob(Tiers tiers, Regions regions, JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
		this.tiers = tiers;
		this.regions = regions;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${greenroom.tiers.check-interval:PT5M}", initialDelayString = "PT30S")
	void run() {
		runAt(clock.instant());
	}

	/** Recomputes every region whose local date at {@code now} has no run yet; returns how many ran. */
	int runAt(Instant now) {
		int ran = 0;
		for (Region region : regions.all()) {
			LocalDate today = LocalDate.ofInstant(now, region.zone());
			try {
				Boolean done = transaction.execute(status -> {
					boolean claimed = jdbc.sql("""
							insert into tier_run (region_code, local_date, started_at) values (:region, :day, :now) on conflict do nothing""")
						.param("region", region.code())
						.param("day", today)
						.param("now", Timestamp.from(now))
						.update() == 1;
					if (claimed) {
						tiers.recompute(region.code(), now);
					}
					return claimed;
				});
				ran += Boolean.TRUE.equals(done) ? 1 : 0;
			}
			catch (RuntimeException ex) {
				log.warn("Daily tiers of {} failed; the next check retries", region.code(), ex);
			}
		}
		return ran;
	}
}
