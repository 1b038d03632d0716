package com.greenroom.support;

import java.util.List;

import com.greenroom.activity.LiveRooms;
import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorDraft;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Fixtures named after the domain, and the reset that isolates tests sharing one database. */
@TestComponent
public class TestData {

	public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

	public static final String PASSWORD = "correct-horse-battery";

	private final JdbcClient jdbc;

	private final Users users;

	private final Creators creators;

	private final TransactionTemplate transactions;

	/** Tables that held rows right after start-up, copied into {@code test_baseline} on the first reset. */
	private static volatile List<String> baseline;

	private final TestClock clock;

	private final LiveRooms liveRooms;

	private final PublishedMilestones milestones;

	TestData(JdbcClient jdbc, Users users, Creators creators, PlatformTransactionManager transactionManager, TestClock clock,
			LiveRooms liveRooms, PublishedMilestones milestones) {
		this.clock = clock;
		this.milestones = milestones;
		this.liveRooms = liveRooms;
		this.transactions = new TransactionTemplate(transactionManager);
		this.jdbc = jdbc;
		this.users = users;
		this.creators = creators;
	}

	/**
	 * Puts every table back to how the application left it after start-up (seeded regions, the admin and
	 * the admin's bootstrap token, seeded templates and rules) and the clock to {@link TestClock#START}: the first call copies each table of the
	 * schema into {@code test_baseline}, every call truncates them all and copies the baseline back. A
	 * table a migration adds is covered without touching this class.
	 */
	public void reset() {
		clock.reset();
		// a background job (listener resubmission, the quarantine gauge) may hold a lock the truncation
		// needs in the other order; PostgreSQL then cancels one side, and the reset simply runs again
		for (int attempt = 1;; attempt++) {
			try {
				List<String> seeded = transactions.execute(status -> resetOnce());
				if (baseline == null) {
					baseline = seeded;
				}
				// the truncation moved no projection's position: the live board must not outlive the rows it was computed from
				liveRooms.forgetBoard();
				milestones.clear();
				return;
			}
			catch (org.springframework.dao.PessimisticLockingFailureException ex) {
				if (attempt == 5) {
					throw ex;
				}
			}
		}
	}

	private List<String> resetOnce() {
		List<String> tables = jdbc.sql("""
				select c.relname from pg_class c
				where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
				  and c.relname <> 'flyway_schema_history'
				order by c.relname""").query(String.class).list();
		List<String> seeded = baseline;
		if (seeded == null) {
			jdbc.sql("create schema if not exists test_baseline").update();
			seeded = new java.util.ArrayList<>();
			for (String table : tables) {
				jdbc.sql("drop table if exists test_baseline." + table).update();
				jdbc.sql("create table test_baseline." + table + " as table public." + table).update();
				if (jdbc.sql("select exists (select 1 from test_baseline." + table + ")").query(Boolean.class).single()) {
					seeded.add(table);
				}
			}
			seeded = List.copyOf(seeded);
		}
		jdbc.sql("set local session_replication_role = replica").update();
		jdbc.sql("truncate " + String.join(", ", tables.stream().map(t -> "public." + t).toList())).update();
		for (String table : seeded) {
			jdbc.sql("insert into public." + table + " overriding system value select * from test_baseline." + table).update();
		}
		return seeded;
	}

	public Viewer admin() {
		return users.viewerOf(users.findByUsername("admin").orElseThrow());
	}

	/** A creator manager working in the given regions, able to sign in with {@link #PASSWORD}. */
	public UserSummary manager(String username, String... regions) {
		return user(username, List.of(Role.CREATOR_MANAGER.name()), regions);
	}

	public UserSummary user(String username, List<String> roles, String... regions) {
		return users.create(new Users.UserDraft(username, displayName(username), username + "@example.com", PASSWORD, roles,
				List.of(regions)));
	}

	/** An integration token (ingest only) of a service user for the streaming platform. */
	public String integrationToken() {
		UserSummary platform = users.findByUsername("platform").orElseGet(() -> user("platform", List.of(Role.ANALYST.name())));
		return users.issueToken(platform.id(), "ingest", "INTEGRATION", null).secret();
	}

	/** A personal API token of the user. */
	public String tokenOf(UserSummary user) {
		return users.issueToken(user.id(), "test", "PERSONAL", null).secret();
	}

	public Creator creator(String creatorId, String handle, String country) {
		return creators.create(admin(), new CreatorDraft(creatorId, handle, country, null, null, null, null, null, null, null));
	}

	public Creator creator(String creatorId, String handle, String country, long managerId) {
		return creators.create(admin(), new CreatorDraft(creatorId, handle, country, null, null, null, managerId, null, null, null));
	}

	public Viewer viewerOf(UserSummary user) {
		return users.viewerOf(user);
	}

	private static String displayName(String username) {
		return Character.toUpperCase(username.charAt(0)) + username.substring(1).replace('.', ' ');
	}
}
