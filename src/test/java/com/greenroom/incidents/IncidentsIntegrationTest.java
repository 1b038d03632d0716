package com.greenroom.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.notifications.InboxEntry;
import com.greenroom.notifications.NoticeKind;
import com.greenroom.notifications.Notifications;
import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestClock;
import com.greenroom.support.TestData;
import com.greenroom.tasks.Task;
import com.greenroom.tasks.Tasks;
import com.greenroom.tickets.Priority;
import com.greenroom.tickets.Ticket;
import com.greenroom.tickets.TicketDraft;
import com.greenroom.tickets.Tickets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class IncidentsIntegrationTest {

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@Autowired
	TestClock clock;

	@Autowired
	Tasks tasks;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Tickets tickets;

	@Autowired
	Notifications notifications;

	UserSummary leo;

	String leoToken;

	@BeforeEach
	void reset() {
		data.reset();
		leo = data.user("leo", List.of(Role.REGIONAL_LEAD.name()), "LATAM");
		leoToken = data.tokenOf(leo);
	}

	private JsonNode declare(String token, String body) {
		Api.Response response = api.post("/api/v1/incidents", token, body);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json();
	}

	@Test
	void anIncidentGoesFromInvestigatingThroughMitigatedToResolvedWithAnOutcomeAndEveryStepIsOnTheTimeline() {
		JsonNode declared = declare(leoToken,
				"{\"title\":\"Gifts fail in Brazil\",\"severity\":\"SEV1\",\"regions\":[\"LATAM\"],\"summary\":\"Payment provider down\"}");
		long id = declared.get("id").asLong();
		assertThat(declared.get("status").asString()).isEqualTo("INVESTIGATING");
		assertThat(declared.get("ownerId").asLong()).isEqualTo(leo.id());
		String path = "/api/v1/incidents/" + id;

		Api.Response skipping = api.patch(path, leoToken, "{\"status\":\"RESOLVED\",\"outcome\":\"done\"}");
		assertThat(skipping.status()).isEqualTo(409);
		assertThat(skipping.json().get("field").asString()).isEqualTo("status");
		assertThat(api.get(path, leoToken).json().get("status").asString()).isEqualTo("INVESTIGATING");

		clock.advance(Duration.ofMinutes(20));
		assertThat(api.patch(path, leoToken, "{\"status\":\"MITIGATED\"}").json().get("mitigatedAt").asString())
			.isEqualTo(TestClock.START.plus(Duration.ofMinutes(20)).toString());
		Api.Response noOutcome = api.patch(path, leoToken, "{\"status\":\"RESOLVED\"}");
		assertThat(noOutcome.status()).isEqualTo(400);
		assertThat(noOutcome.json().get("field").asString()).isEqualTo("outcome");

		assertThat(api.post(path + "/entries", leoToken, "{\"text\":\"Provider confirms recovery\"}").status()).isEqualTo(201);
		JsonNode resolved = api.patch(path, leoToken, "{\"status\":\"RESOLVED\",\"outcome\":\"Switched to the backup provider\"}").json();
		assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");
		assertThat(resolved.get("timeline")).extracting(e -> e.get("kind").asString())
			.containsExactly("DECLARED", "STATUS", "NOTE", "OUTCOME", "STATUS");
		assertThat(resolved.get("timeline").get(0).get("text").asString()).contains("SEV1").contains("Payment provider down");

		Api.Response reopen = api.patch(path, leoToken, "{\"status\":\"INVESTIGATING\"}");
		assertThat(reopen.status()).isEqualTo(409);
		JsonNode audit = api.get("/api/v1/audit?entityType=incident&entityId=" + id, TestData.ADMIN_TOKEN).json();
		assertThat(audit.get("items")).extracting(e -> e.get("action").asString()).contains("declared", "updated");
	}

	@Test
	void declarationSeverityChangeAndResolutionReachTheOwnerAndTheRegionsLeadsAndAdminsOnlyAtSev1() {
		UserSummary cam = data.manager("cam", "LATAM");
		UserSummary lia = data.user("lia", List.of(Role.REGIONAL_LEAD.name()), "LATAM", "EU");
		UserSummary eve = data.user("eve", List.of(Role.REGIONAL_LEAD.name()), "EU");
		UserSummary rex = data.user("rex", List.of(Role.ADMIN.name()));
		long admin = data.admin().userId();
		assertThat(api.put("/api/v1/notification-preferences", data.tokenOf(cam), """
				{"kinds": [{"kind": "INCIDENT", "channels": ["EMAIL"]}]}""").status()).isEqualTo(200);

		long id = declare(leoToken, "{\"title\":\"Gifts fail\",\"severity\":\"SEV2\",\"regions\":[\"LATAM\"],\"ownerId\":" + cam.id() + "}")
			.get("id")
			.asLong();
		assertThat(incidentNotices(cam.id())).extracting(InboxEntry::subject).containsExactly("SEV2 incident declared: Gifts fail");
		assertThat(incidentNotices(cam.id()).get(0).link()).isEqualTo("/incidents/" + id);
		assertThat(incidentNotices(lia.id())).hasSize(1);
		assertThat(incidentNotices(leo.id())).as("the declarer is not told of her own declaration").isEmpty();
		assertThat(incidentNotices(eve.id())).as("a lead of another region").isEmpty();
		assertThat(incidentNotices(rex.id())).as("admins hear of SEV1 only").isEmpty();
		assertThat(jdbc.sql("select count(*) from outbox_message where channel = 'EMAIL' and recipient = 'cam@example.com'")
			.query(Long.class)
			.single()).as("cam chose email for incidents").isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from outbox_message where recipient = 'lia@example.com'").query(Long.class).single())
			.as("lia kept the inbox only").isZero();

		String path = "/api/v1/incidents/" + id;
		assertThat(api.patch(path, leoToken, "{\"severity\":\"SEV1\"}").status()).isEqualTo(200);
		assertThat(api.patch(path, leoToken, "{\"title\":\"Gifts fail in Brazil\"}").status()).isEqualTo(200);
		assertThat(incidentNotices(rex.id())).extracting(InboxEntry::subject)
			.containsExactly("Incident #" + id + " is now SEV1 (was SEV2): Gifts fail");
		assertThat(incidentNotices(admin)).hasSize(1);
		assertThat(incidentNotices(cam.id())).as("a title change notifies nobody").hasSize(2);

		api.patch(path, leoToken, "{\"status\":\"MITIGATED\"}");
		assertThat(incidentNotices(cam.id())).as("mitigation notifies nobody").hasSize(2);
		assertThat(api.patch(path, data.tokenOf(cam), "{\"status\":\"RESOLVED\",\"outcome\":\"Backup provider\"}").status()).isEqualTo(200);
		assertThat(incidentNotices(cam.id())).as("cam resolved it herself").hasSize(2);
		for (long user : List.of(leo.id(), lia.id(), rex.id(), admin)) {
			assertThat(incidentNotices(user).get(0).subject()).isEqualTo("Incident #" + id + " resolved: Gifts fail in Brazil");
			assertThat(incidentNotices(user).get(0).body()).contains("Backup provider");
		}
		assertThat(incidentNotices(eve.id())).isEmpty();
	}

	private List<InboxEntry> incidentNotices(long userId) {
		return notifications.inbox(userId, 50).stream().filter(e -> e.kind() == NoticeKind.INCIDENT).toList();
	}

	@Test
	void eachLessonBecomesATaskForEachRegionsLeadOrUpForGrabsWhereThereIsNone() {
		long id = declare(TestData.ADMIN_TOKEN, "{\"title\":\"Moderation queue stalled\",\"severity\":\"SEV2\",\"regions\":[\"LATAM\",\"EU\"]}")
			.get("id")
			.asLong();

		Api.Response added = api.post("/api/v1/incidents/" + id + "/lessons", TestData.ADMIN_TOKEN,
				"{\"text\":\"Page the on-call moderator after 15 minutes\",\"playbookKey\":\"issue-resolution-timelines\"}");

		assertThat(added.status()).as(added.body()).isEqualTo(201);
		JsonNode lesson = added.json();
		assertThat(lesson.get("regions")).extracting(JsonNode::asString).containsExactly("EU", "LATAM");
		Task latam = tasks.find(taskIn(lesson, "LATAM")).orElseThrow();
		assertThat(latam.ownerId()).isEqualTo(leo.id());
		assertThat(latam.kind().name()).isEqualTo("LESSON");
		assertThat(latam.title()).contains("issue-resolution-timelines");
		assertThat(latam.dueAt()).isEqualTo(TestClock.START.plus(Duration.ofDays(7)));
		Task eu = tasks.find(taskIn(lesson, "EU")).orElseThrow();
		assertThat(eu.ownerId()).isNull();
		assertThat(eu.ownerRole()).isEqualTo(Role.REGIONAL_LEAD);
		assertThat(eu.regionCode()).isEqualTo("EU");
		assertThat(api.get("/api/v1/tasks?owner=me", leoToken).body()).contains("issue-resolution-timelines");

		assertThat(lesson.get("tasks")).allSatisfy(t -> assertThat(t.get("changeRequestId").asLong()).isPositive());
		assertThat(jdbc.sql("""
				select count(*) from playbook_change_request where playbook_key = 'issue-resolution-timelines' and source = 'INCIDENT'
				  and source_ref like :ref""").param("ref", "incident:" + id + ":lesson:%").query(Long.class).single()).isEqualTo(2);

		JsonNode incident = api.get("/api/v1/incidents/" + id, leoToken).json();
		assertThat(incident.get("lessons").get(0).get("playbookKey").asString()).isEqualTo("issue-resolution-timelines");
		assertThat(incident.get("timeline")).extracting(e -> e.get("kind").asString()).contains("LESSON");
	}

	@Test
	void aUserSeesOnlyIncidentsTouchingTheirRegionsAndBadInputChangesNothing() {
		long id = declare(leoToken, "{\"title\":\"Streams drop\",\"severity\":\"sev3\",\"regions\":[\"LATAM\"]}").get("id").asLong();
		String outsider = data.tokenOf(data.manager("olga", "EU"));

		assertThat(api.get("/api/v1/incidents/" + id, outsider).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/incidents", outsider).json().get("items")).isEmpty();
		assertThat(api.post("/api/v1/incidents/" + id + "/entries", outsider, "{\"text\":\"hi\"}").status()).isEqualTo(404);
		assertThat(api.get("/api/v1/incidents", leoToken).json().get("items")).hasSize(1);
		assertThat(api.get("/api/v1/incidents?status=RESOLVED", leoToken).json().get("items")).isEmpty();

		long before = jdbc.sql("select count(*) from incident").query(Long.class).single();
		assertThat(field(api.post("/api/v1/incidents", outsider, "{\"title\":\"x\",\"severity\":\"SEV1\",\"regions\":[\"LATAM\"]}")))
			.isEqualTo("regions");
		assertThat(field(api.post("/api/v1/incidents", leoToken, "{\"title\":\"x\",\"severity\":\"SEV9\",\"regions\":[\"LATAM\"]}")))
			.isEqualTo("severity");
		assertThat(field(api.post("/api/v1/incidents", leoToken, "{\"title\":\" \",\"severity\":\"SEV1\",\"regions\":[\"LATAM\"]}")))
			.isEqualTo("title");
		assertThat(field(api.post("/api/v1/incidents", leoToken, "{\"title\":\"x\",\"severity\":\"SEV1\",\"regions\":[]}"))).isEqualTo("regions");
		assertThat(field(api.post("/api/v1/incidents", leoToken,
				"{\"title\":\"x\",\"severity\":\"SEV1\",\"regions\":[\"LATAM\"],\"ownerId\":987654}")))
			.isEqualTo("ownerId");
		assertThat(field(api.post("/api/v1/incidents/" + id + "/lessons", leoToken, "{\"text\":\"Do better\"}"))).isEqualTo("playbookKey");
		assertThat(field(api.post("/api/v1/incidents/" + id + "/lessons", leoToken,
				"{\"text\":\"Do better\",\"playbookKey\":\"issue-resolution-timelines\",\"regions\":[\"EU\"]}")))
			.isEqualTo("regions");
		assertThat(field(api.post("/api/v1/incidents/" + id + "/lessons", leoToken,
				"{\"text\":\"Do better\",\"playbookKey\":\"no-such-playbook\"}")))
			.isEqualTo("playbookKey");
		assertThat(field(api.get("/api/v1/incidents?severity=HIGH", leoToken))).isEqualTo("severity");
		assertThat(field(api.patch("/api/v1/incidents/" + id, leoToken, "{\"status\":\"DONE\"}"))).isEqualTo("status");

		assertThat(jdbc.sql("select count(*) from incident").query(Long.class).single()).isEqualTo(before);
		assertThat(jdbc.sql("select count(*) from incident_lesson").query(Long.class).single()).isZero();
		assertThat(api.get("/api/v1/incidents/" + id, leoToken).json().get("timeline")).hasSize(1);
	}

	@Test
	void anIncidentDeclaredFromTicketsTouchesTheirRegionsAndListsThem() {
		Ticket first = tickets
			.open(new TicketDraft("Gift button broken", "Tapping gift does nothing", null, "LATAM", "payments", Priority.P1, "API"));
		Ticket second = tickets.open(new TicketDraft("Gifts missing", "No gifts since noon", null, "EU", "payments", Priority.P1, "API"));

		JsonNode declared = declare(TestData.ADMIN_TOKEN,
				"{\"title\":\"Gift outage\",\"severity\":\"SEV1\",\"ticketIds\":[" + first.id() + "," + second.id() + "]}");

		assertThat(declared.get("regions")).extracting(JsonNode::asString).containsExactly("EU", "LATAM");
		assertThat(declared.get("ticketIds")).extracting(JsonNode::asLong).containsExactly(first.id(), second.id());
		assertThat(declared.get("timeline").get(0).get("text").asString()).contains("#" + first.id()).contains("#" + second.id());
		assertThat(field(api.post("/api/v1/incidents", leoToken,
				"{\"title\":\"Gift outage\",\"severity\":\"SEV1\",\"ticketIds\":[" + second.id() + "]}")))
			.isEqualTo("ticketIds");
	}

	private static long taskIn(JsonNode lesson, String region) {
		for (JsonNode task : lesson.get("tasks")) {
			if (task.get("region").asString().equals(region)) {
				return task.get("taskId").asLong();
			}
		}
		throw new AssertionError("no task in " + region + ": " + lesson);
	}

	private static String field(Api.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		return response.json().get("field").asString();
	}
}
