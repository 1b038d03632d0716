package com.greenroom;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import com.greenroom.simulator.SimulateCommand;
import com.greenroom.system.WallClock;

/**
 * The command line of the jar: {@code serve} (default) starts Greenroom; other commands are
 * registered by modules as they appear.
 */
final class Command {

	private Command() {
	}

	static void run(String[] args) {
		String command = args.length == 0 || args[0].startsWith("-") ? "serve" : args[0];
		String[] rest = args.length == 0 || args[0].startsWith("-") ? args : Arrays.copyOfRange(args, 1, args.length);
		switch (command) {
			case "serve" -> GreenroomApplication.serve(rest);
			case "demo" -> GreenroomApplication.serve(withFirst("--greenroom.demo.enabled=true", rest));
			case "simulate" -> simulate(rest);
			case "rebuild" -> System.exit(GreenroomApplication.rebuild(rest));
			case "help", "--help" -> printUsage();
			default -> {
				System.err.println("Unknown command: " + command);
				printUsage();
				System.exit(2);
			}
		}
	}

	/** Runs the simulator without Spring; Ctrl-C lets the current batch finish and prints the totals. */
	private static void simulate(String[] args) {
		AtomicBoolean stop = new AtomicBoolean();
		Thread main = Thread.currentThread();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stop.set(true);
			try {
				main.join(15_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "simulate-stop"));
		int code = SimulateCommand.run(args, WallClock.utc(), System.out, System.err, stop::get);
		// calling exit while shutdown hooks run would block, so only when something went wrong
		if (code != 0 && !stop.get()) {
			System.exit(code);
		}
	}

	private static String[] withFirst(String first, String[] rest) {
		String[] all = new String[rest.length + 1];
		all[0] = first;
		System.arraycopy(rest, 0, all, 1, rest.length);
		return all;
	}

	private static void printUsage() {
		System.out.println("""
				Usage: java -jar greenroom.jar <command> [options]

				Commands:
				  serve       start Greenroom (default); Spring options such as --server.port=8080 apply
				  demo        start Greenroom with a simulated platform feeding it live (data in ./data, as serve)
				  simulate    generate platform events to a file or post them to Greenroom (simulate --help)
				  rebuild     reset every projection (rollups, live rooms, milestones, ...) and replay the event log into it,
				              then exit; run it with the same database settings as the server
				  help        show this help
				""");
	}
}
