package com.greenroom.comms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import com.greenroom.audit.AuditLog;
import com.greenroom.creators.Creator;
import com.greenroom.creators.Creators;
import com.greenroom.identity.Role;
import com.greenroom.identity.Viewer;
import com.greenroom.notifications.DeliveryStatus;
import com.greenroom.notifications.Outbox;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import com.greenroom.timers.TimerRequest;
import com.greenroom.timers.Timers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends a template to one creator, a list or a segment. A request is checked whole first; then the send,
 * one row per recipient (skipped ones with their reason: opted out, no email, no variant in their language)
 * and a delivery timer commit together. The timer hands recipients to the outbox in batches as the channel's
 * rate limit allows ({@link SendDelivery}). The requester's idempotency key makes a repeated request return
 * the same send: nobody is messaged twice.
 */
@Service
public class Sends {

	/** The timer kind that delivers a send's pending recipients. */
	static final String TIMER_KIND = "comms-send";

	static final int MAX_CREATOR_IDS = 1000;

	private final JdbcClient jdbc;

	private final Templates templates;

	private final Segments segments;

	private final Creators creators;

	/** Lazily, as every module that both schedules and handles timers does: the timers are built from their handlers. */
	private final ObjectProvider<Timers> timers;

	private final AuditLog audit;

	private final Clock clock;

	private final Outbox outbox;

	private final JsonMapper json = JsonMapper.builder().build();

	Sends(JdbcClient jdbc, Templates templates, Segments segments, Creators creators, ObjectProvider<Timers> timers, AuditLog audit, Clock clock,
			Outbox outbox) {
		this.outbox = outbox;
		this.jdbc = jdbc;
		this.templates = templates;
		this.segments = segments;
		this.creators = creators;
		this.timers = timers;
		this.audit = audit;
		this.clock = clock;
	}

	public boolean maySend(Viewer viewer) {
		return viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD) || viewer.has(Role.CREATOR_MANAGER);
	}

	/** A person's send; a repeated idempotency key answers the first send with {@code repeated} true. */
	@Transactional
	public Send send(Viewer viewer, SendRequest request) {
		if (!maySend(viewer)) {
			throw new AccessDeniedException("Only admins, regional leads and creator managers send messages to creators");
		}
		Checks checks = new Checks();
		checkKey(request.idempotencyKey(), checks);
		checks.require(request.template() != null && !request.template().isBlank(), "template", "is required: a template key");
		boolean byIds = request.creatorIds() != null;
		checks.require(byIds != (request.segment() != null), byIds ? "segment" : "creatorIds",
				"give either creatorIds or a segment, not both");
		if (byIds) {
			checks.require(!request.creatorIds().isEmpty(), "creatorIds", "name at least one creator");
			checks.require(request.creatorIds().size() <= MAX_CREATOR_IDS, "creatorIds", "at most " + MAX_CREATOR_IDS + " creators; use a segment");
			for (int i = 0; i < request.creatorIds().size() && i < MAX_CREATOR_IDS; i++) {
				checks.identifier(request.creatorIds().get(i), "creatorIds[" + i + "]");
			}
		}
		checks.throwIfAny();
		Optional<Send> existing = existing(viewer.userId(), request.idempotencyKey(), request.template());
		if (existing.isPresent()) {
			return existing.get();
		}
		MessageTemplate template = template(request.template());
		TemplateVersion forced = Checks.blankToNull(request.locale()) == null ? null : templates.variant(template, request.locale(), "locale");
		List<Creator> recipients;
		String audience;
		if (byIds) {
			Map<String, Creator> visible = creators.visible(viewer, request.creatorIds());
			Checks unknown = new Checks();
			for (int i = 0; i < request.creatorIds().size(); i++) {
				unknown.require(visible.containsKey(request.creatorIds().get(i)), "creatorIds[" + i + "]",
						"is not a creator in your regions: " + request.creatorIds().get(i));
			}
			unknown.throwIfAny();
			recipients = new LinkedHashSet<>(request.creatorIds()).stream().map(visible::get).toList();
			audience = recipients.size() == 1 ? "creator " + recipients.get(0).creatorId() : recipients.size() + " creators";
		}
		else {
			recipients = segments.resolve(viewer, request.segment());
			if (recipients.isEmpty()) {
				throw new InvalidInputException("segment", "matches no creators in your regions; nobody would get the message");
			}
			audience = "segment " + json.writeValueAsString(request.segment());
		}
		return create(viewer.userId(), viewer.username(), "MANUAL", null, request.idempotencyKey(), template, forced, recipients, audience);
	}

	/**
	 * A send on the platform's behalf (a support action, an onboarding step) to one creator, unscoped; the
	 * idempotency key (e.g. {@code support-action:42}) makes the trigger's retries send once. Returns the send,
	 * or empty when the template does not exist (the trigger's owner is told in the send's absence, not by failing).
	 */
	@Transactional
	public Optional<Send> sendOnBehalf(String templateKey, String creatorId, String idempotencyKey, String source, String sourceRef) {
		Optional<Send> existing = existing(null, idempotencyKey, templateKey);
		if (existing.isPresent()) {
			return existing;
		}
		Optional<MessageTemplate> template = templates.find(templateKey);
		Optional<Creator> creator = creators.find(creatorId);
		if (template.isEmpty() || creator.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(create(null, "system", source, sourceRef, idempotencyKey, template.get(), null, List.of(creator.get()),
				"creator " + creatorId));
	}

	private Send create(Long requesterId, String requestedBy, String source, String sourceRef, String key, MessageTemplate template,
			TemplateVersion forced, List<Creator> recipients, String audience) {
		Instant now = clock.instant();
		Long id = jdbc.sql("""
				insert into comms_send (template_id, channel, idempotency_key, requester_id, requested_by, source, source_ref, audience, locale,
				                        created_at)
				values (:template, :channel, :key, :requester, :by, :source, :ref, :audience, :locale, :now)
				on conflict (coalesce(requester_id, 0), idempotency_key) do nothing returning id""")
			.param("template", templates.idOf(template.key()))
			.param("channel", template.channel().name())
			.param("key", key)
			.param("requester", requesterId)
			.param("by", requestedBy)
			.param("source", source)
			.param("ref", sourceRef)
			.param("audience", audience)
			.param("locale", forced == null ? null : forced.locale())
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.optional()
			.orElse(null);
		if (id == null) {
			// a concurrent request with the same key committed first: answer with its send
			return existing(requesterId, key, template.key()).orElseThrow();
		}
		int pending = 0;
		for (Creator creator : recipients) {
			Plan plan = plan(template, forced, creator);
			jdbc.sql("""
					insert into comms_send_recipient (send_id, creator_id, region_code, status, reason, locale, version)
					values (:send, :creator, :region, :status, :reason, :locale, :version)""")
				.param("send", id)
				.param("creator", creator.creatorId())
				.param("region", creator.regionCode())
				.param("status", plan.status())
				.param("reason", plan.reason())
				.param("locale", plan.variant() == null ? null : plan.variant().locale())
				.param("version", plan.variant() == null ? null : plan.variant().version())
				.update();
			pending += plan.status().equals("PENDING") ? 1 : 0;
		}
		if (pending > 0) {
			timers.getObject().schedule(new TimerRequest(TIMER_KIND, timerKey(id, 1), now, String.valueOf(id)));
		}
		Send created = load(id, null, false);
		String region = recipients.stream().map(Creator::regionCode).distinct().count() == 1 ? recipients.get(0).regionCode() : null;
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("template", template.key());
		summary.put("audience", audience);
		summary.put("idempotencyKey", key);
		summary.put("counts", created.counts());
		audit.recordAs(requestedBy, "comms_send", id, "requested", region, null, summary);
		return created;
	}

	/** Who gets what: skipped with a reason, or pending with the variant chosen for them. */
	Plan plan(MessageTemplate template, TemplateVersion forced, Creator creator) {
		if (creator.commsOptOut()) {
			return new Plan("SKIPPED", "opted out of communications", null);
		}
		if (template.channel() == Channel.EMAIL && creator.email() == null) {
			return new Plan("SKIPPED", "has no email address", null);
		}
		Optional<TemplateVersion> variant = forced != null ? Optional.of(forced) : templates.variantFor(template, creator);
		return variant.map(v -> new Plan("PENDING", null, v))
			.orElseGet(() -> new Plan("SKIPPED", "template has no variant in " + String.join(", ", templates.languagesTried(creator)), null));
	}

	record Plan(String status, String reason, TemplateVersion variant) {
	}

	static String timerKey(long sendId, int batch) {
		return TIMER_KIND + ":" + sendId + ":" + batch;
	}

	/** Recipients on one page of a send when the reader names no size. */
	public static final int DEFAULT_PAGE_SIZE = 100;

	/** The most recipients one page of a send holds. */
	public static final int MAX_PAGE_SIZE = 500;

	/** The send with the first page of the recipients the viewer may see; 404 when they may see none of it. */
	public Send get(Viewer viewer, long id) {
		return get(viewer, id, null, null);
	}

	/**
	 * The send with one page ({@code page} from 1, default 1; {@code size} 1 to 500, default 100) of the recipients
	 * the viewer may see, and their counts and total; 404 when they may see none of it.
	 */
	public Send get(Viewer viewer, long id, Integer page, Integer size) {
		Checks checks = new Checks();
		checks.require(page == null || page >= 1, "page", "must be 1 or more");
		checks.require(size == null || (size >= 1 && size <= MAX_PAGE_SIZE), "size", "must be between 1 and " + MAX_PAGE_SIZE);
		checks.throwIfAny();
		Send send = load(id, viewer.regionFilter(), false, page == null ? 1 : page, size == null ? DEFAULT_PAGE_SIZE : size);
		if (send == null || send.total() == 0 && !viewer.isAdmin()) {
			throw new NotFoundException("Send", id);
		}
		return send;
	}

	/** The newest sends with a recipient in the viewer's regions. */
	public List<SendSummary> recent(Viewer viewer, int limit) {
		return jdbc.sql("""
				select s.id, t.template_key, s.channel, s.requested_by, s.source, s.audience, s.created_at,
				       (select count(*) from comms_send_recipient r where r.send_id = s.id) as recipients
				from comms_send s join comms_template t on t.id = s.template_id
				where cast(:regions as text[]) is null or exists (select 1 from comms_send_recipient r
				      where r.send_id = s.id and r.region_code = any(cast(:regions as text[])))
				order by s.created_at desc, s.id desc limit :limit""")
			.param("regions", viewer.regionFilter())
			.param("limit", limit)
			.query((rs, n) -> new SendSummary(rs.getLong("id"), rs.getString("template_key"), Channel.valueOf(rs.getString("channel")),
					rs.getString("requested_by"), rs.getString("source"), rs.getString("audience"), rs.getTimestamp("created_at").toInstant(),
					rs.getInt("recipients")))
			.list();
	}

	/** A line in the list of sends. */
	public record SendSummary(long id, String template, Channel channel, String requestedBy, String source, String audience,
			Instant createdAt, int recipients) {
	}

	/** What the creator was sent (or skipped for), newest first; 404 outside the viewer's regions. */
	public List<CreatorMessage> history(Viewer viewer, String creatorId) {
		creators.get(viewer, creatorId);
		return history(creatorId);
	}

	List<CreatorMessage> history(String creatorId) {
		return jdbc.sql("""
				select s.id, t.template_key, s.channel, s.requested_by, s.source, s.created_at, r.status, r.reason, r.locale, r.version,
				       r.subject, r.outbox_id, r.queued_at
				from comms_send_recipient r join comms_send s on s.id = r.send_id join comms_template t on t.id = s.template_id
				where r.creator_id = :creator order by s.created_at desc, s.id desc limit 200""")
			.param("creator", creatorId)
			.query((rs, n) -> {
				long outbox = rs.getLong("outbox_id");
				Long outboxId = rs.wasNull() ? null : outbox;
				Delivery delivery = delivery(rs.getString("status"), outboxId);
				return new CreatorMessage(rs.getLong("id"), rs.getString("template_key"), Channel.valueOf(rs.getString("channel")),
						rs.getString("requested_by"), rs.getString("source"), rs.getTimestamp("created_at").toInstant(), delivery.status(),
						delivery.reason() != null ? delivery.reason() : rs.getString("reason"), rs.getString("locale"),
						(Integer) rs.getObject("version"), rs.getString("subject"), delivery.sentAt());
			})
			.list();
	}

	/** One message to one creator, as their history shows it. */
	public record CreatorMessage(long sendId, String template, Channel channel, String requestedBy, String source, Instant requestedAt,
			String status, String reason, String locale, Integer version, String subject, Instant sentAt) {
	}

	private Optional<Send> existing(Long requesterId, String key, String templateKey) {
		Optional<Long> id = jdbc.sql("select id from comms_send where coalesce(requester_id, 0) = :requester and idempotency_key = :key")
			.param("requester", requesterId == null ? 0L : requesterId)
			.param("key", key)
			.query(Long.class)
			.optional();
		if (id.isEmpty()) {
			return Optional.empty();
		}
		Send send = load(id.get(), null, true);
		if (!send.template().equals(templateKey)) {
			throw new ConflictException("idempotencyKey", "was already used for a send of template " + send.template()
					+ "; use a new key for a different message");
		}
		return Optional.of(send);
	}

	private MessageTemplate template(String key) {
		return templates.find(key).orElseThrow(() -> new InvalidInputException("template", "is not a known template: " + key));
	}

	private static void checkKey(String key, Checks checks) {
		checks.require(key != null && !key.isBlank(), "idempotencyKey",
				"is required: a key of yours that is the same when you repeat this request (e.g. a UUID)");
		checks.require(key == null || key.length() <= 200 && key.indexOf('\u0000') < 0, "idempotencyKey",
				"must be at most 200 characters, without NUL");
	}

	/** The send with the first page of its recipients (only those in {@code regions}, unless null). */
	Send load(long id, String[] regions, boolean repeated) {
		return load(id, regions, repeated, 1, MAX_PAGE_SIZE);
	}

	/** The send with one page of its recipients (only those in {@code regions}, unless null) and their counts. */
	Send load(long id, String[] regions, boolean repeated, int page, int size) {
		Optional<Map<String, Object>> row = jdbc.sql("""
				select s.*, t.template_key from comms_send s join comms_template t on t.id = s.template_id where s.id = :id""")
			.param("id", id)
			.query((rs, n) -> {
				Map<String, Object> m = new HashMap<>();
				for (String c : List.of("template_key", "channel", "idempotency_key", "requested_by", "source", "source_ref", "audience",
						"locale")) {
					m.put(c, rs.getString(c));
				}
				m.put("created_at", rs.getTimestamp("created_at").toInstant());
				return m;
			})
			.optional();
		if (row.isEmpty()) {
			return null;
		}
		// counts over every visible recipient: ours until the outbox has the message, then the outbox's
		List<Object[]> states = jdbc.sql("""
				select status, outbox_id from comms_send_recipient where send_id = :id
				and (cast(:regions as text[]) is null or region_code = any(cast(:regions as text[])))""")
			.param("id", id)
			.param("regions", regions)
			.query((rs, n) -> new Object[] { rs.getString("status"), rs.getObject("outbox_id", Long.class) })
			.list();
		Map<Long, com.greenroom.notifications.Delivery> deliveries = outbox
			.statuses(states.stream().map(state -> (Long) state[1]).filter(java.util.Objects::nonNull).toList());
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (String status : List.of("PENDING", "QUEUED", "SENT", "FAILED", "SKIPPED")) {
			counts.put(status, 0);
		}
		for (Object[] state : states) {
			counts.merge(delivery((String) state[0], (Long) state[1], deliveries).status(), 1, Integer::sum);
		}
		List<Send.Recipient> recipients = jdbc.sql("""
				select * from comms_send_recipient where send_id = :id
				and (cast(:regions as text[]) is null or region_code = any(cast(:regions as text[])))
				order by creator_id limit :size offset :offset""")
			.param("id", id)
			.param("regions", regions)
			.param("size", size)
			.param("offset", (long) (page - 1) * size)
			.query((rs, n) -> recipient(rs, deliveries))
			.list();
		Map<String, Object> s = row.get();
		return new Send(id, (String) s.get("template_key"), Channel.valueOf((String) s.get("channel")), (String) s.get("idempotency_key"),
				(String) s.get("requested_by"), (String) s.get("source"), (String) s.get("source_ref"), (String) s.get("audience"),
				(String) s.get("locale"), (Instant) s.get("created_at"), counts, recipients, states.size(), page, size, repeated);
	}

	private Send.Recipient recipient(ResultSet rs, Map<Long, com.greenroom.notifications.Delivery> deliveries) throws SQLException {
		long outbox = rs.getLong("outbox_id");
		Long outboxId = rs.wasNull() ? null : outbox;
		Delivery delivery = delivery(rs.getString("status"), outboxId, deliveries);
		Timestamp queued = rs.getTimestamp("queued_at");
		return new Send.Recipient(rs.getString("creator_id"), delivery.status(),
				delivery.reason() != null ? delivery.reason() : rs.getString("reason"), rs.getString("locale"), (Integer) rs.getObject("version"),
				rs.getString("address"), rs.getString("subject"), outboxId, delivery.attempts(), queued == null ? null : queued.toInstant(),
				delivery.sentAt());
	}

	/** A recipient's status: ours until the outbox has the message, then the outbox's (QUEUED, SENT, FAILED with reason). */
	private Delivery delivery(String status, Long outboxId) {
		return delivery(status, outboxId, outboxId == null ? Map.of() : Map.of(outboxId, outbox.status(outboxId)));
	}

	private static Delivery delivery(String status, Long outboxId, Map<Long, com.greenroom.notifications.Delivery> deliveries) {
		com.greenroom.notifications.Delivery d = outboxId == null ? null : deliveries.get(outboxId);
		if (d == null) {
			return new Delivery(status, null, 0, null);
		}
		return new Delivery(d.status().name(), d.status() == DeliveryStatus.SENT ? null : d.failure(), d.attempts(), d.sentAt());
	}

	private record Delivery(String status, String reason, int attempts, Instant sentAt) {
	}
}
