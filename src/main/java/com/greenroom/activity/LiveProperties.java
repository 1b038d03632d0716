package com.greenroom.activity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code greenroom.live.silence-timeout}: a stream without {@code stream.ended} stops being live when its
 * last event is this old (event time against the clock). {@code greenroom.live.board-reuse} (default true): whether
 * a request reuses the live board while it is current; false computes it for every request (to measure the cost of
 * a live feed in which every request finds it stale).
 */
@ConfigurationProperties("greenroom.live")
record LiveProperties(@DefaultValue("15m") Duration silenceTimeout, @DefaultValue("true") boolean boardReuse) {

	@ConstructorBinding
	LiveProperties {
	}

	LiveProperties(Duration silenceTimeout) {
		this(silenceTimeout, true);
	}
}
