package com.greenroom.audit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import com.greenroom.creators.Creators;
import com.greenroom.identity.UserSummary;
import com.greenroom.support.BrowserTest;
import org.springframework.beans.factory.annotation.Autowired;

class AuditLogBrowserTest extends BrowserTest {

	@Autowired
	Creators creators;

	@Test
	void anAdminReadsAManagerChangeAsOldToNewWithoutRawJson() {
		UserSummary ana = data.manager("ana", "LATAM");
		data.creator("c-1", "luna", "BR");
		creators.assignManager(data.admin(), List.of("c-1"), ana.id());
		signIn("admin", "admin-password-for-tests");

		page.navigate(url("/admin/audit?entityType=creator&entityId=c-1"));
		Locator newest = page.locator("#audit-table tbody tr").first();
		assertThat(newest.locator("li[data-field=managerName]")).hasText("Manager: from — → to Ana");
		assertThat(newest).not().containsText("{");
		assertThat(newest).not().containsText("handle");
		assertThat(page.locator("#audit-table tbody tr").last().locator("li[data-field=handle]")).containsText("luna");
		assertAccessible("audit log, one creator");
		screenshot("audit-diff");
	}

	@Test
	void theAuditLogPagesFiftyAtATimeAndComesBackToTheNewest() {
		for (int i = 1; i <= 60; i++) {
			data.creator("c-" + i, "creator" + i, "BR");
		}
		signIn("admin", "admin-password-for-tests");
		page.navigate(url("/admin/audit?entityType=creator"));
		assertThat(page.locator("#audit-table tbody tr")).hasCount(50);
		assertThat(page.locator("#audit-table tbody tr").first()).containsText("c-60");

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Older →")).click();
		assertThat(page.locator("#audit-table tbody tr")).hasCount(10);
		assertThat(page.locator("#audit-table tbody tr").last()).containsText("c-1");
		assertThat(page.locator("#audit-older")).hasCount(0);
		assertAccessible("audit log, second page");

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("← Newest")).click();
		assertThat(page.locator("#audit-table tbody tr").first()).containsText("c-60");
		assertThat(page.getByLabel("Entity type")).hasValue("creator");
	}
}
