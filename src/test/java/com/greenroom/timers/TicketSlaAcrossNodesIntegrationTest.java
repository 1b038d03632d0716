package com.greenroom.timers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import com.greenroom.tickets.Priority;
import com.greenroom.tickets.TicketDraft;
import com.greenroom.tickets.Tickets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Real tickets, two timer runners. Each runner is a Timers of its own with its own transaction manager, firing
 * the application's real handlers at once over the shared database, as two Greenroom nodes would; the SLA
 * handler's writes (history, notices, outbox) join the runner's claiming transaction.
 */
@IntegrationTest
class TicketSlaAcrossNodesIntegrationTest {

	private static final int TICKETS = 40;

	@Autowired
	TestData data;

	@Autowired
	TestClock testClock;

	@Autowired
	Clock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HikariDataSource dataSource;

	@Autowired
	TimerMetrics metrics;

	@Autowired
	AuditLog audit;

	@Autowired
	List<TimerHandler> handlers;

	@Autowired
	Tickets tickets;

	@BeforeEach
	void reset() {
		data.reset();
	}

	@Test
	void twoRunnersFiringTheSameTicketsTogetherGiveEveryWarningBreachAndEscalationNoticeExactlyOnce() throws Exception {
		UserSummary lia = data.user("lia", List.of(Role.REGIONAL_LEAD.name()), "LATAM");
		long admin = data.admin().userId();
		for (int i = 0; i < TICKETS; i++) {
			tickets.open(new TicketDraft("Cannot go live " + i, "Stream key rejected", null, "LATAM", "streaming", Priority.P1, "API"));
		}
		// P1 (24/7): first response 15 min, resolution 4 h, warning at 80 %, level 1 at the breach (leads), level 2 30 min later (admins)
		int slaTimers = count("select count(*) from timer where kind = 'ticket-sla' and status = 'PENDING'");
		assertThat(slaTimers).isEqualTo(TICKETS * 8);
		testClock.advance(Duration.ofHours(5));
		Instant now = clock.instant();

		Timers a = runner();
		Timers b = runner();
		int fired = 0;
		Instant at = now;
		for (int step = 0; step < 20; step++) {
			while (true) {
				Instant instant = at;
				CompletableFuture<Integer> onA = CompletableFuture.supplyAsync(() -> a.fireDue(instant));
				CompletableFuture<Integer> onB = CompletableFuture.supplyAsync(() -> b.fireDue(instant));
				int round = onA.get(120, TimeUnit.SECONDS) + onB.get(120, TimeUnit.SECONDS);
				if (round == 0) {
					break;
				}
				fired += round;
			}
			// two runners locking one ticket's row from two batches can deadlock: PostgreSQL aborts one firing, whose
			// writes roll back with its savepoint, and its timer is retried with backoff; fire again when that is due
			java.sql.Timestamp retry = jdbc.sql("select min(due_at) from timer where kind = 'ticket-sla' and status = 'PENDING'")
				.query((rs, n) -> rs.getTimestamp(1))
				.list()
				.get(0);
			if (retry == null) {
				break;
			}
			at = retry.toInstant();
			testClock.set(at);
		}

		assertThat(count("select count(*) from timer where kind = 'ticket-sla' and status <> 'FIRED'")).isZero();
		assertThat(fired).isEqualTo(slaTimers);
		// every notice once per recipient and event: lia leads LATAM (warning, breach and level 1 per target), admins get level 2
		assertThat(notices(lia.id(), "WARNING")).isEqualTo(TICKETS * 2);
		assertThat(notices(lia.id(), "BREACH")).isEqualTo(TICKETS * 2);
		assertThat(notices(lia.id(), "ESCALATION")).isEqualTo(TICKETS * 2);
		assertThat(notices(admin, "ESCALATION")).isEqualTo(TICKETS * 2);
		assertThat(count("select count(*) from notification where user_id = :user and kind in ('WARNING', 'BREACH', 'ESCALATION')", admin))
			.isEqualTo(TICKETS * 2);
		// and every event written once to its ticket's history
		assertThat(count("select count(*) from ticket_history where action = 'sla_warning'")).isEqualTo(TICKETS * 2);
		assertThat(count("select count(*) from ticket_history where action = 'sla_breached'")).isEqualTo(TICKETS * 2);
		assertThat(count("select count(*) from ticket_history where action = 'escalated'")).isEqualTo(TICKETS * 4);
		assertThat(count("""
				select count(*) from (select ticket_id, action, detail from ticket_history
				where action in ('sla_warning', 'sla_breached', 'escalated') group by ticket_id, action, detail having count(*) > 1) twice"""))
			.isZero();
	}

	private int notices(long user, String kind) {
		return count("select count(*) from notification where user_id = :user and kind = '" + kind + "'", user);
	}

	private int count(String sql) {
		return jdbc.sql(sql).query(Integer.class).single();
	}

	private int count(String sql, long user) {
		return jdbc.sql(sql).param("user", user).query(Integer.class).single();
	}

	/** A runner as another node has one: its own Timers and transaction manager, the application's handlers. */
	private Timers runner() {
		return new Timers(jdbc, () -> handlers, new JdbcTransactionManager(dataSource), clock, metrics, audit);
	}
}
