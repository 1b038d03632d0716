/**
 * A deterministic stand-in for the streaming platform: generates creators, streams, viewers, gifts,
 * subscriptions, follows and reports as platform events (contract v1), and feeds them to Greenroom over
 * HTTP, to a file, or live for the demo. Public API: {@link com.greenroom.simulator.Simulator},
 * {@link com.greenroom.simulator.SimulationOptions}, {@link com.greenroom.simulator.SimulateCommand}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Simulator", allowedDependencies = { "identity", "events" })
package com.greenroom.simulator;
