package com.greenroom.support;

import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Fails a test that left an event in a projection's quarantine without saying it expects one
 * ({@link ExpectsQuarantine}): a quarantine keeps the pipeline flowing, so an event a projection cannot apply
 * would otherwise pass unnoticed while the test checks something else.
 */
public class QuarantineGuard implements AfterEachCallback {

	@Override
	public void afterEach(ExtensionContext context) {
		if (context.getExecutionException().isPresent() || expected(context)) {
			return;
		}
		JdbcClient jdbc = SpringExtension.getApplicationContext(context).getBean(JdbcClient.class);
		List<String> held = jdbc.sql("""
				select projection || ' quarantined ' || event_type || ' ' || event_id || ': ' || error
				from projection_quarantine order by id limit 5""").query(String.class).list();
		if (!held.isEmpty()) {
			throw new AssertionError("A projection quarantined events this test did not expect (mark it @ExpectsQuarantine if it means to):\n  "
					+ String.join("\n  ", held));
		}
	}

	private static boolean expected(ExtensionContext context) {
		return context.getRequiredTestMethod().isAnnotationPresent(ExpectsQuarantine.class)
				|| context.getRequiredTestClass().isAnnotationPresent(ExpectsQuarantine.class);
	}
}
