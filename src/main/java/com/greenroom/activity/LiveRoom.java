package com.greenroom.activity;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A stream live now: started, not ended, not silent for longer than the silence timeout. {@code risk} is the
 * badge of an open policy-risk case of the creator, or null.
 */
public record LiveRoom(String streamId, String creatorId, String handle, String regionCode, String title, String category,
		Instant startedAt, Instant lastEventAt, long liveMinutes, int concurrentViewers, int peakViewers,
		BigDecimal revenueLastHourUsd, int reports, RoomRisk risk) {
}
