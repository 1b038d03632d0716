package com.greenroom.safety;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code greenroom.safety.grouping-window}: a report joins a creator's case of the same category when it was
 * filed within this time of the case's reports (before its first or after its latest); otherwise it opens a
 * new case. {@code greenroom.safety.volume-steps}: report counts at which a case's severity rises one step
 * above its category's (5 and 20: a spam case with 20 reports is high).
 */
@ConfigurationProperties("greenroom.safety")
record SafetyProperties(@DefaultValue("24h") Duration groupingWindow, @DefaultValue({
		"5", "20" }) List<Integer> volumeSteps) {

	Severity severityOf(Severity base, int reports) {
		int steps = (int) volumeSteps.stream().filter(step -> reports >= step).count();
		return base.raisedBy(steps);
	}
}
