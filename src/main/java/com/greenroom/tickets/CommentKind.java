package com.greenroom.tickets;

/** An internal note (only the team sees it) or a reply to the creator (the first one is the first response). */
public enum CommentKind {
	NOTE, REPLY
}
