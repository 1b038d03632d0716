package com.greenroom.insights;

import org.springframework.context.ApplicationContext;

/** Lets tests of other modules bring the retention cube up to date, as the refresh job would. */
public final class RetentionRefresh {

	private RetentionRefresh() {
	}

	public static void refresh(ApplicationContext context) {
		context.getBean(RetentionRollup.class).refresh();
	}
}
