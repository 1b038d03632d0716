package com.greenroom.tiers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.Viewer;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tier recomputation on demand, off the request thread: {@link #start} records a job with its regions and
 * returns at once; a runner thread computes the regions, {@value #PARALLEL_REGIONS} at a time, with the set-based
 * {@link Tiers#recompute(String, Instant)} (the daily timers use the same), each region in its own
 * transaction, so {@link #find} shows progress per region. A viewer sees a job only when they can see
 * every region of it.
 */
@Service
class TierRecomputes {

	private static final Logger log = LoggerFactory.getLogger(TierRecomputes.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final Tiers tiers;

	private final Regions regions;

	private final AuditLog audit;

	private final Clock clock;

	private final TransactionTemplate transaction;

	/** How often the node running a job says it is alive. */
	static final Duration HEARTBEAT = Duration.ofSeconds(15);

	/** A queued or running job whose heartbeat is older than this belongs to a node that stopped. */
	static final Duration STALE_AFTER = Duration.ofMinutes(2);

	private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "tier-recompute-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "tier-recompute");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * How many regions of a job are computed at once, each on its own connection and transaction: a region's
	 * statement is one PostgreSQL backend's work, so two use both cores of a small node (every region of 100,000
	 * creators took 9.6 s one after another). Their ANALYZE of the tier tables waits for the other's commit, which
	 * serializes only the short tail of each region.
	 */
	static final int PARALLEL_REGIONS = 2;

	private final ExecutorService regionWorkers = Executors.newFixedThreadPool(PARALLEL_REGIONS, new java.util.concurrent.ThreadFactory() {

		private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

		@Override
		public Thread newThread(Runnable r) {
			Thread thread = new Thread(r, "tier-recompute-region-" + next.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}
	});

	TierRecomputes(JdbcClient jdbc, Tiers tiers, Regions regions, AuditLog audit, Clock clock, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.tiers = tiers;
		this.regions = regions;
		this.audit = audit;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Starts recomputing the given region, or every region the viewer leads (admins: every region), as of
	 * now; 403 for anyone but admins and regional leads (of that region), 400 naming {@code region} when
	 * unknown. Audited with the request.
	 */
	TierRecomputeJob start(Viewer viewer, String regionCode) {
		if (!viewer.isAdmin() && !viewer.has(Role.REGIONAL_LEAD)) {
			throw new AccessDeniedException("Only admins and regional leads recompute tiers");
		}
		String wanted = regionCode == null || regionCode.isBlank() ? null : regionCode.strip();
		if (wanted != null && (wanted.length() > 64 || !regions.exists(wanted))) {
			throw new InvalidInputException("region", "is not a known region: " + (wanted.length() > 64 ? wanted.substring(0, 64) + "…" : wanted));
		}
		if (wanted != null && !Tiers.mayManage(viewer, wanted)) {
			throw new AccessDeniedException("Only admins and regional leads of " + wanted + " recompute its tiers");
		}
		List<String> targets = wanted != null ? List.of(wanted)
				: regions.all().stream().map(r -> r.code()).filter(code -> Tiers.mayManage(viewer, code)).toList();
		if (targets.isEmpty()) {
			throw new InvalidInputException("region", "you lead no region whose tiers you could recompute");
		}
		Instant now = clock.instant();
		interruptStale();
		long id = transaction.execute(status -> {
			long job = jdbc.sql("""
					insert into tier_recompute_job (requested_by, requested_at, as_of, status, heartbeat_at)
					values (:by, :now, :now, 'QUEUED', :now) returning id""")
				.param("by", viewer.username())
				.param("now", Timestamp.from(now))
				.query(Long.class)
				.single();
			for (int i = 0; i < targets.size(); i++) {
				jdbc.sql("insert into tier_recompute_region (job_id, region_code, position, status) values (:job, :region, :position, 'QUEUED')")
					.param("job", job)
					.param("region", targets.get(i))
					.param("position", i)
					.update();
			}
			audit.record("tier_recompute_job", job, "requested", targets.size() == 1 ? targets.get(0) : null, null,
					Map.of("regions", targets, "asOf", now.toString()));
			return job;
		});
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			// started inside a caller's transaction: run once it commits, when the runner can see the job
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					runner.execute(() -> run(id));
				}
			});
		}
		else {
			runner.execute(() -> run(id));
		}
		return find(viewer, id);
	}

	/** The job with its progress; 404 when unknown or when it covers a region the viewer cannot see. */
	TierRecomputeJob find(Viewer viewer, long id) {
		interruptStale();
		TierRecomputeJob job = load(id);
		if (job == null || !job.regions().stream().allMatch(r -> viewer.canSee(r.region()))) {
			throw new NotFoundException("Tier recompute job", String.valueOf(id));
		}
		return job;
	}

	/** Computes the job's regions (in order, {@value #PARALLEL_REGIONS} at a time); a failed region is recorded and the others still run. */
	void run(long id) {
		TierRecomputeJob job = load(id);
		if (job == null || !job.status().equals("QUEUED")) {
			return;
		}
		int claimed = jdbc
			.sql("update tier_recompute_job set status = 'RUNNING', started_at = :now, heartbeat_at = :now where id = :id and status = 'QUEUED'")
			.param("now", Timestamp.from(clock.instant()))
			.param("id", id)
			.update();
		if (claimed == 0) {
			return; // interrupted as stale before it started
		}
		ScheduledFuture<?> beating = heartbeats.scheduleWithFixedDelay(() -> beat(id), HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
				TimeUnit.MILLISECONDS);
		try {
			runRegions(id, job);
		}
		finally {
			beating.cancel(false);
		}
	}

	private void runRegions(long id, TierRecomputeJob job) {
		List<Future<Boolean>> regionsDone = job.regions().stream().map(region -> regionWorkers.submit(() -> runRegion(id, job, region))).toList();
		boolean failed = false;
		for (Future<Boolean> done : regionsDone) {
			try {
				failed |= !done.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return; // shutting down: the job stops beating and is shown INTERRUPTED
			}
			catch (ExecutionException ex) {
				failed = true;
			}
		}
		jdbc.sql("update tier_recompute_job set status = :status, finished_at = :now, heartbeat_at = :now where id = :id and status = 'RUNNING'")
			.param("status", failed ? "FAILED" : "DONE")
			.param("now", Timestamp.from(clock.instant()))
			.param("id", id)
			.update();
	}

	/** One region of a job in its own transaction; false (recorded as FAILED with its error) when it failed. */
	private boolean runRegion(long id, TierRecomputeJob job, TierRecomputeJob.RegionProgress region) {
		jdbc.sql("update tier_recompute_region set status = 'RUNNING', started_at = :now where job_id = :id and region_code = :region")
			.param("now", Timestamp.from(clock.instant()))
			.param("id", id)
			.param("region", region.region())
			.update();
		try {
			transaction.executeWithoutResult(status -> {
				Map<Tier, Integer> counts = tiers.recompute(region.region(), job.asOf());
				Map<String, Integer> byName = new LinkedHashMap<>();
				counts.forEach((tier, n) -> byName.put(tier.name(), n));
				jdbc.sql("""
						update tier_recompute_region set status = 'DONE', finished_at = :now, creators = :creators, counts = cast(:counts as jsonb)
						where job_id = :id and region_code = :region""")
					.param("now", Timestamp.from(clock.instant()))
					.param("creators", counts.values().stream().mapToInt(Integer::intValue).sum())
					.param("counts", JSON.writeValueAsString(byName))
					.param("id", id)
					.param("region", region.region())
					.update();
			});
			return true;
		}
		catch (RuntimeException ex) {
			log.warn("Recomputing tiers of {} (job {}) failed", region.region(), id, ex);
			String message = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
			jdbc.sql("""
					update tier_recompute_region set status = 'FAILED', finished_at = :now, error = :error
					where job_id = :id and region_code = :region""")
				.param("now", Timestamp.from(clock.instant()))
				.param("error", message.length() > 500 ? message.substring(0, 500) : message)
				.param("id", id)
				.param("region", region.region())
				.update();
			return false;
		}
	}

	private void beat(long id) {
		try {
			jdbc.sql("update tier_recompute_job set heartbeat_at = :now where id = :id and status = 'RUNNING'")
				.param("now", Timestamp.from(clock.instant()))
				.param("id", id)
				.update();
		}
		catch (RuntimeException ex) {
			log.warn("Heartbeat of tier recompute job {} failed", id, ex);
		}
	}

	/**
	 * Marks INTERRUPTED every queued or running job whose node stopped beating (and its unfinished regions),
	 * so no job of a dead node shows RUNNING forever. Set-based, one statement; cheap when none is stale.
	 */
	int interruptStale() {
		Instant now = clock.instant();
		return jdbc.sql("""
				with stale as (
				    update tier_recompute_job set status = 'INTERRUPTED', finished_at = :now
				    where status in ('QUEUED', 'RUNNING') and heartbeat_at < :staleBefore
				    returning id),
				regions as (
				    update tier_recompute_region r set status = 'INTERRUPTED', finished_at = :now,
				           error = 'the node running this job stopped (no heartbeat since ' || :staleBefore || ')'
				    from stale where r.job_id = stale.id and r.status in ('QUEUED', 'RUNNING')
				    returning 1)
				select count(*) from stale""")
			.param("now", Timestamp.from(now))
			.param("staleBefore", Timestamp.from(now.minus(STALE_AFTER)))
			.query(Integer.class)
			.single();
	}

	/**
	 * The job, then its regions: two statements, each its own snapshot, in this order. A job is marked finished only
	 * after every region of it is, so regions read after the job are at least as far along as the job says; read the
	 * other way round, a poll could see a region still running and then the job done, and a page polling until the job
	 * is done stopped on "0 of 1 regions done" (seen in CI, stop 38).
	 */
	private TierRecomputeJob load(long id) {
		record Row(long id, String status, Instant asOf, String requestedBy, Instant requestedAt, Instant startedAt, Instant finishedAt) {
		}
		Row job = jdbc.sql("select * from tier_recompute_job where id = :id")
			.param("id", id)
			.query((rs, n) -> new Row(rs.getLong("id"), rs.getString("status"), instant(rs, "as_of"), rs.getString("requested_by"),
					instant(rs, "requested_at"), instant(rs, "started_at"), instant(rs, "finished_at")))
			.optional()
			.orElse(null);
		if (job == null) {
			return null;
		}
		List<TierRecomputeJob.RegionProgress> progress = jdbc.sql("""
				select region_code, status, creators, counts::text as counts, started_at, finished_at, error
				from tier_recompute_region where job_id = :id order by position""")
			.param("id", id)
			.query(TierRecomputes::region)
			.list();
		int done = (int) progress.stream().filter(p -> p.status().equals("DONE") || p.status().equals("FAILED")).count();
		return new TierRecomputeJob(job.id(), job.status(), job.asOf(), job.requestedBy(), job.requestedAt(), job.startedAt(), job.finishedAt(),
				done, progress.size(), progress);
	}

	private static TierRecomputeJob.RegionProgress region(ResultSet rs, int n) throws SQLException {
		int creators = rs.getInt("creators");
		Integer count = rs.wasNull() ? null : creators;
		String counts = rs.getString("counts");
		Map<String, Integer> stored = counts == null ? null : JSON.readValue(counts, new TypeReference<Map<String, Integer>>() {
		});
		Map<String, Integer> byTier = null;
		if (stored != null) {
			// jsonb keeps no key order: back in the order of the tiers
			byTier = new LinkedHashMap<>();
			for (Tier tier : Tier.values()) {
				if (stored.containsKey(tier.name())) {
					byTier.put(tier.name(), stored.get(tier.name()));
				}
			}
		}
		return new TierRecomputeJob.RegionProgress(rs.getString("region_code"), rs.getString("status"), count, byTier,
				instant(rs, "started_at"), instant(rs, "finished_at"), rs.getString("error"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp at = rs.getTimestamp(column);
		return at == null ? null : at.toInstant();
	}

	@PreDestroy
	void stop() {
		runner.shutdownNow();
		regionWorkers.shutdownNow();
		heartbeats.shutdownNow();
	}
}
