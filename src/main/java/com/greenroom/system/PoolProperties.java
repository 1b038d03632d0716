package com.greenroom.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the one database pool is shared ({@code greenroom.pools.*}): {@code web} connections for console
 * and API requests, {@code ingest} for event appends, {@code background} for the projection runner,
 * scheduled jobs and cross-module listeners. The pool holds their sum; web requests and appends take a
 * permit of their own share first, so neither can starve the other or the projections. The web share is
 * also how many console and API requests run at once (after their bodies have arrived). A request that
 * finds no permit within its wait is answered 503 with {@code Retry-After}; a connection that cannot be
 * had within {@code connectionTimeout} is too.
 */
@ConfigurationProperties("greenroom.pools")
public record PoolProperties(Integer web, Integer ingest, Integer background, Duration webWait, Duration ingestWait,
		Duration connectionTimeout) {

	public PoolProperties {
		web = web == null ? defaultWeb(Runtime.getRuntime().availableProcessors()) : web;
		ingest = ingest == null ? 4 : ingest;
		// projection runner 1, Kafka consumer 1, scheduler 1, listener executor 8, and headroom
		background = background == null ? 12 : background;
		webWait = webWait == null ? Duration.ofSeconds(2) : webWait;
		ingestWait = ingestWait == null ? Duration.ofSeconds(5) : ingestWait;
		connectionTimeout = connectionTimeout == null ? Duration.ofSeconds(5) : connectionTimeout;
	}

	/**
	 * Two web permits per core, at least four. A web permit is also a request allowed to run: more requests running at once
	 * than the cores can serve only share the CPU and PostgreSQL's backends, so each one takes longer and the slowest far
	 * longer; the rest wait their turn in arrival order (the semaphore is fair). On 2 cores at 16 clients the read paths'
	 * p99 summed over 17 classes was 7-18% lower than with 16 permits (docs/benchmarks.md, "Running fewer requests at
	 * once"). The same rule as HikariCP's pool sizing (connections ≈ cores × 2). A node whose users run many large exports
	 * at once (each holds its permit while it streams) wants more.
	 */
	static int defaultWeb(int cores) {
		return Math.max(4, 2 * cores);
	}

	/** The size of the connection pool. */
	public int total() {
		return web + ingest + background;
	}
}
