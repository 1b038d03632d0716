package com.greenroom.system;

import java.util.List;

import net.fortuna.ical4j.model.MonthList;
import net.fortuna.ical4j.model.NumberList;
import net.fortuna.ical4j.model.WeekDayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Loads and links, while the context starts, the library classes that subclass a JDK collection the hot code uses.
 * ical4j's {@link NumberList}, {@link WeekDayList} and {@link MonthList} extend {@code ArrayList}, and {@code NumberList}
 * overrides {@code add}. Until such a class is linked, HotSpot compiles every {@code ArrayList.add} as the only one and
 * records that assumption; the link breaks it, and every method compiled on it goes back to the interpreter at once.
 * <p>
 * Left to themselves, they came with a node's first recurrence (the seeded routines right after start, or a routine's
 * timer at any hour). A compiler log of a fresh node (stop 50) showed that link throwing away the C2 code of the
 * ingest's writer and of the activity projection, compiled a second earlier by their warm-ups, so the catch-up that
 * followed compiled them again. Linked here, before any warm-up or request, they break nothing compiled for the work.
 */
@Component
class EarlyClassLoading {

	private static final Logger log = LoggerFactory.getLogger(EarlyClassLoading.class);

	EarlyClassLoading() {
		// an instance each: HotSpot looks at the compiled code a class contradicts when the class is linked, which a class
		// literal alone does not do
		List<?> lists = List.of(new NumberList(), new WeekDayList(), new MonthList());
		log.debug("Loaded and linked early: {}", lists.stream().map(Object::getClass).toList());
	}
}
