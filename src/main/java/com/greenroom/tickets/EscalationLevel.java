package com.greenroom.tickets;

/**
 * One escalation step after a breach: {@code afterBreachMinutes} after the target was missed (counted like
 * the target), notify a role in the ticket's region or one user, and optionally hand the ticket over (to
 * that user, or back to that role's queue).
 */
public record EscalationLevel(Integer afterBreachMinutes, String notifyRole, Long notifyUserId, Boolean reassign) {

	public boolean reassigns() {
		return Boolean.TRUE.equals(reassign);
	}
}
