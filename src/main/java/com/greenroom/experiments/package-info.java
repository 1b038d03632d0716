/**
 * Experiments on playbooks: a hypothesis, variants, a deterministic assignment of a region's creators (by seed
 * or by list; a creator is in at most one running experiment per region), a primary metric with 95%
 * intervals per variant, and the monthly retirement of low-performing experiments, which can raise a
 * playbook change request. Public API: {@link com.greenroom.experiments.Experiments}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Experiments",
		allowedDependencies = { "audit", "identity", "insights", "playbooks", "system" })
package com.greenroom.experiments;
