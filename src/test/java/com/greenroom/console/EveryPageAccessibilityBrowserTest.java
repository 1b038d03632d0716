package com.greenroom.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.greenroom.coaching.CoachingSessions;
import com.greenroom.coaching.SessionDraft;
import com.greenroom.creators.CreatorDraft;
import com.greenroom.creators.Creators;
import com.greenroom.identity.UserSummary;
import com.greenroom.incidents.IncidentDraft;
import com.greenroom.incidents.Incidents;
import com.greenroom.notifications.Notice;
import com.greenroom.notifications.NoticeKind;
import com.greenroom.notifications.Notifications;
import com.greenroom.notifications.Outbox;
import com.greenroom.notifications.OutboxChannel;
import com.greenroom.notifications.OutboxMessage;
import com.greenroom.onboarding.Checklists;
import com.greenroom.routines.Routines;
import com.greenroom.support.BrowserTest;
import com.greenroom.support.EventFeed;
import com.greenroom.support.TestData;
import com.greenroom.tickets.Priority;
import com.greenroom.tickets.TicketDraft;
import com.greenroom.tickets.Tickets;
import com.greenroom.tiers.Tiers;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every console page, as an admin and as a creator manager, at laptop (1366 px) and phone (390 px) width:
 * no serious or critical axe-core violation, and nothing wider than a phone's screen.
 */
class EveryPageAccessibilityBrowserTest extends BrowserTest {

	private static final String ADMIN_PASSWORD = "admin-password-for-tests";

	@Autowired
	Creators creators;

	@Autowired
	Checklists checklists;

	@Autowired
	EventFeed feed;

	@Autowired
	Tiers tiers;

	@Autowired
	CoachingSessions coaching;

	@Autowired
	Clock clock;

	@Autowired
	Notifications notifications;

	@Autowired
	Outbox outbox;

	@Autowired
	Routines routines;

	@Autowired
	Tickets tickets;

	private UserSummary ana;

	@Autowired
	Incidents incidents;

	private long incident;

	/** A small agency: two managers in LATAM, creators with streams, gifts, milestones, checklists, a coaching session and tiers. */
	@BeforeEach
	void aRegionAtWork() {
		ana = data.manager("ana", "LATAM");
		UserSummary bob = data.manager("bob", "LATAM");
		UserSummary lena = data.user("lena", List.of("REGIONAL_LEAD"), "LATAM");
		incident = incidents.declare(data.viewerOf(lena), new IncidentDraft("Gifts fail", "SEV2", List.of("LATAM"), null, "Provider down"))
			.id();
		Instant now = clock.instant();
		List<String> events = new ArrayList<>();
		String[][] roster = { { "c-1", "luna", "400" }, { "c-2", "sol", "300" }, { "c-3", "mar", "200" }, { "c-4", "rio", "100" } };
		for (String[] c : roster) {
			creators.create(data.admin(), new CreatorDraft(c[0], c[1], "BR", null, null, null, c[0].equals("c-4") ? bob.id() : ana.id(),
					null, now.minus(Duration.ofDays(40)), null));
			await().atMost(Duration.ofSeconds(10)).until(() -> checklists.find(c[0]).isPresent());
			for (int day = 1; day <= 3; day++) {
				String stream = c[0] + "-stream-" + day;
				Instant start = now.minus(Duration.ofDays(day));
				events.add(EventFeed.started(stream + "-s", c[0], stream, start));
				for (int v = 1; v <= 4; v++) {
					events.add(EventFeed.joined(stream + "-j" + v, c[0], stream, "v-" + v, start.plusSeconds(30 + v)));
				}
				events.add(EventFeed.gift(stream + "-g", c[0], stream, "v-1", c[2], start.plusSeconds(60)));
				events.add(EventFeed.ended(stream + "-e", c[0], stream, start.plusSeconds(3600)));
			}
		}
		data.creator("c-5", "nova", "MX");
		creators.assignManager(data.admin(), List.of("c-5"), ana.id()); // an update in the audit log: old -> new
		feed.send(events);
		tiers.recompute(data.admin(), null);
		notifications.notify(new Notice(ana.id(), NoticeKind.ASSIGNED, "Follow up with luna is yours", "Due today", "/today", "a11y:1"));
		notifications.notify(new Notice(data.admin().userId(), NoticeKind.ESCALATION, "P1 ticket 42 escalated to you", null, null, "a11y:2"));
		outbox.enqueue(new OutboxMessage(OutboxChannel.PLATFORM, "c-1", "Welcome", "Hi luna", "a11y:3", "test"));
		coaching.log(data.viewerOf(ana), "c-1",
				new SessionDraft(now.minus(Duration.ofDays(1)).toString(), null, List.of("content-cadence"), "Streams twice a week",
						"Three streams a week", null));
	}

	@Test
	void everyConsolePageAnAdminOpensIsAccessibleAtLaptopAndPhoneWidth() {
		page.navigate(url("/login"));
		checkBothWidths("sign-in");
		long ticket = tickets.open(new TicketDraft("Payout missing", "", "c-1", null, "payouts", Priority.P1, "API")).id();
		long release = api.post("/api/v1/releases", com.greenroom.support.TestData.ADMIN_TOKEN, """
				{"name": "Gifts 2.0", "date": "2026-12-01", "notes": "Combo gifts", "playbooks": ["issue-resolution-timelines"]}""")
			.json()
			.get("id")
			.asLong();
		signIn("admin", ADMIN_PASSWORD);

		List<String> pages = new ArrayList<>(List.of("/", "/live", "/today", "/today/board", "/creators", "/creators/new",
				"/creators/c-1", "/creators/c-1/edit", "/creators/c-5", "/tiers/mid", "/tiers/mid?manager=all", "/creators?reach=next-tier",
				"/admin/onboarding",
				"/success/rules", "/admin/coaching/topics", "/admin/calendars", "/admin/calendars/LATAM", "/admin/milestones",
				"/admin/users", "/admin/users/new", "/admin/users/" + ana.id(), "/admin/regions", "/admin/regions/new",
				"/admin/regions/LATAM", "/admin/audit", "/admin/pipeline", "/creators/nobody", "/calendar",
				"/calendar?view=week", "/calendar?view=agenda", "/calendar/events/new", "/calendar/feeds", "/inbox",
				"/inbox?unread=true", "/inbox/preferences", "/admin/outbox", "/admin/outbox?status=", "/insights/retention",
				"/insights/retention?period=day&mode=unbounded", "/insights/playbook-loop", "/insights/playbook-loop?by=coaching",
				"/insights/experiments", "/insights/experiments?region=LATAM", "/insights/campaigns", "/insights/campaigns?region=LATAM",
				"/insights/review?region=LATAM", "/insights/review?region=LATAM&week=2026-W47", "/routines", "/routines/new",
				"/routines/" + aLatamRoutine(), "/routines/accountability", "/admin/timers", "/admin/timers?status=PENDING",
				"/incidents", "/incidents/" + incident, "/safety/cases", "/safety/backlog", "/safety/taxonomy",
				"/safety/flag?creatorId=c-1", "/templates", "/templates/new", "/sends", "/sends/new", "/tickets",
				"/tickets?queue=breached", "/tickets/new", "/tickets/" + ticket, "/admin/escalation-map", "/playbooks",
				"/playbooks?q=escalation", "/playbooks?stale=true", "/playbooks/new",
				"/playbooks/issue-resolution-timelines", "/playbooks/creator-onboarding/versions/1",
				"/playbooks/creator-onboarding/diff?from=1&to=1", "/releases", "/releases/" + release));
		page.navigate(url("/admin/onboarding"));
		pages.addAll(linksOnPage("a[href^='/admin/onboarding/']"));
		page.navigate(url(pages.get(pages.size() - 1)));
		pages.addAll(linksOnPage("a[href*='/versions/']"));

		for (String path : new LinkedHashSet<>(pages)) {
			visit(path);
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void everyConsolePageACreatorManagerOpensIsAccessibleAtLaptopAndPhoneWidth() {
		signIn("ana", TestData.PASSWORD);
		for (String path : List.of("/", "/live", "/today", "/creators", "/creators?manager=" + ana.id(), "/creators/new",
				"/creators/c-1", "/creators/c-2", "/tiers/mid", "/calendar", "/calendar?view=agenda", "/inbox",
				"/inbox/preferences", "/routines", "/routines/" + aLatamRoutine(), "/routines/accountability",
				"/insights/retention", "/insights/playbook-loop", "/insights/experiments", "/insights/campaigns", "/insights/review",
				"/incidents", "/incidents/" + incident, "/safety/flag?creatorId=c-1", "/playbooks",
				"/playbooks?q=onboarding", "/playbooks/creator-onboarding")) {
			visit(path);
		}
		assertThat(problems).isEmpty();
	}

	/** One of the seeded rhythm's routines in LATAM. */
	private long aLatamRoutine() {
		return routines.list(data.admin(), "LATAM", null).get(0).id();
	}

	private void visit(String path) {
		int status = page.navigate(url(path)).status();
		int expected = path.equals("/creators/nobody") ? 404 : 200;
		check(() -> assertThat(status).as("status of " + path).isEqualTo(expected));
		if (path.matches("/creators/c-\\d+")) {
			// The creator page's panels load after the page: check them too.
			assertThat(page.locator("[id$='-slot']")).hasCount(0);
		}
		checkBothWidths(path);
	}

	/** What every page was found to break, reported together at the end so one run shows them all. */
	private final List<String> problems = new ArrayList<>();

	private void checkBothWidths(String path) {
		page.setViewportSize(1366, 860);
		check(() -> assertAccessible(path + " at 1366 px"));
		page.setViewportSize(390, 844);
		check(() -> assertAccessible(path + " at 390 px"));
		Number overflow = (Number) page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
		check(() -> assertThat(overflow.intValue()).as("horizontal overflow of " + path + " at 390 px (px), by " + widest())
			.isLessThanOrEqualTo(0));
		page.setViewportSize(1366, 860);
	}

	/** The outermost elements that stick out to the right of the screen, to say what to fix. */
	private String widest() {
		return (String) page.evaluate(
				"""
						() => { const w = document.documentElement.clientWidth;
						  const out = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1
						    && !(e.parentElement && e.parentElement.getBoundingClientRect().right > w + 1));
						  return out.slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : '')).join(', '); }""");
	}

	private void check(Runnable assertion) {
		try {
			assertion.run();
		}
		catch (AssertionError failed) {
			problems.add(failed.getMessage());
		}
	}

	private Set<String> linksOnPage(String selector) {
		@SuppressWarnings("unchecked")
		List<String> hrefs = (List<String>) page.evalOnSelectorAll(selector, "links => links.map(a => a.getAttribute('href'))");
		assertThat(hrefs).as("links " + selector).isNotEmpty();
		return new LinkedHashSet<>(hrefs);
	}
}
