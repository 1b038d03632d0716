package com.greenroom.activity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code greenroom.live.silence-timeout}: a stream without {@code stream.ended} stops being live when its
 * last event is this old (event time against the clock).
 */
@ConfigurationProperties("greenroom.live")
record LiveProperties(@DefaultValue("15m") Duration silenceTimeout) {
}
