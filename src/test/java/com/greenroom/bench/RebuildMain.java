package com.greenroom.bench;

import java.util.Arrays;

import com.greenroom.GreenroomApplication;
import com.greenroom.events.PlatformEvents;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Replays the event log into every projection, as {@code greenroom rebuild} does, {@code --passes=N} times in one
 * JVM (the later passes run compiled code). Used by {@link ProjectionCostBenchmark}. With {@code --statements} (the
 * server preloading {@code pg_stat_statements}) it prints after each pass the statements that took most of
 * PostgreSQL's time in that pass, with their calls and rows.
 */
public final class RebuildMain {

	private RebuildMain() {
	}

	public static void main(String[] args) {
		try (ConfigurableApplicationContext context = GreenroomApplication.startForRebuild(args)) {
			PlatformEvents events = context.getBean(PlatformEvents.class);
			int passes = Arrays.stream(args).filter(a -> a.startsWith("--passes=")).mapToInt(a -> Integer.parseInt(a.substring(9))).findFirst()
				.orElse(1);
			boolean statements = Arrays.asList(args).contains("--statements");
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			if (statements) {
				jdbc.sql("create extension if not exists pg_stat_statements").update();
			}
			for (int pass = 1; pass <= passes; pass++) {
				if (statements) {
					jdbc.sql("select pg_stat_statements_reset()").query().listOfRows();
				}
				long applied = events.rebuild();
				System.out.printf("Rebuilt the projections from the event log: %d events applied; positions %s%n", applied, events.positions());
				if (statements) {
					printStatements(jdbc, pass);
				}
			}
		}
		System.exit(0);
	}

	/** The pass's 15 statements with the most execution time: calls, rows, total and mean ms, the text's start. */
	private static void printStatements(JdbcClient jdbc, int pass) {
		System.out.printf("Statements of pass %d (pg_stat_statements): calls | rows | total ms | mean ms | statement%n", pass);
		jdbc.sql("""
				select calls, rows, total_exec_time, mean_exec_time, regexp_replace(query, '\\s+', ' ', 'g') as q
				from pg_stat_statements order by total_exec_time desc limit 15""")
			.query((rs, row) -> String.format("  %,d | %,d | %,.0f | %.3f | %s", rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4),
					rs.getString(5).substring(0, Math.min(160, rs.getString(5).length()))))
			.list()
			.forEach(System.out::println);
	}
}
