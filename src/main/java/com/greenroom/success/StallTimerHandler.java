package com.greenroom.success;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorRegistered;
import com.greenroom.creators.Creators;
import com.greenroom.creators.CreatorsRegistered;
import com.greenroom.system.EachAlone;
import com.greenroom.timers.Timer;
import com.greenroom.timers.TimerHandler;
import com.greenroom.timers.TimerRequest;
import com.greenroom.timers.Timers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Stall rules on durable timers: arms a registering creator's timers (after the registration commits, through
 * the event publication registry, so none is lost) and fires each when it comes due, inside the timer's
 * claiming transaction, so a stall firing happens once across nodes and restarts. The cost is one timer per
 * creator and rule, not a scan of the roster every minute.
 */
@Component
class StallTimerHandler implements TimerHandler {

	private final SupportActions actions;

	private final SupportRules rules;

	private final StallTimers stallTimers;

	private final Creators creators;

	private final Clock clock;

	private final EachAlone eachAlone;

	StallTimerHandler(SupportActions actions, SupportRules rules, StallTimers stallTimers, Creators creators, Clock clock,
			EachAlone eachAlone) {
		this.actions = actions;
		this.rules = rules;
		this.stallTimers = stallTimers;
		this.creators = creators;
		this.clock = clock;
		this.eachAlone = eachAlone;
	}

	@Override
	public String kind() {
		return StallTimers.KIND;
	}

	@Override
	public void fire(Timer timer) {
		String[] parts = timer.payload().split("\n", 3);
		// the timer is due, so its instant has come even when the runner's poll began a moment before it
		Instant now = clock.instant().isAfter(timer.dueAt()) ? clock.instant() : timer.dueAt();
		actions.fireStall(parts[0], parts[1], parts[2], now);
	}

	/**
	 * A batch's registrations, in one transaction, each under a savepoint ({@link EachAlone}): one whose timers fail is
	 * rolled back alone and published again as a {@link CreatorRegistered} of its own, retried with backoff, while the
	 * others' timers commit. The rules in force are read once per region, the business calendar once per transaction
	 * ({@link com.greenroom.calendar.BusinessCalendars#of}).
	 */
	@ApplicationModuleListener
	void on(CreatorsRegistered batch) {
		Map<String, Creator> found = creators.findAll(batch.registered().stream().map(CreatorRegistered::creatorId).toList());
		List<CreatorRegistered> known = batch.registered().stream().filter(r -> found.containsKey(r.creatorId())).toList();
		Map<String, List<SupportRule>> rulesByRegion = new HashMap<>();
		eachAlone.forEach(known, registered -> {
			Creator creator = found.get(registered.creatorId());
			stallTimers.armFor(creator,
					rulesByRegion.computeIfAbsent(String.valueOf(creator.regionCode()), k -> rules.stallRulesInForce(creator.regionCode())));
		}, "Stall timers");
	}

	@ApplicationModuleListener
	void on(CreatorRegistered registered) {
		creators.find(registered.creatorId()).ifPresent(creator -> stallTimers.armFor(creator, rules.stallRulesInForce(creator.regionCode())));
	}

	/**
	 * Creators registered before stall rules ran on timers (the per-minute job of earlier releases) get theirs
	 * once per installation: a one-off timer whose firing arms every active stall rule, claimed by one node.
	 * Off with {@code greenroom.success.arm-stall-timers-on-start=false} (tests: their database starts empty).
	 */
	@Component
	static class Upgrade implements TimerHandler {

		static final String KIND = "success-stall-arm";

		private final SupportRules rules;

		private final StallTimers stallTimers;

		private final ObjectProvider<Timers> timers;

		private final Clock clock;

		private final boolean onStart;

		Upgrade(SupportRules rules, StallTimers stallTimers, ObjectProvider<Timers> timers, Clock clock,
				@org.springframework.beans.factory.annotation.Value("${greenroom.success.arm-stall-timers-on-start:true}") boolean onStart) {
			this.onStart = onStart;
			this.rules = rules;
			this.stallTimers = stallTimers;
			this.timers = timers;
			this.clock = clock;
		}

		@Override
		public String kind() {
			return KIND;
		}

		@Override
		public void fire(Timer timer) {
			rules.stallRules().forEach(rule -> stallTimers.arm(rule, rules));
		}

		@EventListener(ApplicationReadyEvent.class)
		void scheduleOnce() {
			if (!onStart) {
				return;
			}
			timers.getObject().scheduleIfAbsent(TimerRequest.of(KIND, KIND + ":timers-replace-the-stall-job", clock.instant()));
		}
	}
}
