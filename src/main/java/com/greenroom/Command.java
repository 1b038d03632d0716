package com.greenroom;

import java.util.Arrays;

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
			case "rebuild" -> System.exit(GreenroomApplication.rebuild(rest));
			case "help", "--help" -> printUsage();
			default -> {
				System.err.println("Unknown command: " + command);
				printUsage();
				System.exit(2);
			}
		}
	}

	private static void printUsage() {
		System.out.println("""
				Usage: java -jar greenroom.jar <command> [options]

				Commands:
				  serve       start Greenroom (default); Spring options such as --server.port=8080 apply
				  rebuild     reset every projection (rollups, live rooms, milestones, ...) and replay the event log into it,
				              then exit; run it with the same database settings as the server
				  help        show this help
				""");
	}
}
