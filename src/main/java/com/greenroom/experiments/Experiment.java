package com.greenroom.experiments;

import java.time.LocalDate;
import java.util.List;

/** An experiment as stored: {@code variants} in order, the first one the control. */
public record Experiment(long id, String name, String hypothesis, long ownerId, String ownerName, String region,
		Assignment assignment, Long seed, Metric metric, String milestone, List<String> variants, LocalDate startsOn,
		LocalDate endsOn, Status status, String retiredReason, Long changeRequestId) {

	/** How creators are put into variants. */
	public enum Assignment {

		/** Every creator of the region registered (creator day) in the window, by hash(seed, creator id). */
		SEED,

		/** The creators listed, each with its variant. */
		LIST
	}

	/** The primary metric. */
	public enum Metric {

		/** Creator day-7 retention (N-day). */
		DAY7_RETENTION,

		/** Conversion to the experiment's milestone by creator day 14. */
		MILESTONE_DAY14,

		/** Revenue (USD) per creator on creator days in the experiment's window. */
		REVENUE_PER_CREATOR
	}

	/** draft → running → concluded → retired. */
	public enum Status {
		DRAFT, RUNNING, CONCLUDED, RETIRED
	}

	/** The status an action moves this experiment to, or a refusal naming the status. */
	Status next(Status wanted) {
		Status allowed = switch (status) {
			case DRAFT -> Status.RUNNING;
			case RUNNING -> Status.CONCLUDED;
			case CONCLUDED -> Status.RETIRED;
			case RETIRED -> null;
		};
		if (allowed != wanted) {
			throw new com.greenroom.system.ConflictException("status",
					"a " + status.name().toLowerCase(java.util.Locale.ROOT) + " experiment cannot become "
							+ wanted.name().toLowerCase(java.util.Locale.ROOT));
		}
		return wanted;
	}
}
