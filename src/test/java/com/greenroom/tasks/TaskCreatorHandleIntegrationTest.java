package com.greenroom.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.creators.Creators;
import com.greenroom.identity.UserSummary;
import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The creator's handle kept on the task row (V304), which the task search matches: set at insert, rewritten when the
 * handle changes (the creators module's CreatorHandleChanged), and exact when a task is inserted while the handle changes.
 */
@IntegrationTest
class TaskCreatorHandleIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	Tasks tasks;

	@Autowired
	Creators creators;

	@Autowired
	Clock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	UserSummary ana;

	String token;

	@BeforeEach
	void reset() {
		data.reset();
		ana = data.manager("ana", "LATAM");
		token = data.tokenOf(ana);
	}

	private Task task(String creatorId, String title) {
		return tasks.create(new TaskDraft(title, new TaskSource("MANUAL", null, null), creatorId, "LATAM", ana.id(), null,
				clock.instant().plus(Duration.ofHours(2))));
	}

	private String storedHandle(long taskId) {
		return jdbc.sql("select creator_handle from task where id = :id").param("id", taskId).query(String.class).single();
	}

	private JsonNode get(String path) {
		return api.get(path, token).json();
	}

	@Test
	void aHandleChangeIsWhatTheSearchMatchesAndWhatTheTasksShow() {
		data.creator("c-luna", "luna_live", "BR");
		data.creator("c-sol", "sol", "BR");
		Task first = task("c-luna", "Welcome call");
		task("c-luna", "Day-7 check-in");
		Task other = task("c-sol", "Coaching follow-up");
		assertThat(first.creatorHandle()).isEqualTo("luna_live");
		assertThat(get("/api/v1/tasks?owner=me&q=luna").get("total").asLong()).isEqualTo(2);

		assertThat(api.patch("/api/v1/creators/c-luna", TestData.ADMIN_TOKEN, "{\"handle\": \"stella\"}").status()).isEqualTo(200);

		assertThat(storedHandle(first.id())).isEqualTo("stella");
		assertThat(storedHandle(other.id())).isEqualTo("sol");
		assertThat(get("/api/v1/tasks?owner=me&q=luna").get("total").asLong()).isZero();
		JsonNode found = get("/api/v1/tasks?owner=me&q=STELLA");
		assertThat(found.get("total").asLong()).isEqualTo(2);
		assertThat(found.get("items").valueStream().map(t -> t.get("creatorHandle").asString()).toList()).containsOnly("stella");
		// the creator id still matches, and a change of another field leaves the tasks alone
		assertThat(get("/api/v1/tasks?owner=me&q=c-luna").get("total").asLong()).isEqualTo(2);
		assertThat(api.patch("/api/v1/creators/c-sol", TestData.ADMIN_TOKEN, "{\"notes\": \"quiet week\"}").status()).isEqualTo(200);
		assertThat(storedHandle(other.id())).isEqualTo("sol");
	}

	@Test
	void aTaskNamingACreatorNotYetOnTheRosterTakesTheHandleWhenTheCreatorIsAdded() {
		Task early = task("c-late", "Prepare the welcome pack");
		assertThat(early.creatorHandle()).isNull();
		assertThat(get("/api/v1/tasks?owner=me&q=latecomer").get("total").asLong()).isZero();

		data.creator("c-late", "latecomer", "BR");

		assertThat(storedHandle(early.id())).isEqualTo("latecomer");
		assertThat(get("/api/v1/tasks?owner=me&q=latecomer").get("items").get(0).get("id").asLong()).isEqualTo(early.id());
	}

	@Test
	void aHandleChangeRolledBackLeavesTheTasksWithTheOldHandle() {
		data.creator("c-luna", "luna_live", "BR");
		Task task = task("c-luna", "Welcome call");
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		transactions.executeWithoutResult(status -> {
			creators.update(data.admin(), "c-luna", Map.of("handle", "stella"));
			assertThat(storedHandle(task.id())).isEqualTo("stella");
			status.setRollbackOnly();
		});
		assertThat(storedHandle(task.id())).isEqualTo("luna_live");
	}

	/** The handle changes first and commits only after the insert has started: the insert waits, then takes the new handle. */
	@Test
	void aTaskInsertedWhileTheHandleChangesEndsWithTheNewHandle() throws Exception {
		data.creator("c-race", "old_handle", "BR");
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		CountDownLatch changed = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		CompletableFuture<Void> change = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
			creators.update(data.admin(), "c-race", Map.of("handle", "new_handle"));
			changed.countDown();
			hold(commit);
		}));
		assertThat(changed.await(30, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Task> insert = CompletableFuture.supplyAsync(() -> task("c-race", "Inserted during the change"));
		awaitDoneOrWaitingOnALock(insert, "with inserted as (%insert into task%");
		commit.countDown();
		change.get(30, TimeUnit.SECONDS);
		Task inserted = insert.get(30, TimeUnit.SECONDS);

		assertThat(storedHandle(inserted.id())).isEqualTo("new_handle");
		assertThat(get("/api/v1/tasks?owner=me&q=new_handle").get("total").asLong()).isEqualTo(1);
		assertThat(get("/api/v1/tasks?owner=me&q=old_handle").get("total").asLong()).isZero();
	}

	/** The insert first, committed only after the handle change has started: the change waits, then rewrites the new task. */
	@Test
	void aHandleChangedWhileATaskIsBeingInsertedReachesThatTask() throws Exception {
		data.creator("c-race", "old_handle", "BR");
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		CountDownLatch inserted = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		CompletableFuture<Task> insert = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
			Task task = task("c-race", "Inserted before the change");
			inserted.countDown();
			hold(commit);
			return task;
		}));
		assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Void> change = CompletableFuture
			.runAsync(() -> creators.update(data.admin(), "c-race", Map.of("handle", "new_handle")));
		awaitDoneOrWaitingOnALock(change, "update creator set%");
		commit.countDown();
		Task task = insert.get(30, TimeUnit.SECONDS);
		change.get(30, TimeUnit.SECONDS);

		assertThat(storedHandle(task.id())).isEqualTo("new_handle");
		assertThat(get("/api/v1/tasks?owner=me&q=new_handle").get("total").asLong()).isEqualTo(1);
	}

	/** Until the other side is done or blocked on a row lock (without the lock it finishes; the assertions then tell). */
	private void awaitDoneOrWaitingOnALock(CompletableFuture<?> other, String statement) {
		await().atMost(Duration.ofSeconds(30)).until(() -> other.isDone() || !jdbc.sql("""
				select pid from pg_stat_activity
				where datname = current_database() and wait_event_type = 'Lock' and query like :statement""")
			.param("statement", statement)
			.query(Long.class)
			.list()
			.isEmpty());
	}

	private static void hold(CountDownLatch latch) {
		try {
			if (!latch.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("not released");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
