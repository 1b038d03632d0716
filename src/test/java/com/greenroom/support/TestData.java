package com.greenroom.support;

import java.util.List;

import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorDraft;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Fixtures named after the domain, and the reset that isolates tests sharing one database. */
@TestComponent
public class TestData {

	public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

	public static final String PASSWORD = "correct-horse-battery";

	private final JdbcClient jdbc;

	private final Users users;

	private final Creators creators;

	TestData(JdbcClient jdbc, Users users, Creators creators) {
		this.jdbc = jdbc;
		this.users = users;
		this.creators = creators;
	}

	/** Removes everything tests create, keeping the seeded regions, the admin and the admin's bootstrap token. */
	public void reset() {
		jdbc.sql("truncate creator_tier, creator_tier_history, tier_run, tier_threshold").update();
		jdbc.sql("delete from success_firing").update();
		jdbc.sql("delete from success_rule where not seeded").update();
		jdbc.sql("update success_rule set active = true where seeded").update();
		jdbc.sql("delete from coaching_session").update();
		jdbc.sql("delete from coaching_topic where not seeded").update();
		jdbc.sql("update coaching_topic set active = true where seeded").update();
		jdbc.sql("delete from onboarding_checklist_step").update();
		jdbc.sql("delete from onboarding_checklist").update();
		jdbc.sql("delete from onboarding_step where version_id in (select id from onboarding_template_version where not seeded)").update();
		jdbc.sql("delete from onboarding_template_version where not seeded").update();
		jdbc.sql("delete from onboarding_template where not seeded").update();
		jdbc.sql("delete from task").update();
		jdbc.sql("delete from business_holiday").update();
		jdbc.sql("delete from business_calendar").update();
		jdbc.sql("truncate platform_event, platform_event_id, projection_position").update();
		jdbc.sql("delete from creator").update();
		jdbc.sql("delete from api_token where user_id <> (select id from app_user where username = 'admin')").update();
		jdbc.sql("delete from app_user where username <> 'admin'").update();
		jdbc.sql("delete from region_country where region_code not in ('NA','LATAM','EU','MENA','SSA','SA','SEA','EA','OC')").update();
		jdbc.sql("delete from region where code not in ('NA','LATAM','EU','MENA','SSA','SA','SEA','EA','OC')").update();
		jdbc.sql("delete from audit_log").update();
		jdbc.sql("truncate activity_creator, activity_creator_day, activity_viewer_day, activity_stream, activity_stream_gift").update();
		jdbc.sql("truncate creator_milestone, milestone_announcement").update();
		jdbc.sql("delete from milestone_definition where not built_in").update();
		jdbc.sql("delete from event_publication").update();
	}

	public Viewer admin() {
		return users.viewerOf(users.findByUsername("admin").orElseThrow());
	}

	/** A creator manager working in the given regions, able to sign in with {@link #PASSWORD}. */
	public UserSummary manager(String username, String... regions) {
		return user(username, List.of(Role.CREATOR_MANAGER.name()), regions);
	}

	public UserSummary user(String username, List<String> roles, String... regions) {
		return users.create(new Users.UserDraft(username, displayName(username), username + "@example.com", PASSWORD, roles,
				List.of(regions)));
	}

	/** An integration token (ingest only) of a service user for the streaming platform. */
	public String integrationToken() {
		UserSummary platform = users.findByUsername("platform").orElseGet(() -> user("platform", List.of(Role.ANALYST.name())));
		return users.issueToken(platform.id(), "ingest", "INTEGRATION", null).secret();
	}

	/** A personal API token of the user. */
	public String tokenOf(UserSummary user) {
		return users.issueToken(user.id(), "test", "PERSONAL", null).secret();
	}

	public Creator creator(String creatorId, String handle, String country) {
		return creators.create(admin(), new CreatorDraft(creatorId, handle, country, null, null, null, null, null, null, null));
	}

	public Creator creator(String creatorId, String handle, String country, long managerId) {
		return creators.create(admin(), new CreatorDraft(creatorId, handle, country, null, null, null, managerId, null, null, null));
	}

	public Viewer viewerOf(UserSummary user) {
		return users.viewerOf(user);
	}

	private static String displayName(String username) {
		return Character.toUpperCase(username.charAt(0)) + username.substring(1).replace('.', ' ');
	}
}
