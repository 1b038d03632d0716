package com.greenroom.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the one database pool is shared ({@code greenroom.pools.*}): {@code web} connections for console
 * and API requests, {@code ingest} for event appends, {@code background} for the projection runner,
 * scheduled jobs and cross-module listeners. The pool holds their sum; web requests and appends take a
 * permit of their own share first, so neither can starve the other or the projections. A request that
 * finds no permit within its wait is answered 503 with {@code Retry-After}; a connection that cannot be
 * had within {@code connectionTimeout} is too.
 */
@ConfigurationProperties("greenroom.pools")
public record PoolProperties(Integer web, Integer ingest, Integer background, Duration webWait, Duration ingestWait,
		Duration connectionTimeout) {

	public PoolProperties {
		web = web == null ? 16 : web;
		ingest = ingest == null ? 4 : ingest;
		// projection runner 1, Kafka consumer 1, scheduler 1, listener executor 8, and headroom
		background = background == null ? 12 : background;
		webWait = webWait == null ? Duration.ofSeconds(2) : webWait;
		ingestWait = ingestWait == null ? Duration.ofSeconds(5) : ingestWait;
		connectionTimeout = connectionTimeout == null ? Duration.ofSeconds(5) : connectionTimeout;
	}

	/** The size of the connection pool. */
	public int total() {
		return web + ingest + background;
	}
}
