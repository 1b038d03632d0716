package com.greenroom.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/** What every load driver here needs: the machine line, a free port, elapsed seconds, option words, a clean-up. */
final class BenchSupport {

	private BenchSupport() {
	}

	static void printMachine(Connection db) throws Exception {
		String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
			.map(l -> l.replaceFirst("model name\\s*:\\s*", "")).orElse("unknown CPU");
		try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery("show server_version")) {
			rs.next();
			System.out.printf("Machine: %d cores (%s), %.1f GiB, Java %s, PostgreSQL %s%n", Runtime.getRuntime().availableProcessors(), cpu,
					Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal")).findFirst()
						.map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0).orElse(0.0),
					System.getProperty("java.version"), rs.getString(1));
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** An option's words, separated by spaces or {@code ;} (e.g. {@code --server-jvm}'s JVM options); none for none. */
	static List<String> words(String value) {
		return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("[;\\s]+"));
	}

	static double seconds(long startedNanos) {
		return (System.nanoTime() - startedNanos) / 1e9;
	}

	static void deleteRecursively(Path directory) throws IOException {
		try (Stream<Path> paths = Files.walk(directory)) {
			Iterator<Path> deepestFirst = paths.sorted(Comparator.reverseOrder()).iterator();
			while (deepestFirst.hasNext()) {
				Files.deleteIfExists(deepestFirst.next());
			}
		}
	}
}
