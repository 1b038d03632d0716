package com.greenroom.comms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.greenroom.audit.AuditLog;
import com.greenroom.creators.Creator;
import com.greenroom.creators.CreatorId;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Role;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Message templates: global, one channel each, with locale variants whose every save is a new version (the
 * latest of a locale is current; sends record the version they used). Admins and regional leads write them;
 * everyone signed in reads and previews them. A placeholder no source declares is refused at save time.
 */
@Service
public class Templates {

	static final String KEY_RULE = "must be 1 to 60 lower-case letters, digits or dashes, starting with a letter or digit";

	private static final String FALLBACK_LANGUAGE = "en";

	private final JdbcClient jdbc;

	private final TemplateText text;

	private final Creators creators;

	private final AuditLog audit;

	private final Clock clock;

	Templates(JdbcClient jdbc, TemplateText text, Creators creators, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.text = text;
		this.creators = creators;
		this.audit = audit;
		this.clock = clock;
	}

	/** The placeholders templates may use. */
	public List<Placeholder> placeholders() {
		return List.copyOf(text.known().values());
	}

	public List<MessageTemplate> list() {
		return jdbc.sql("select * from comms_template order by template_key").query(this::template).list();
	}

	public Optional<MessageTemplate> find(String key) {
		return jdbc.sql("select * from comms_template where template_key = :key").param("key", key).query(this::template).optional();
	}

	public MessageTemplate get(String key) {
		return find(key).orElseThrow(() -> new NotFoundException("Template", key));
	}

	/** Every version of the template, newest first. */
	public List<TemplateVersion> versions(String key) {
		long id = idOf(key);
		return jdbc.sql("select * from comms_template_version where template_id = :id order by version desc")
			.param("id", id)
			.query(Templates::version)
			.list();
	}

	public TemplateVersion version(String key, int version) {
		return jdbc.sql("select * from comms_template_version where template_id = :id and version = :version")
			.param("id", idOf(key))
			.param("version", version)
			.query(Templates::version)
			.optional()
			.orElseThrow(() -> new NotFoundException("Template version", key + "/" + version));
	}

	public boolean mayEdit(Viewer viewer) {
		return viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD);
	}

	/**
	 * Saves a locale variant as the template's next version, creating the template on its first save. Every
	 * field is checked first (placeholders included); a refused save changes nothing.
	 */
	@Transactional
	public MessageTemplate save(Viewer viewer, TemplateDraft draft) {
		if (!mayEdit(viewer)) {
			throw new AccessDeniedException("Only admins and regional leads write message templates");
		}
		Checks checks = new Checks();
		checks.require(draft.key() != null && draft.key().matches("^[a-z0-9][a-z0-9-]{0,59}$"), "key", KEY_RULE);
		checks.optionalText(draft.purpose(), "purpose", 500);
		Channel channel = parseChannel(draft.channel(), checks);
		String locale = normalizeLocale(draft.locale(), "locale", checks);
		checks.text(draft.subject(), "subject", 300);
		checks.text(draft.body(), "body", 20_000);
		checks.require(draft.subject() == null || draft.subject().indexOf('\n') < 0, "subject", "must be one line");
		for (String[] field : new String[][] { { "purpose", draft.purpose() }, { "subject", draft.subject() }, { "body", draft.body() } }) {
			checks.require(field[1] == null || field[1].indexOf('\u0000') < 0, field[0], "must not contain NUL characters");
		}
		text.check(draft.subject(), "subject", checks);
		text.check(draft.body(), "body", checks);
		checks.throwIfAny();
		Instant now = clock.instant();
		Optional<MessageTemplate> existing = find(draft.key());
		MessageTemplate before = existing.orElse(null);
		if (existing.isPresent() && draft.channel() != null && existing.get().channel() != channel) {
			throw new ConflictException("channel", "Template " + draft.key() + " sends by " + existing.get().channel()
					+ "; a template's channel never changes, create another key instead");
		}
		if (existing.isEmpty()) {
			if (channel == null) {
				throw new InvalidInputException("channel", "is required for a new template: EMAIL or IN_APP");
			}
			jdbc.sql("""
					insert into comms_template (template_key, purpose, channel, created_by, created_at, updated_at)
					values (:key, :purpose, :channel, :by, :now, :now) on conflict (template_key) do nothing""")
				.param("key", draft.key())
				.param("purpose", draft.purpose() == null ? "" : draft.purpose().strip())
				.param("channel", channel.name())
				.param("by", viewer.username())
				.param("now", Timestamp.from(now))
				.update();
		}
		long id = jdbc.sql("select id from comms_template where template_key = :key for update")
			.param("key", draft.key())
			.query(Long.class)
			.single();
		jdbc.sql("""
				insert into comms_template_version (template_id, version, locale, subject, body, created_by, created_at)
				values (:id, (select coalesce(max(version), 0) + 1 from comms_template_version where template_id = :id), :locale, :subject,
				        :body, :by, :now)""")
			.param("id", id)
			.param("locale", locale)
			.param("subject", draft.subject().strip())
			.param("body", draft.body())
			.param("by", viewer.username())
			.param("now", Timestamp.from(now))
			.update();
		jdbc.sql("update comms_template set updated_at = :now, purpose = coalesce(:purpose, purpose) where id = :id")
			.param("now", Timestamp.from(now))
			.param("purpose", draft.purpose() == null ? null : draft.purpose().strip())
			.param("id", id)
			.update();
		MessageTemplate after = get(draft.key());
		audit.record("comms_template", draft.key(), before == null ? "created" : "version saved", null, before, after);
		return after;
	}

	/** The current variant of the template for a creator: their language, its primary language, the region's, then English. */
	public Optional<TemplateVersion> variantFor(MessageTemplate template, Creator creator) {
		List<String> wanted = new ArrayList<>();
		if (creator.language() != null && Checks.isLanguageTag(creator.language())) {
			wanted.add(creator.language());
		}
		regionLanguage(creator.regionCode()).ifPresent(wanted::add);
		wanted.add(FALLBACK_LANGUAGE);
		for (String language : wanted) {
			Optional<TemplateVersion> match = match(template, language);
			if (match.isPresent()) {
				return match;
			}
		}
		return Optional.empty();
	}

	/** The languages tried for a creator, for a reason when none matches. */
	List<String> languagesTried(Creator creator) {
		List<String> wanted = new ArrayList<>();
		if (creator.language() != null) {
			wanted.add(creator.language());
		}
		regionLanguage(creator.regionCode()).ifPresent(wanted::add);
		wanted.add(FALLBACK_LANGUAGE);
		return wanted.stream().distinct().toList();
	}

	/** An exact locale first, then the same primary language ({@code pt-PT} takes {@code pt}, then {@code pt-BR}). */
	static Optional<TemplateVersion> match(MessageTemplate template, String language) {
		String primary = Locale.forLanguageTag(language).getLanguage();
		return template.variants()
			.stream()
			.filter(v -> v.locale().equalsIgnoreCase(language))
			.findFirst()
			.or(() -> template.variants().stream().filter(v -> v.locale().equalsIgnoreCase(primary)).findFirst())
			.or(() -> template.variants().stream().filter(v -> Locale.forLanguageTag(v.locale()).getLanguage().equals(primary)).findFirst());
	}

	/** The variant with exactly this locale; 400 naming {@code field} when the template has none. */
	TemplateVersion variant(MessageTemplate template, String locale, String field) {
		Checks checks = new Checks();
		String normalized = normalizeLocale(locale, field, checks);
		checks.throwIfAny();
		return template.variants()
			.stream()
			.filter(v -> v.locale().equalsIgnoreCase(normalized))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException(field,
					"template " + template.key() + " has no " + normalized + " variant; it has " + template.locales()));
	}

	/** The saved template rendered for a creator the viewer may see (404 otherwise), in their locale or the one asked for. */
	public Preview preview(Viewer viewer, String key, String creatorId, String locale) {
		MessageTemplate template = get(key);
		Creator creator = creators.get(viewer, CreatorId.parse(creatorId, "creatorId"));
		TemplateVersion variant = locale == null || locale.isBlank() ? variantFor(template, creator).orElseThrow(
				() -> new InvalidInputException("locale", "template " + key + " has no variant in " + languagesTried(creator)
						+ "; add one or name a locale"))
				: variant(template, locale, "locale");
		return render(creator, variant);
	}

	/** Unsaved subject and body (the editor's live preview) rendered for a creator; placeholders checked as on save. */
	public Preview previewText(Viewer viewer, String creatorId, String subject, String body) {
		Checks checks = new Checks();
		checks.identifier(creatorId, "creatorId");
		checks.optionalText(subject, "subject", 300).optionalText(body, "body", 20_000);
		text.check(subject, "subject", checks);
		text.check(body, "body", checks);
		checks.throwIfAny();
		Creator creator = creators.get(viewer, creatorId);
		Map<String, String> values = text.values(creator);
		return new Preview(creator.creatorId(), creator.handle(), null, null, subject == null ? "" : TemplateText.render(subject, values),
				body == null ? "" : TemplateText.render(body, values));
	}

	Preview render(Creator creator, TemplateVersion variant) {
		Map<String, String> values = text.values(creator);
		return new Preview(creator.creatorId(), creator.handle(), variant.locale(), variant.version(),
				TemplateText.render(variant.subject(), values), TemplateText.render(variant.body(), values));
	}

	long idOf(String key) {
		return jdbc.sql("select id from comms_template where template_key = :key")
			.param("key", key)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("Template", key));
	}

	private Optional<String> regionLanguage(String region) {
		return region == null ? Optional.empty()
				: jdbc.sql("select language from comms_region_language where region_code = :r").param("r", region).query(String.class).optional();
	}

	static Channel parseChannel(String value, Checks checks) {
		if (value == null) {
			return null;
		}
		for (Channel channel : Channel.values()) {
			if (channel.name().equalsIgnoreCase(value.strip())) {
				return channel;
			}
		}
		checks.require(false, "channel", "must be EMAIL or IN_APP");
		return null;
	}

	/** A BCP 47 tag in its canonical case ({@code pt-br} is {@code pt-BR}). */
	static String normalizeLocale(String value, String field, Checks checks) {
		if (value == null || !Checks.isLanguageTag(value.strip())) {
			checks.require(false, field, "must be a BCP 47 language tag such as en, es or pt-BR");
			return null;
		}
		return Locale.forLanguageTag(value.strip()).toLanguageTag();
	}

	private MessageTemplate template(ResultSet rs, int row) throws SQLException {
		long id = rs.getLong("id");
		Map<String, TemplateVersion> current = new LinkedHashMap<>();
		jdbc.sql("""
				select distinct on (lower(locale)) * from comms_template_version where template_id = :id
				order by lower(locale), version desc""")
			.param("id", id)
			.query(Templates::version)
			.list()
			.forEach(v -> current.put(v.locale(), v));
		return new MessageTemplate(rs.getString("template_key"), rs.getString("purpose"), Channel.valueOf(rs.getString("channel")),
				List.copyOf(current.values()), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

	private static TemplateVersion version(ResultSet rs, int row) throws SQLException {
		return new TemplateVersion(rs.getInt("version"), rs.getString("locale"), rs.getString("subject"), rs.getString("body"),
				rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
	}
}
