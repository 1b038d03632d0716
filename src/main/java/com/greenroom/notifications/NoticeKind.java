package com.greenroom.notifications;

/** What a notice is about; users choose their channels per kind. */
public enum NoticeKind {
	/** Work (a ticket, a case, a task) was assigned to the user. */
	ASSIGNED,
	/** An SLA clock passed its warning threshold. */
	WARNING,
	/** An SLA target was missed. */
	BREACH,
	/** An escalation level reached the user. */
	ESCALATION,
	/** Someone mentioned the user. */
	MENTION,
	/** A scheduled report is ready, such as a region's weekly review. */
	REPORT
}
