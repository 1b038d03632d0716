package com.greenroom.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the one database pool is shared ({@code greenroom.pools.*}): {@code web} connections for console
 * and API requests, {@code export} for downloads ({@code .csv} exports and {@code .ics} feeds, which hold their
 * connection while the file streams to the client), {@code ingest} for event appends, {@code background} for the
 * projection runner, scheduled jobs and cross-module listeners. The pool holds their sum; requests and appends take a
 * permit of their own share first, so none can starve another or the projections. The web share is also how many
 * console and API requests run at once (after their bodies have arrived). A request that finds no permit within its
 * wait is answered 503 with {@code Retry-After}; a connection that cannot be had within {@code connectionTimeout} is too.
 */
@ConfigurationProperties("greenroom.pools")
public record PoolProperties(Integer web, Integer ingest, Integer background, Duration webWait, Duration ingestWait,
		Duration connectionTimeout, Integer export, Duration exportWait) {

	public PoolProperties {
		web = web == null ? defaultWeb(Runtime.getRuntime().availableProcessors()) : web;
		export = export == null ? 2 : export;
		ingest = ingest == null ? 4 : ingest;
		// projection runner 1, Kafka consumer 1, scheduler 1, listener executor 8, and headroom
		background = background == null ? 12 : background;
		webWait = webWait == null ? Duration.ofSeconds(2) : webWait;
		exportWait = exportWait == null ? Duration.ofSeconds(2) : exportWait;
		ingestWait = ingestWait == null ? Duration.ofSeconds(5) : ingestWait;
		connectionTimeout = connectionTimeout == null ? Duration.ofSeconds(5) : connectionTimeout;
		atLeastOne("web", web);
		atLeastOne("export", export);
		atLeastOne("ingest", ingest);
		atLeastOne("background", background);
		for (var wait : java.util.Map.of("web-wait", webWait, "export-wait", exportWait, "ingest-wait", ingestWait, "connection-timeout",
				connectionTimeout)
			.entrySet()) {
			if (wait.getValue().isNegative()) {
				throw new IllegalArgumentException("greenroom.pools." + wait.getKey() + " must not be negative, not " + wait.getValue());
			}
		}
	}

	/** A share of no permits would answer every request of its kind 503 (and a negative one never frees a permit). */
	private static void atLeastOne(String share, int permits) {
		if (permits < 1) {
			throw new IllegalArgumentException("greenroom.pools." + share + " must be at least 1, not " + permits);
		}
	}

	/**
	 * One web permit per core, at least two. A web permit is also a request allowed to run: more requests running at once
	 * than the cores can serve only share the CPU and PostgreSQL's backends, so each one takes longer and the slowest far
	 * longer; the rest wait their turn in arrival order (the semaphore is fair). On 2 cores at 16 clients the read paths
	 * had 16 of 17 classes with p99 under 100 ms in four runs of 2 permits, 10-14 of 17 in four runs of 4 and 12-13 in two
	 * of 3 (docs/benchmarks.md, "One request per core"; stop 18 had measured 4 against 16 the same way). Downloads
	 * stream outside this share ({@code export}), so a slow downloader never holds one of these.
	 */
	static int defaultWeb(int cores) {
		return Math.max(2, cores);
	}

	/** The size of the connection pool. */
	public int total() {
		return web + export + ingest + background;
	}
}
