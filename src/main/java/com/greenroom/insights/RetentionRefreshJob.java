package com.greenroom.insights;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the cube of dirty cohort days every {@code greenroom.insights.refresh-interval} (2 s) on every
 * node (days are claimed with SKIP LOCKED), and marks every day dirty each {@code sweep-interval} (1 h) so
 * edits that publish no event (a creator's country or region) reach the cube too. Off with
 * {@code greenroom.insights.refresh-job=false} (tests call {@link RetentionRollup#refresh()}).
 */
@Component
@ConditionalOnProperty(name = "greenroom.insights.refresh-job", havingValue = "true", matchIfMissing = true)
class RetentionRefreshJob {

	private final RetentionRollup rollup;

	RetentionRefreshJob(RetentionRollup rollup) {
		this.rollup = rollup;
	}

	@Scheduled(fixedDelayString = "${greenroom.insights.refresh-interval:PT2S}", initialDelayString = "PT10S")
	void refresh() {
		rollup.refresh();
	}

	@Scheduled(fixedDelayString = "${greenroom.insights.sweep-interval:PT1H}", initialDelayString = "PT1M")
	void sweep() {
		rollup.markAllDirty();
	}
}
