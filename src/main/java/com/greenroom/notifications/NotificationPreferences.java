package com.greenroom.notifications;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.system.Checks;
import com.greenroom.system.NotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which channels each user gets per notice kind. The in-app inbox is always on; EMAIL goes to the address in
 * the user's profile, WEBHOOK to the user's own URL or else the team webhook
 * ({@code greenroom.notifications.webhook.team-url}). A user without a choice for a kind gets the inbox only.
 */
@Service
class NotificationPreferences {

	private final JdbcClient jdbc;

	private final Users users;

	private final AuditLog audit;

	private final ObjectProvider<JavaMailSender> mail;

	private final String teamWebhookUrl;

	private final WebhookHosts webhookHosts;

	NotificationPreferences(JdbcClient jdbc, Users users, AuditLog audit, ObjectProvider<JavaMailSender> mail, WebhookHosts webhookHosts,
			@Value("${greenroom.notifications.webhook.team-url:}") String teamWebhookUrl) {
		this.jdbc = jdbc;
		this.users = users;
		this.audit = audit;
		this.mail = mail;
		this.webhookHosts = webhookHosts;
		this.teamWebhookUrl = teamWebhookUrl.isBlank() ? null : teamWebhookUrl.strip();
		if (this.teamWebhookUrl != null) {
			webhookHosts.checkConfigured(this.teamWebhookUrl, "greenroom.notifications.webhook.team-url");
		}
	}

	/** The user's choices for every kind, and what the channels can reach. */
	Preferences of(long userId) {
		UserSummary user = users.find(userId).orElseThrow(() -> new NotFoundException("User", userId));
		Map<NoticeKind, Set<NotificationChannel>> chosen = chosen(userId);
		List<KindChannels> kinds = new ArrayList<>();
		for (NoticeKind kind : NoticeKind.values()) {
			kinds.add(new KindChannels(kind, List.copyOf(chosen.getOrDefault(kind, EnumSet.of(NotificationChannel.IN_APP)))));
		}
		return new Preferences(kinds, webhookUrl(userId).orElse(null), user.email(), mailOn(), teamWebhookUrl != null);
	}

	/**
	 * Replaces the user's choices: every kind listed gets exactly its channels (plus the inbox), every kind not
	 * listed goes back to the inbox only; {@code webhookUrl} null removes the user's own URL. Audited.
	 */
	@Transactional
	Preferences replace(long userId, PreferencesChange change) {
		UserSummary user = users.find(userId).orElseThrow(() -> new NotFoundException("User", userId));
		Checks checks = new Checks();
		String webhookUrl = change == null ? null : Checks.blankToNull(change.webhookUrl());
		if (webhookUrl != null) {
			webhookHosts.check(checks, webhookUrl, "webhookUrl");
		}
		Map<NoticeKind, Set<NotificationChannel>> chosen = new EnumMap<>(NoticeKind.class);
		List<KindChange> kinds = change == null || change.kinds() == null ? List.of() : change.kinds();
		for (int i = 0; i < kinds.size(); i++) {
			KindChange entry = kinds.get(i);
			String at = "kinds[" + i + "]";
			if (entry == null) {
				checks.require(false, at, "is required");
				continue;
			}
			NoticeKind kind = parse(NoticeKind.class, entry.kind());
			checks.require(kind != null, at + ".kind", "must be one of " + Arrays.toString(NoticeKind.values()));
			checks.require(kind == null || !chosen.containsKey(kind), at + ".kind", "is listed twice");
			Set<NotificationChannel> channels = EnumSet.of(NotificationChannel.IN_APP);
			List<String> names = entry.channels() == null ? List.of() : entry.channels();
			for (int c = 0; c < names.size(); c++) {
				NotificationChannel channel = parse(NotificationChannel.class, names.get(c));
				checks.require(channel != null, at + ".channels[" + c + "]", "must be one of " + Arrays.toString(NotificationChannel.values()));
				if (channel == NotificationChannel.EMAIL) {
					checks.require(user.email() != null && !user.email().isBlank(), at + ".channels[" + c + "]",
							"EMAIL needs an email address in your profile");
				}
				if (channel == NotificationChannel.WEBHOOK) {
					checks.require(webhookUrl != null || teamWebhookUrl != null, at + ".channels[" + c + "]",
							"WEBHOOK needs a webhookUrl (no team webhook is configured)");
				}
				if (channel != null) {
					channels.add(channel);
				}
			}
			if (kind != null) {
				chosen.put(kind, channels);
			}
		}
		checks.throwIfAny();
		Preferences before = of(userId);
		jdbc.sql("delete from notification_preference where user_id = :user").param("user", userId).update();
		for (Map.Entry<NoticeKind, Set<NotificationChannel>> entry : chosen.entrySet()) {
			jdbc.sql("insert into notification_preference (user_id, kind, channels) values (:user, :kind, :channels)")
				.param("user", userId)
				.param("kind", entry.getKey().name())
				.param("channels", entry.getValue().stream().map(Enum::name).toArray(String[]::new))
				.update();
		}
		jdbc.sql("""
				insert into notification_settings (user_id, webhook_url) values (:user, :url)
				on conflict (user_id) do update set webhook_url = excluded.webhook_url""")
			.param("user", userId)
			.param("url", webhookUrl)
			.update();
		Preferences after = of(userId);
		audit.record("notification_preferences", userId, "update", null, before.withoutSecrets(), after.withoutSecrets());
		return after;
	}

	/** The channels beyond the inbox a notice of this kind goes to for this user. */
	Set<NotificationChannel> channelsFor(long userId, NoticeKind kind) {
		return jdbc.sql("select channels from notification_preference where user_id = :user and kind = :kind")
			.param("user", userId)
			.param("kind", kind.name())
			.query((rs, row) -> toChannels((String[]) rs.getArray("channels").getArray()))
			.optional()
			.orElse(EnumSet.of(NotificationChannel.IN_APP));
	}

	/** Where the user's webhook notices go: their own URL, else the team's, else nowhere. */
	Optional<String> webhookTarget(long userId) {
		return webhookUrl(userId).or(() -> Optional.ofNullable(teamWebhookUrl));
	}

	boolean mailOn() {
		return mail.getIfAvailable() != null;
	}

	private Optional<String> webhookUrl(long userId) {
		return jdbc.sql("select webhook_url from notification_settings where user_id = :user and webhook_url is not null")
			.param("user", userId)
			.query(String.class)
			.optional();
	}

	private Map<NoticeKind, Set<NotificationChannel>> chosen(long userId) {
		Map<NoticeKind, Set<NotificationChannel>> chosen = new EnumMap<>(NoticeKind.class);
		jdbc.sql("select kind, channels from notification_preference where user_id = :user")
			.param("user", userId)
			.query((rs, row) -> {
				NoticeKind kind = parse(NoticeKind.class, rs.getString("kind"));
				if (kind != null) {
					chosen.put(kind, toChannels((String[]) rs.getArray("channels").getArray()));
				}
				return kind;
			})
			.list();
		return chosen;
	}

	private static Set<NotificationChannel> toChannels(String[] names) {
		Set<NotificationChannel> channels = EnumSet.of(NotificationChannel.IN_APP);
		for (String name : names) {
			NotificationChannel channel = parse(NotificationChannel.class, name);
			if (channel != null) {
				channels.add(channel);
			}
		}
		return channels;
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String value) {
		if (value == null) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * A user's notification preferences: channels per kind (always with IN_APP), their own webhook URL, and
	 * what the channels can reach: the profile's email address, whether email is on at all, whether a team
	 * webhook exists.
	 */
	record Preferences(List<KindChannels> kinds, String webhookUrl, String email, boolean emailOn, boolean teamWebhook) {

		/** For the audit log: a webhook URL's path is a secret. */
		Preferences withoutSecrets() {
			return new Preferences(kinds, webhookUrl == null ? null : WebhookUrls.masked(webhookUrl), email, emailOn, teamWebhook);
		}

		boolean has(NoticeKind kind, NotificationChannel channel) {
			return kinds.stream().anyMatch(k -> k.kind() == kind && k.channels().contains(channel));
		}
	}

	record KindChannels(NoticeKind kind, List<NotificationChannel> channels) {
	}

	/** What a client sends: kinds and channels by name, so an unknown one is reported naming its field. */
	record PreferencesChange(List<KindChange> kinds, String webhookUrl) {
	}

	record KindChange(String kind, List<String> channels) {
	}
}
