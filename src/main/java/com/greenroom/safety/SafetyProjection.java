package com.greenroom.safety;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.greenroom.events.EventType;
import com.greenroom.events.PlatformEvent;
import com.greenroom.events.Projection;
import org.springframework.stereotype.Component;

/**
 * Turns {@code report.filed} events into reports grouped into cases ({@link CaseGrouping}). A report of a
 * creator not on the roster yet is grouped all the same: the roster holds such a creator as a PENDING
 * placeholder, and the case shows in the creator's region once the registration arrives.
 * <p>
 * {@link #reset()} deletes nothing: cases carry the team's decisions (triage, notes, enforcement), and
 * replaying the log onto them changes nothing, since each report is kept once per event id.
 */
@Component
class SafetyProjection implements Projection {

	private final CaseGrouping grouping;

	private final PolicyTaxonomy taxonomy;

	SafetyProjection(CaseGrouping grouping, PolicyTaxonomy taxonomy) {
		this.grouping = grouping;
		this.taxonomy = taxonomy;
	}

	@Override
	public String name() {
		return "safety.cases";
	}

	@Override
	public void apply(List<PlatformEvent> batch) {
		batch.stream()
			.filter(e -> e.type() == EventType.REPORT_FILED)
			.sorted(Comparator.comparing(PlatformEvent::occurredAt).thenComparing(PlatformEvent::id))
			.forEach(e -> grouping.attach(new CaseGrouping.IncomingReport(e.id(), e.creatorId(), e.attribute("category"),
					taxonomy.categoryOfReport(e.attribute("category")), e.streamId(), e.viewerId(), e.attribute("note"), e.occurredAt(),
					null)));
	}

	/** Only reports: the runner reads no other event for this projection. */
	@Override
	public Set<EventType> types() {
		return EnumSet.of(EventType.REPORT_FILED);
	}

	@Override
	public void reset() {
		// nothing to delete; see the class comment
	}
}
