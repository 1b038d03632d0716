/**
 * Platform events in: the append-only event log fed over HTTP and Kafka, and the runner that feeds
 * its events, in batches, to the projections of other modules. Public API: {@link PlatformEvent},
 * {@link EventType}, {@link Projection}, {@link PlatformEventLog}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform events",
		allowedDependencies = { "audit", "identity", "system" })
package com.greenroom.events;
