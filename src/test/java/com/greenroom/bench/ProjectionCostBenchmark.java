package com.greenroom.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The projections' CPU per event applied, whatever else the machine runs: replays a kept event log into
 * every projection ({@code greenroom rebuild}, in a child JVM, on a copy of the data directory) and reads
 * the CPU ticks of that JVM and of its PostgreSQL at each projection's first and last batch. The log comes
 * from {@code -Pbench -Dbench.args="--events=300000 --creators=2500 --keep
 * --server-args=--greenroom.events.projections.auto=false"} (ingested, never projected: the replay is the
 * projections' first catch-up, registrations and reports included).
 * <p>
 * {@code java -cp <test classpath> com.greenroom.bench.ProjectionCostBenchmark --data-dir=<kept dir>
 * [--classes=<dir put first on the child's classpath, e.g. another build>] [--jvm=<child JVM options>] [--passes=2]
 * [--server-args=<child settings, space-separated, e.g. --greenroom.events.projections.batch-size=500>] [--statements]}
 * <p>
 * {@code --statements} preloads {@code pg_stat_statements} in the copy's PostgreSQL and prints each pass's costliest
 * statements (calls, rows, execution time), so batch sizes and per-batch statements can be compared by counts.
 * <p>
 * The first pass is the projections' first catch-up in a fresh JVM (registrations, reports, first
 * milestones; the JIT compiling); the second replays the same log with compiled code (activity is reset and
 * redone; the roster and safety find their rows there). Listener threads' work (onboarding, ...) is in the
 * application threads' and PostgreSQL's CPU of the segment it ran in.
 */
public final class ProjectionCostBenchmark {

	private static final Pattern BATCH = Pattern.compile("Projection (\\S+)(?: shard \\d+/\\d+)? applied (\\d+) events");

	private ProjectionCostBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			options.put(pair[0], pair.length > 1 ? pair[1] : "true");
		}
		Path source = Path.of(options.get("data-dir"));
		Path copy = Files.createTempDirectory("greenroom-cost-");
		run(List.of("cp", "-a", source + "/.", copy.toString()));
		Files.deleteIfExists(copy.resolve("postgres").resolve("postmaster.pid"));
		if (options.containsKey("statements")) {
			Files.writeString(copy.resolve("postgres").resolve("postgresql.auto.conf"),
					"\nshared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.track = 'all'\n", java.nio.file.StandardOpenOption.APPEND);
		}
		String classpath = options.containsKey("classes") ? options.get("classes") + ":" + System.getProperty("java.class.path")
				: System.getProperty("java.class.path");
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
		// --jvm=<args> (space-separated), e.g. a flight recording of the replay
		if (options.containsKey("jvm")) {
			command.addAll(List.of(options.get("jvm").trim().split("\\s+")));
		}
		command.addAll(List.of("-cp", classpath, RebuildMain.class.getName(), "--greenroom.data-dir=" + copy, "--logging.level.root=warn",
				"--logging.level.com.greenroom.events.internal.ProjectionRunner=debug", "--passes=" + options.getOrDefault("passes", "2")));
		if (options.containsKey("server-args")) {
			command.addAll(List.of(options.get("server-args").trim().split("\\s+")));
		}
		if (options.containsKey("statements")) {
			command.add("--statements");
		}
		System.out.printf("Replaying the log of %s (copied to %s)%n", source, copy);
		Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
		record Mark(String projection, Map<String, Long> ticks, long nanos) {
		}
		List<Mark> marks = new ArrayList<>();
		Map<String, long[]> counts = new LinkedHashMap<>();
		String current = null;
		String summary = null;
		Mark previous = null;
		int pass = 1;
		try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = out.readLine()) != null) {
				Matcher m = BATCH.matcher(line);
				if (m.find()) {
					String projection = "pass " + pass + " " + m.group(1);
					Mark now = new Mark(projection, ticks(child.pid(), copy), System.nanoTime());
					if (!projection.equals(current)) {
						// this projection started after the previous one's last batch (or the resets, for the first)
						marks.add(previous == null ? now : new Mark(projection, previous.ticks(), previous.nanos()));
						current = projection;
					}
					previous = now;
					long[] c = counts.computeIfAbsent(projection, k -> new long[2]);
					c[0] += Long.parseLong(m.group(2));
					c[1]++;
				}
				else if (line.contains("reset; replaying the event log")) {
					previous = new Mark("reset", ticks(child.pid(), copy), System.nanoTime());
				}
				else if (line.startsWith("Rebuilt the projections")) {
					marks.add(new Mark("end", ticks(child.pid(), copy), System.nanoTime()));
					summary = line;
					pass++;
					current = null;
					previous = null;
				}
				else if (line.startsWith("Statements of pass") || line.startsWith("  ")) {
					System.out.println(line);
				}
				else if (line.contains("ERROR") || line.contains("Exception")) {
					System.out.println("  child: " + line);
				}
			}
		}
		child.waitFor();
		System.out.println(summary == null ? "The rebuild did not finish; see above" : summary);
		System.out.println("pass, projection | events | batches | wall s | JVM CPU s (app threads) | JIT + GC CPU s | PostgreSQL CPU s"
				+ " | µs per event (app threads + PostgreSQL) | events/s (wall; the replay runs one projection at a time)");
		for (int i = 0; i + 1 < marks.size(); i++) {
			Mark from = marks.get(i);
			Mark to = marks.get(i + 1);
			if (from.projection().equals("end")) {
				continue;
			}
			long[] c = counts.getOrDefault(from.projection(), new long[2]);
			double jvm = (to.ticks().get("app threads") - from.ticks().get("app threads")) / 100.0;
			double jit = (to.ticks().get("JIT and GC") - from.ticks().get("JIT and GC")) / 100.0;
			double pg = (to.ticks().get("postgres") - from.ticks().get("postgres")) / 100.0;
			double wall = (to.nanos() - from.nanos()) / 1e9;
			System.out.printf("%s | %,d | %,d | %.1f | %.1f | %.1f | %.1f | %.1f | %,.0f%n", from.projection(), c[0], c[1], wall, jvm, jit, pg,
					c[0] == 0 ? 0 : (jvm + pg) * 1e6 / c[0], c[0] / Math.max(wall, 0.001));
		}
		run(List.of("rm", "-rf", copy.toString()));
	}

	/**
	 * The child's CPU ticks split into its application threads and its JIT compiler and GC threads (a fresh
	 * JVM compiles for its first tens of seconds), and its PostgreSQL's.
	 */
	private static Map<String, Long> ticks(long pid, Path dataDir) {
		Map<String, Long> ticks = new LinkedHashMap<>(IngestBenchmark.cpuTicks(pid, dataDir));
		long app = 0;
		long jit = 0;
		try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
			for (Path task : tasks.toList()) {
				try {
					String stat = Files.readString(task.resolve("stat"));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") || name.startsWith("GC Thread") || name.startsWith("G1 ")
							|| name.equals("VM Thread")) {
						jit += used;
					}
					else {
						app += used;
					}
				}
				catch (IOException | RuntimeException gone) {
					// the thread ended
				}
			}
		}
		catch (IOException ex) {
			// best effort
		}
		ticks.put("app threads", app);
		ticks.put("JIT and GC", jit);
		return ticks;
	}

	private static void run(List<String> command) throws IOException, InterruptedException {
		int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
		if (exit != 0) {
			throw new IllegalStateException(command + " exited with " + exit);
		}
	}
}
