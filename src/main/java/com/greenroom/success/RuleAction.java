package com.greenroom.success;

/** What a rule does when it fires: create an owned task, open a ticket, or send the creator a message template. */
public enum RuleAction {
	TASK, TICKET, MESSAGE
}
