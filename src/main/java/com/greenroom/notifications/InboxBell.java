package com.greenroom.notifications;

import com.greenroom.identity.Viewer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The bell in every console page's header ({@code @inboxBell} in layout.html): the signed-in user's unread
 * count, read only when a page is rendered (never for API calls).
 */
@Component("inboxBell")
class InboxBell {

	private final Notifications notifications;

	InboxBell(Notifications notifications) {
		this.notifications = notifications;
	}

	/** The signed-in user's unread notices; 0 when nobody is signed in. */
	public int unread() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getPrincipal() instanceof Viewer viewer ? notifications.unreadCount(viewer.userId())
				: 0;
	}
}
