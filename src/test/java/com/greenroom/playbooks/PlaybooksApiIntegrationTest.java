package com.greenroom.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.identity.UserSummary;
import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class PlaybooksApiIntegrationTest {

	private static final String ADMIN = TestData.ADMIN_TOKEN;

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void reset() {
		data.reset();
	}

	private static String json(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
	}

	private String lead(String username, String region) {
		return data.tokenOf(data.user(username, List.of("REGIONAL_LEAD"), region));
	}

	/** Draft -> submitted by {@code author}, approved and published by {@code approver}; answers the version number. */
	private int publish(String key, String region, String body, String author, String approver) {
		String scope = region == null ? "" : "?region=" + region;
		Api.Response draft = api.post("/api/v1/playbooks/" + key + "/versions" + scope, author,
				"{\"body\":" + json(body) + ",\"changeSummary\":\"Update\"}");
		assertThat(draft.status()).as(draft.toString()).isEqualTo(201);
		int version = draft.json().get("version").asInt();
		assertThat(api.post("/api/v1/playbooks/" + key + "/versions/" + version + "/submit" + scope, author, "").status()).isEqualTo(200);
		assertThat(api.post("/api/v1/playbooks/" + key + "/versions/" + version + "/approve" + scope, approver, "").status()).isEqualTo(200);
		Api.Response published = api.post("/api/v1/playbooks/" + key + "/versions/" + version + "/publish" + scope, approver, "");
		assertThat(published.status()).as(published.toString()).isEqualTo(200);
		return version;
	}

	@Test
	void theSeededSopsArePublishedGlobalPlaybooksWithATableOfContents() {
		JsonNode list = api.get("/api/v1/playbooks", ADMIN).json();
		List<String> keys = new ArrayList<>();
		list.forEach(p -> keys.add(p.get("key").asString()));
		assertThat(keys).containsExactly("creator-communication", "creator-onboarding", "event-calendar-formats", "issue-resolution-timelines");

		JsonNode guidance = api.get("/api/v1/playbooks/issue-resolution-timelines", ADMIN).json();
		assertThat(guidance.get("version").asInt()).isEqualTo(1);
		assertThat(guidance.get("status").asString()).isEqualTo("PUBLISHED");
		List<String> toc = new ArrayList<>();
		guidance.get("toc").forEach(h -> toc.add(h.get("level").asInt() + " " + h.get("text").asString() + " #" + h.get("anchor").asString()));
		assertThat(toc).containsExactly("1 Issue resolution timelines #h-issue-resolution-timelines", "2 Priorities #h-priorities",
				"2 Escalation #h-escalation", "2 After an incident #h-after-an-incident");
		assertThat(guidance.get("html").asString()).contains("<h3 id=\"h-priorities\">Priorities</h3>");
	}

	@Test
	void rawHtmlAndScriptLinksInAPlaybookAreEscapedNotRun() {
		String lena = lead("lena", "LATAM");
		Api.Response draft = api.post("/api/v1/playbooks/creator-communication/versions", lena,
				"{\"body\":" + json("# Hi <script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>")
						+ ",\"changeSummary\":\"Try\"}");

		String html = draft.json().get("html").asString();
		assertThat(html).doesNotContain("<script>").doesNotContain("<img").doesNotContain("javascript:");
		assertThat(html).contains("&lt;script&gt;");
	}

	@Test
	void aRegionalVariantIsTheCurrentGuidanceInItsRegionOnlyAndAnotherRegionsVariantIsNotFound() {
		String sea = lead("sari", "SEA");
		String latam = lead("lena", "LATAM");
		String admin2 = data.tokenOf(data.user("ada", List.of("ADMIN")));
		Api.Response variant = api.post("/api/v1/playbooks", sea, "{\"key\":\"creator-onboarding\",\"region\":\"SEA\"}");
		assertThat(variant.status()).as(variant.toString()).isEqualTo(201);
		assertThat(variant.json().get("body").asString()).contains("## First week");
		assertThat(api.post("/api/v1/playbooks/creator-onboarding/versions/1/submit?region=SEA", sea, "").status()).isEqualTo(200);
		String seaLead2 = lead("sam", "SEA");
		assertThat(api.post("/api/v1/playbooks/creator-onboarding/versions/1/approve?region=SEA", seaLead2, "").status()).isEqualTo(200);
		assertThat(api.post("/api/v1/playbooks/creator-onboarding/versions/1/publish?region=SEA", seaLead2, "").status()).isEqualTo(200);

		assertThat(api.get("/api/v1/playbooks/creator-onboarding", sea).json().get("region").asString()).isEqualTo("SEA");
		JsonNode forLatam = api.get("/api/v1/playbooks/creator-onboarding", latam).json();
		assertThat(forLatam.has("region") && !forLatam.get("region").isNull()).isFalse();
		assertThat(api.get("/api/v1/playbooks/creator-onboarding/versions?region=SEA", latam).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/playbooks/creator-onboarding/settings?region=SEA", latam).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/playbooks/creator-onboarding/versions/1?region=SEA", admin2).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/playbooks/creator-onboarding?region=SEA", latam).status()).isEqualTo(400);
	}

	@Test
	void nobodyApprovesTheirOwnVersionAndAnUnapprovedVersionIsNotPublished() {
		String lena = lead("lena", "LATAM");
		Api.Response draft = api.post("/api/v1/playbooks/creator-communication/versions", ADMIN,
				"{\"body\":\"# Creator communication\\n\\nAnswer within a day.\",\"changeSummary\":\"Shorter\"}");
		assertThat(draft.status()).isEqualTo(201);

		Api.Response early = api.post("/api/v1/playbooks/creator-communication/versions/2/publish", ADMIN, "");
		assertThat(early.status()).isEqualTo(409);
		assertThat(early.json().get("field").asString()).isEqualTo("status");
		assertThat(early.json().get("detail").asString()).contains("not approved");

		api.post("/api/v1/playbooks/creator-communication/versions/2/submit", ADMIN, "");
		Api.Response own = api.post("/api/v1/playbooks/creator-communication/versions/2/approve", ADMIN, "");
		assertThat(own.status()).isEqualTo(409);
		assertThat(own.json().get("field").asString()).isEqualTo("approvedBy");
		assertThat(api.post("/api/v1/playbooks/creator-communication/versions/2/approve", lena, "").status())
			.as("a regional lead does not approve the global playbook").isEqualTo(403);
		assertThat(api.get("/api/v1/playbooks/creator-communication/versions/2", ADMIN).json().get("status").asString()).isEqualTo("IN_REVIEW");
		assertThat(api.get("/api/v1/playbooks/creator-communication", ADMIN).json().get("version").asInt()).isEqualTo(1);
	}

	@Test
	void publishingRetiresThePreviousVersionWhichStaysReadableAndDiffable() {
		String lena = lead("lena", "LATAM");
		publish("event-calendar-formats", null,
				"# Event calendar formats\n\n## Formats\n\n- **Campaign**: a themed period of two to six weeks.\n\n## Scheduling rules\n\n- Book three weeks ahead.",
				lena, ADMIN);

		JsonNode versions = api.get("/api/v1/playbooks/event-calendar-formats/versions", ADMIN).json();
		assertThat(versions.get(0).get("status").asString()).isEqualTo("PUBLISHED");
		assertThat(versions.get(1).get("status").asString()).isEqualTo("RETIRED");
		assertThat(api.get("/api/v1/playbooks/event-calendar-formats/versions/1", lena).json().get("body").asString()).contains("PK battle");

		JsonNode diff = api.get("/api/v1/playbooks/event-calendar-formats/diff?from=1&to=2", lena).json();
		List<String> changed = new ArrayList<>();
		diff.get("rows").forEach(r -> {
			if (!r.get("tag").asString().equals("EQUAL")) {
				changed.add(r.get("oldLine").asString() + " => " + r.get("newLine").asString());
			}
		});
		assertThat(changed).anySatisfy(c -> assertThat(c).contains("<del>four</del>").contains("<ins>six</ins>"));
		assertThat(api.get("/api/v1/playbooks/event-calendar-formats/diff?from=1&to=9", lena).json().get("field").asString()).isEqualTo("to");
	}

	@Test
	void searchFindsCurrentGuidanceOnlyWithTheReadersVariantReplacingTheGlobalText() {
		JsonNode hits = api.get("/api/v1/playbooks/search?q=escalation%20map", ADMIN).json();
		assertThat(hits.size()).isEqualTo(1);
		assertThat(hits.get(0).get("key").asString()).isEqualTo("issue-resolution-timelines");
		assertThat(hits.get(0).get("snippetHtml").asString()).contains("<mark>escalation</mark>");

		String sea = lead("sari", "SEA");
		api.post("/api/v1/playbooks", sea,
				"{\"key\":\"issue-resolution-timelines\",\"region\":\"SEA\",\"body\":\"# Issue resolution in SEA\\n\\nCall the duty lead.\"}");
		String seaLead2 = lead("sam", "SEA");
		api.post("/api/v1/playbooks/issue-resolution-timelines/versions/1/submit?region=SEA", sea, "");
		api.post("/api/v1/playbooks/issue-resolution-timelines/versions/1/approve?region=SEA", seaLead2, "");
		api.post("/api/v1/playbooks/issue-resolution-timelines/versions/1/publish?region=SEA", seaLead2, "");

		assertThat(api.get("/api/v1/playbooks/search?q=escalation%20map", sea).json().size()).as("SEA reads its variant").isZero();
		assertThat(api.get("/api/v1/playbooks/search?q=duty%20lead", sea).json().get(0).get("region").asString()).isEqualTo("SEA");
		assertThat(api.get("/api/v1/playbooks/search?q=duty%20lead", ADMIN).json().size()).isZero();
		assertThat(api.get("/api/v1/playbooks/search?q=", ADMIN).json().get("field").asString()).isEqualTo("q");
	}

	@Test
	void anUnknownKeyIsNotFoundAndABadNewPlaybookNamesEveryField() {
		assertThat(api.get("/api/v1/playbooks/no-such-thing", ADMIN).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/playbooks/no-such-thing/versions", ADMIN).status()).isEqualTo(404);
		Api.Response bad = api.post("/api/v1/playbooks", ADMIN, "{\"key\":\"Bad Key\",\"title\":\"\"}");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().get("field").asString()).isEqualTo("key");
		Api.Response badText = api.post("/api/v1/playbooks", ADMIN, "{\"key\":\"live-safety\",\"title\":\" \",\"reviewEveryDays\":0}");
		List<String> fields = new ArrayList<>();
		badText.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
		assertThat(fields).containsExactlyInAnyOrder("title", "reviewEveryDays", "body");
		assertThat(jdbc.sql("select count(*) from playbook").query(Long.class).single()).isEqualTo(4);
		assertThat(
				api.post("/api/v1/playbooks", lead("lena", "LATAM"), "{\"key\":\"live-safety\",\"title\":\"Live safety\",\"body\":\"x\"}").status())
			.isEqualTo(403);
	}

	@Test
	void aReleaseRaisesAChangeRequestOnEachPlaybookItAffects() {
		Api.Response release = api.post("/api/v1/releases", ADMIN,
				"{\"name\":\"Gifts 2.0\",\"date\":\"2026-12-10\",\"notes\":\"New gift combo\",\"playbooks\":[\"creator-communication\",\"event-calendar-formats\"]}");
		assertThat(release.status()).as(release.toString()).isEqualTo(201);
		JsonNode affected = release.json().get("playbooks");
		assertThat(affected.size()).isEqualTo(2);
		long request = affected.get(0).get("changeRequestId").asLong();
		JsonNode cr = api.get("/api/v1/playbooks/change-requests/" + request, ADMIN).json();
		assertThat(cr.get("source").asString()).isEqualTo("RELEASE");
		assertThat(cr.get("summary").asString()).isEqualTo("Release Gifts 2.0 (2026-12-10): New gift combo");

		Api.Response bad = api.post("/api/v1/releases", ADMIN, "{\"name\":\"X\",\"date\":\"10/12/2026\",\"playbooks\":[\"nope\"]}");
		List<String> fields = new ArrayList<>();
		bad.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
		assertThat(fields).containsExactly("date", "playbooks[0]");
		assertThat(api.get("/api/v1/releases", ADMIN).json().size()).isEqualTo(1);
	}

	@Test
	void everyChangeIsAudited() {
		String lena = lead("lena", "LATAM");
		publish("creator-onboarding", null, "# Creator onboarding\n\nNew text.", lena, ADMIN);

		List<String> actions = jdbc
			.sql("select action from audit_log where entity_type = 'playbook' and entity_id = 'creator-onboarding' order by id")
			.query(String.class)
			.list();
		assertThat(actions).containsExactly("draft v2 created", "v2 submitted", "v2 approved", "v2 published");
	}

	@Test
	void aVersionReferencesOnlyOpenRequestsOfItsOwnScope() {
		UserSummary lena = data.user("lena", List.of("REGIONAL_LEAD"), "LATAM");
		String token = data.tokenOf(lena);
		Api.Response sea = api.post("/api/v1/playbooks/change-requests", ADMIN,
				"{\"playbookKey\":\"creator-onboarding\",\"region\":\"SEA\",\"summary\":\"Local groups\"}");
		assertThat(sea.status()).isEqualTo(201);
		api.post("/api/v1/playbooks", ADMIN, "{\"key\":\"creator-onboarding\",\"region\":\"SEA\"}");

		Api.Response wrong = api.post("/api/v1/playbooks/creator-onboarding/versions", token,
				"{\"changeSummary\":\"x\",\"changeRequestIds\":[" + sea.json().get("id").asLong() + "]}");
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.json().get("field").asString()).isEqualTo("changeRequestIds[0]");
	}

	@Test
	void anOnboardingTemplateNamesThePlaybookItFollowsAndAnUnknownKeyIsRefused() {
		long global = jdbc.sql("select id from onboarding_template where region_code is null").query(Long.class).single();
		assertThat(api.get("/api/v1/onboarding/templates/" + global, ADMIN).json().get("playbookKey").asString()).isEqualTo("creator-onboarding");

		Api.Response unknown = api.put("/api/v1/onboarding/templates/" + global + "/playbook", ADMIN, "{\"playbookKey\":\"nope\"}");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("field").asString()).isEqualTo("playbookKey");
		Api.Response linked = api.put("/api/v1/onboarding/templates/" + global + "/playbook", ADMIN, "{\"playbookKey\":\"creator-communication\"}");
		assertThat(linked.json().get("playbookKey").asString()).isEqualTo("creator-communication");
	}
}
