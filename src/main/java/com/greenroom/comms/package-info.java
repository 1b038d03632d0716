/**
 * Communications to creators: message templates (per locale, versioned, with placeholders checked at save
 * time), sends to one creator or a segment with an idempotency key and a per-channel rate limit, and each
 * recipient's status. Delivery goes through the notifications outbox. Public API:
 * {@link com.greenroom.comms.Templates}, {@link com.greenroom.comms.Sends}, and the
 * {@link com.greenroom.comms.PlaceholderSource} hook through which other modules (campaigns) add placeholders.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Communications",
		allowedDependencies = { "audit", "creators", "identity", "milestones", "notifications", "system", "timeline", "timers" })
package com.greenroom.comms;
