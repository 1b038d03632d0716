package com.greenroom.timers;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A timer kind for tests: records each firing in the database (so a rolled-back firing leaves no trace) and
 * fails while its payload says {@code fail}.
 */
@Component
class ProbeTimerHandler implements TimerHandler {

	static final String KIND = "test-probe";

	final List<String> fired = new CopyOnWriteArrayList<>();

	private final JdbcClient jdbc;

	ProbeTimerHandler(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public void fire(Timer timer) {
		// a write that must roll back with a failed firing
		jdbc.sql("update timer set last_error = 'handler wrote this' where id = :id").param("id", timer.id()).update();
		if ("fail".equals(timer.payload())) {
			throw new IllegalStateException("probe told to fail");
		}
		fired.add(timer.key());
	}
}
