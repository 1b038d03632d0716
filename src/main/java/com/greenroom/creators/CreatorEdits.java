package com.greenroom.creators;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.InvalidInputException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The team's changes to the roster: adding a creator by hand, editing one, and assigning managers one
 * by one or in bulk. Each change is audited, and each manager change publishes
 * {@link CreatorManagerChanged}, in the transaction that makes it.
 */
@Service
public class CreatorEdits {

	/** Fields a PATCH may name. */
	static final Set<String> EDITABLE = Set.of("handle", "country", "region", "language", "timeZone", "managerId", "status", "notes",
			"registeredAt", "email", "commsOptOut");

	private final JdbcClient jdbc;

	private final Regions regions;

	private final Users users;

	private final CreatorRows creators;

	private final CreatorRegistrations registrations;

	private final AuditLog audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final ManagerChanges changes;

	private final AutoAssignment autoAssignment;

	CreatorEdits(JdbcClient jdbc, Regions regions, Users users, CreatorRows creators, CreatorRegistrations registrations, AuditLog audit,
			Clock clock, ApplicationEventPublisher events, ManagerChanges changes, AutoAssignment autoAssignment) {
		this.changes = changes;
		this.autoAssignment = autoAssignment;
		this.jdbc = jdbc;
		this.regions = regions;
		this.users = users;
		this.creators = creators;
		this.registrations = registrations;
		this.audit = audit;
		this.clock = clock;
		this.events = events;
	}

	@Transactional
	public Creator create(Viewer viewer, CreatorDraft draft) {
		requireEditor(viewer);
		Checks checks = new Checks();
		checks.identifier(draft.creatorId(), "creatorId").text(draft.handle(), "handle", 100).country(draft.country(), "country");
		checks.optionalText(draft.notes(), "notes", 10_000);
		checkEmail(draft.email(), checks);
		noNul(checks, "handle", draft.handle());
		noNul(checks, "notes", draft.notes());
		checkLanguage(draft.language(), checks);
		if (draft.timeZone() != null) {
			checks.timeZone(draft.timeZone(), "timeZone");
		}
		CreatorStatus status = parseStatus(draft.status() == null ? "ACTIVE" : draft.status(), checks);
		checks.throwIfAny();
		Region region = resolveRegion(draft.region(), draft.country());
		if (!viewer.canSee(region.code())) {
			throw new InvalidInputException("region", "is not one of your regions: " + region.code());
		}
		if (draft.managerId() != null) {
			checkManager(draft.managerId(), region.code(), "managerId");
		}
		if (creators.find(draft.creatorId()).isPresent()) {
			throw new ConflictException("creatorId", "A creator with id " + draft.creatorId() + " already exists");
		}
		Instant now = clock.instant();
		jdbc.sql("""
				insert into creator (creator_id, handle, country, region_code, language, time_zone, manager_id, status, registered_at, notes,
				                     created_at, updated_at, email, comms_opt_out)
				values (:creatorId, :handle, :country, :region, :language, :zone, :manager, :status, :registeredAt, :notes, :now, :now,
				        :email, :optOut)""")
			.param("email", Checks.blankToNull(draft.email()))
			.param("optOut", Boolean.TRUE.equals(draft.commsOptOut()))
			.param("creatorId", draft.creatorId())
			.param("handle", draft.handle().strip())
			.param("country", draft.country())
			.param("region", region.code())
			.param("language", Checks.blankToNull(draft.language()))
			.param("zone", draft.timeZone() == null ? region.timeZone() : draft.timeZone())
			.param("manager", draft.managerId())
			.param("status", status.name())
			.param("registeredAt", draft.registeredAt() == null ? Timestamp.from(now) : Timestamp.from(draft.registeredAt()))
			.param("notes", draft.notes() == null ? "" : draft.notes())
			.param("now", Timestamp.from(now))
			.update();
		Creator created = creators.find(draft.creatorId()).orElseThrow();
		audit.record("creator", created.creatorId(), "created", created.regionCode(), null, created);
		// work may already name this creator id (tasks carry the handle)
		events.publishEvent(CreatorHandleChanged.of(created.creatorId(), created.handle()));
		if (created.managerId() != null) {
			events.publishEvent(new CreatorManagerChanged(created.creatorId(), created.regionCode(), null, created.managerId()));
		}
		if (created.status() != CreatorStatus.PENDING) {
			created = autoAssignment.assignIfUnmanaged(created);
			registrations.announce(created);
		}
		return created;
	}

	/**
	 * Applies a partial change. Keys absent from {@code changes} stay as they are; a key with null clears
	 * an optional field (manager, language).
	 */
	@Transactional
	public Creator update(Viewer viewer, CreatorId creatorId, Map<String, Object> changes) {
		requireEditor(viewer);
		Creator before = creators.get(viewer, creatorId.value());
		Checks checks = new Checks();
		changes.keySet().stream().filter(k -> !EDITABLE.contains(k)).sorted()
			.forEach(k -> checks.require(false, k, "is not a field that can be changed; use one of " + EDITABLE.stream().sorted().toList()));
		String handle = text(changes, "handle", before.handle(), checks);
		String country = text(changes, "country", before.country(), checks);
		String regionCode = text(changes, "region", before.regionCode(), checks);
		String language = text(changes, "language", before.language(), checks);
		String timeZone = text(changes, "timeZone", before.timeZone(), checks);
		String notes = text(changes, "notes", before.notes(), checks);
		String statusName = text(changes, "status", before.status().name(), checks);
		String email = text(changes, "email", before.email(), checks);
		boolean optOut = before.commsOptOut();
		if (changes.containsKey("commsOptOut")) {
			Object raw = changes.get("commsOptOut");
			checks.require(raw instanceof Boolean, "commsOptOut", "must be true or false");
			optOut = raw instanceof Boolean b ? b : optOut;
		}
		checkEmail(email, checks);
		Instant registeredAt = before.registeredAt();
		if (changes.containsKey("registeredAt")) {
			registeredAt = parseInstant(changes.get("registeredAt"), "registeredAt", checks);
		}
		Long managerId = before.managerId();
		if (changes.containsKey("managerId")) {
			Object raw = changes.get("managerId");
			boolean integral = raw instanceof Integer || raw instanceof Long || raw instanceof java.math.BigInteger b && b.bitLength() < 64;
			managerId = integral ? Long.valueOf(((Number) raw).longValue()) : null;
			checks.require(raw == null || integral, "managerId", "must be a user id (a whole number) or null");
		}
		checks.text(handle, "handle", 100).country(country, "country").optionalText(notes, "notes", 10_000);
		if (timeZone != null) {
			checks.timeZone(timeZone, "timeZone");
		}
		checkLanguage(language, checks);
		CreatorStatus status = parseStatus(statusName, checks);
		for (String field : List.of("handle", "region", "notes")) {
			noNul(checks, field, changes.get(field) instanceof String s ? s : null);
		}
		checks.throwIfAny();
		if (changes.containsKey("region") || changes.containsKey("country") && regionCode == null) {
			regionCode = resolveRegion(regionCode, country).code();
		}
		if (regionCode != null && !viewer.canSee(regionCode)) {
			throw new InvalidInputException("region", "is not one of your regions: " + regionCode);
		}
		if (managerId != null && (changes.containsKey("managerId") || changes.containsKey("region"))) {
			checkManager(managerId, regionCode, "managerId");
		}
		jdbc.sql("""
				update creator set handle = :handle, country = :country, region_code = :region, language = :language, time_zone = :zone,
				       manager_id = :manager, status = :status, registered_at = :registeredAt, notes = :notes, updated_at = :now,
				       email = :email, comms_opt_out = :optOut
				where creator_id = :creatorId""")
			.param("email", Checks.blankToNull(email))
			.param("optOut", optOut)
			.param("handle", handle.strip())
			.param("country", country)
			.param("region", regionCode)
			.param("language", Checks.blankToNull(language))
			.param("zone", timeZone)
			.param("manager", managerId)
			.param("status", status.name())
			.param("registeredAt", registeredAt == null ? null : Timestamp.from(registeredAt))
			.param("notes", notes == null ? "" : notes)
			.param("now", Timestamp.from(clock.instant()))
			.param("creatorId", creatorId.value())
			.update();
		Creator after = creators.find(creatorId.value()).orElseThrow();
		audit.record("creator", creatorId.value(), "updated", after.regionCode(), before, after);
		if (!Objects.equals(before.handle(), after.handle())) {
			events.publishEvent(CreatorHandleChanged.of(creatorId.value(), after.handle()));
		}
		if (!Objects.equals(before.managerId(), after.managerId())) {
			events.publishEvent(new CreatorManagerChanged(creatorId.value(), after.regionCode(), before.managerId(), after.managerId()));
		}
		return after;
	}

	/**
	 * Gives many creators one manager (or none). All-or-nothing: every creator must be visible to the
	 * viewer and in a region the manager works in.
	 */
	@Transactional
	public List<Creator> assignManager(Viewer viewer, List<String> creatorIds, Long managerId) {
		requireEditor(viewer);
		if (creatorIds == null || creatorIds.isEmpty()) {
			throw new InvalidInputException("creatorIds", "select at least one creator");
		}
		if (creatorIds.size() > 1000) {
			throw new InvalidInputException("creatorIds", "at most 1000 creators at a time");
		}
		Checks checks = new Checks();
		for (int i = 0; i < creatorIds.size(); i++) {
			checks.identifier(creatorIds.get(i), "creatorIds[" + i + "]");
		}
		checks.throwIfAny();
		List<Creator> before = new ArrayList<>();
		for (String id : new LinkedHashSet<>(creatorIds)) {
			before.add(creators.get(viewer, id));
		}
		if (managerId != null) {
			for (Creator creator : before) {
				checkManager(managerId, creator.regionCode(), "managerId");
			}
		}
		List<Creator> after = new ArrayList<>();
		for (Creator creator : before) {
			after.add(changes.set(creator, managerId, managerId == null ? "manager removed" : "manager assigned", null));
		}
		return after;
	}

	private Region resolveRegion(String regionCode, String country) {
		if (regionCode != null && !regionCode.isBlank()) {
			return regions.find(regionCode).orElseThrow(() -> new InvalidInputException("region", "is not a known region: " + regionCode));
		}
		return regions.forCountry(country)
			.orElseThrow(() -> new InvalidInputException("region", "is required: country " + country + " is not mapped to a region"));
	}

	private void checkManager(long managerId, String regionCode, String field) {
		UserSummary manager = users.find(managerId).orElseThrow(() -> new InvalidInputException(field, "is not a known user: " + managerId));
		if (!manager.enabled()) {
			throw new InvalidInputException(field, manager.username() + " is disabled");
		}
		if (!manager.roles().contains(Role.CREATOR_MANAGER) && !manager.roles().contains(Role.REGIONAL_LEAD)) {
			throw new InvalidInputException(field, manager.username() + " is not a creator manager or regional lead");
		}
		if (regionCode == null || !manager.regions().contains(regionCode)) {
			throw new InvalidInputException(field, manager.username() + " does not work in region " + regionCode);
		}
	}

	static void requireEditor(Viewer viewer) {
		if (!viewer.isAdmin() && !viewer.has(Role.REGIONAL_LEAD) && !viewer.has(Role.CREATOR_MANAGER)) {
			throw new AccessDeniedException("Only admins, regional leads and creator managers change creators");
		}
	}

	static CreatorStatus parseStatus(String value, Checks checks) {
		for (CreatorStatus status : CreatorStatus.values()) {
			if (status.name().equalsIgnoreCase(value)) {
				return status;
			}
		}
		checks.require(false, "status", "must be one of PENDING, ACTIVE, PAUSED, OFFBOARDED");
		return CreatorStatus.ACTIVE;
	}

	private static void noNul(Checks checks, String field, String value) {
		checks.require(value == null || value.indexOf('\u0000') < 0, field, "must not contain NUL characters");
	}

	private static void checkEmail(String email, Checks checks) {
		checks.email(email, "email");
		checks.require(email == null || email.length() <= 320, "email", "must be at most 320 characters");
	}

	private static void checkLanguage(String language, Checks checks) {
		if (language != null && !language.isBlank()) {
			checks.require(Checks.isLanguageTag(language), "language", "must be a BCP 47 language tag such as pt-BR");
		}
	}

	private static String text(Map<String, Object> changes, String key, String current, Checks checks) {
		if (!changes.containsKey(key)) {
			return current;
		}
		Object value = changes.get(key);
		if (value == null || value instanceof String) {
			return (String) value;
		}
		checks.require(false, key, "must be a string");
		return current;
	}

	private static Instant parseInstant(Object value, String field, Checks checks) {
		if (value == null) {
			return null;
		}
		try {
			Instant instant = OffsetDateTime.parse(value.toString()).toInstant();
			checks.require(Checks.isStorable(instant), field, Checks.STORABLE_TIME_RULE);
			return Checks.isStorable(instant) ? instant : null;
		}
		catch (DateTimeParseException ex) {
			checks.require(false, field, "must be an RFC 3339 timestamp with offset, such as 2026-11-24T09:30:00+07:00");
			return null;
		}
	}
}
