package com.greenroom.comms;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import com.greenroom.creators.CreatorDraft;
import com.greenroom.creators.Creators;
import com.greenroom.support.BrowserTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

class CommsBrowserTest extends BrowserTest {

	@Autowired
	Creators creators;

	@Test
	void aLeadWritesATemplateWithALivePreviewAndSendsItToASegmentAfterReviewingTheRecipients() {
		data.user("lena", List.of("REGIONAL_LEAD"), "LATAM");
		creators.create(data.admin(), new CreatorDraft("c-1", "luna", "BR", null, "pt-BR", null, null, null, null, null,
				"luna@example.com", false));
		creators.create(data.admin(), new CreatorDraft("c-2", "sol", "MX", null, "es", null, null, null, null, null, null, true));
		signIn("lena", TestData.PASSWORD);

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Messages")).click();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Templates")).click();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New template")).click();
		// click() does not await a link's navigation, and the preview and the count below act through htmx (deferred):
		// once the new page is there, its load event comes after htmx has run
		assertThat(page.getByLabel("Key")).isVisible();
		page.waitForLoadState();
		page.getByLabel("Key").fill("welcome");
		page.getByLabel("Locale").fill("en");
		page.getByLabel("Subject").fill("Welcome {{creator.handle}}");
		page.getByLabel("Body").fill("Hi {{creator.handle}}, your region is {{creator.region}}. {{creator.nickname}}");
		page.getByLabel("Preview for creator").fill("c-1");
		assertThat(page.locator("#template-preview")).containsText("unknown placeholders [{{creator.nickname}}]");
		page.getByLabel("Body").fill("Hi {{creator.handle}}, your region is {{creator.region}}.");
		assertThat(page.locator("#preview-body")).hasText("Hi luna, your region is LATAM.");
		assertAccessible("template editor");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save version")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Saved en as version 1");

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Send this template")).click();
		assertThat(page.locator("#send-form")).isVisible();
		page.waitForLoadState();
		page.locator("#send-form select[name=region]").selectOption("LATAM");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Count recipients")).click();
		assertThat(page.locator("#segment-count")).hasText("2 creators");
		assertAccessible("new send");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Review")).click();
		assertThat(page.locator("#recipient-count")).containsText("2 creators; 1 of them will be skipped");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send to 1 creators")).click();

		assertThat(page.locator("#recipients-table tr[data-creator=c-2]")).containsText("opted out of communications");
		assertThat(page.locator("#recipients-table tr[data-creator=c-1]")).containsText("Waiting for the rate limit");
		assertAccessible("send");
		page.navigate(url("/creators/c-2"));
		assertThat(page.locator("#messages-panel")).containsText("welcome");
		assertThat(page.locator("#messages-panel")).containsText("opted out of communications");
		screenshot("comms-send");
	}
}
