package com.greenroom.routines;

import com.greenroom.timers.Timer;
import com.greenroom.timers.TimerHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Fires a routine's generation timer (the generator is looked up late: it schedules through the timers that call this). */
@Component
class RoutineGenerationTimer implements TimerHandler {

	private final ObjectProvider<RoutineGenerator> generator;

	RoutineGenerationTimer(ObjectProvider<RoutineGenerator> generator) {
		this.generator = generator;
	}

	@Override
	public String kind() {
		return RoutineGenerator.KIND;
	}

	@Override
	public void fire(Timer timer) {
		generator.getObject().fire(timer);
	}
}
