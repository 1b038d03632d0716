package com.greenroom.creators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.CsvCells;
import com.greenroom.system.ConflictException;
import com.greenroom.system.Cursor;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import com.greenroom.system.PageOf;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The roster. Every read and write takes the {@link Viewer} and applies its region scope in SQL: a
 * creator outside the viewer's regions does not exist for them.
 */
@Service
public class Creators {

	/** Fields a PATCH may name. */
	static final Set<String> EDITABLE = Set.of("handle", "country", "region", "language", "timeZone", "managerId", "status", "notes",
			"registeredAt");

	private static final String COLUMNS = """
			id, creator_id, handle, country, region_code, language, time_zone, manager_id, status, registered_at, notes, created_at, updated_at""";

	private static final String SCOPED_FILTER = """
			(cast(:regions as text[]) is null or region_code = any(cast(:regions as text[])))
			and (cast(:region as text) is null or region_code = :region)
			and (cast(:manager as bigint) is null or manager_id = :manager)
			and (not :unassigned or manager_id is null)
			and (cast(:status as text) is null or status = :status)
			and (cast(:text as text) is null or lower(handle) like :text escape '\\' or lower(creator_id) like :text escape '\\')
			and (cast(:milestoneIds as text[]) is null or (creator_id = any(cast(:milestoneIds as text[]))) = :reached)
			and (cast(:tierIds as text[]) is null or creator_id = any(cast(:tierIds as text[])))""";

	/** The audit actor of changes the streaming platform's events make. */
	static final String PLATFORM = "platform";

	private final JdbcClient jdbc;

	private final Regions regions;

	private final Users users;

	private final AuditLog audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final ObjectProvider<MilestoneRoster> milestones;

	private final ObjectProvider<TierRoster> tiers;

	Creators(JdbcClient jdbc, Regions regions, Users users, AuditLog audit, Clock clock, ApplicationEventPublisher events,
			ObjectProvider<MilestoneRoster> milestones, ObjectProvider<TierRoster> tiers) {
		this.events = events;
		this.milestones = milestones;
		this.tiers = tiers;
		this.jdbc = jdbc;
		this.regions = regions;
		this.users = users;
		this.audit = audit;
		this.clock = clock;
	}

	/** One page of the roster, ordered by handle, filtered and scoped to the viewer's regions. */
	public PageOf<Creator> search(Viewer viewer, RosterQuery query, String cursor, int limit) {
		Map<String, Object> params = filterParams(viewer, query);
		Optional<Cursor> after = Cursor.parse(cursor);
		params.put("afterKey", after.map(Cursor::key).orElse(null));
		params.put("afterId", after.map(Cursor::id).orElse(0L));
		params.put("limit", limit + 1);
		Map<Long, String> managers = managerNames();
		List<Creator> rows = jdbc.sql("select " + COLUMNS + " from creator where " + SCOPED_FILTER + """
				 and (cast(:afterKey as text) is null or (lower(handle), id) > (cast(:afterKey as text), :afterId))
				order by lower(handle), id limit :limit""")
			.params(params)
			.query((rs, n) -> map(rs, managers))
			.list();
		return PageOf.fromOverfetch(rows, limit, c -> new Cursor(c.handle().toLowerCase(Locale.ROOT), c.id()));
	}

	public long count(Viewer viewer, RosterQuery query) {
		return jdbc.sql("select count(*) from creator where " + SCOPED_FILTER).params(filterParams(viewer, query)).query(Long.class).single();
	}

	/** Creator counts per status among those the viewer can see. */
	public Map<CreatorStatus, Long> countByStatus(Viewer viewer) {
		Map<CreatorStatus, Long> counts = new LinkedHashMap<>();
		for (CreatorStatus status : CreatorStatus.values()) {
			counts.put(status, 0L);
		}
		jdbc.sql("""
				select status, count(*) as n from creator
				where cast(:regions as text[]) is null or region_code = any(cast(:regions as text[])) group by status""")
			.param("regions", viewer.regionFilter())
			.query(rs -> {
				counts.put(CreatorStatus.valueOf(rs.getString("status")), rs.getLong("n"));
			});
		return counts;
	}

	/** The creator with this platform id, if the viewer may see it; otherwise 404. */
	public Creator get(Viewer viewer, String creatorId) {
		return find(creatorId).filter(c -> viewer.canSee(c.regionCode()))
			.orElseThrow(() -> new NotFoundException("Creator", creatorId));
	}

	/** Creators registered in {@code [from, to)}, oldest first, unscoped: for schedulers (stall rules, tiers). */
	public List<Creator> registeredBetween(Instant from, Instant to) {
		Map<Long, String> managers = managerNames();
		return jdbc.sql("select " + COLUMNS + " from creator where registered_at >= :from and registered_at < :to order by registered_at, id")
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((rs, n) -> map(rs, managers))
			.list();
	}

	/** Unscoped lookup for modules acting on the platform's behalf (event ingest, schedulers). */
	public Optional<Creator> find(String creatorId) {
		return jdbc.sql("select " + COLUMNS + " from creator where creator_id = :id")
			.param("id", creatorId)
			.query((rs, n) -> map(rs, managerNames()))
			.optional();
	}

	/**
	 * The creators among {@code creatorIds} the viewer may see, by platform id; for modules that list
	 * their own rows (live rooms) and scope them through the roster.
	 */
	public Map<String, Creator> visible(Viewer viewer, java.util.Collection<String> creatorIds) {
		if (creatorIds.isEmpty()) {
			return Map.of();
		}
		Map<Long, String> managers = managerNames();
		Map<String, Creator> visible = new HashMap<>();
		jdbc.sql("select " + COLUMNS + """
				 from creator where creator_id = any(cast(:ids as text[]))
				and (cast(:regions as text[]) is null or region_code = any(cast(:regions as text[])))""")
			.param("ids", creatorIds.toArray(String[]::new))
			.param("regions", viewer.regionFilter())
			.query((rs, n) -> map(rs, managers))
			.list()
			.forEach(c -> visible.put(c.creatorId(), c));
		return visible;
	}

	@Transactional
	public Creator create(Viewer viewer, CreatorDraft draft) {
		requireEditor(viewer);
		Checks checks = new Checks();
		checks.text(draft.creatorId(), "creatorId", 128).text(draft.handle(), "handle", 100).country(draft.country(), "country");
		checks.optionalText(draft.notes(), "notes", 10_000);
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
		if (find(draft.creatorId()).isPresent()) {
			throw new ConflictException("creatorId", "A creator with id " + draft.creatorId() + " already exists");
		}
		Instant now = clock.instant();
		jdbc.sql("""
				insert into creator (creator_id, handle, country, region_code, language, time_zone, manager_id, status, registered_at, notes,
				                     created_at, updated_at)
				values (:creatorId, :handle, :country, :region, :language, :zone, :manager, :status, :registeredAt, :notes, :now, :now)""")
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
		Creator created = find(draft.creatorId()).orElseThrow();
		audit.record("creator", created.creatorId(), "created", created.regionCode(), null, created);
		if (created.managerId() != null) {
			events.publishEvent(new CreatorManagerChanged(created.creatorId(), created.regionCode(), null, created.managerId()));
		}
		if (created.status() != CreatorStatus.PENDING) {
			announce(created);
		}
		return created;
	}

	/**
	 * Records a creator's registration on the streaming platform (the {@code creator.registered} event).
	 * A new creator is added as ACTIVE; a PENDING placeholder is completed; an existing creator keeps what
	 * people set and only gains missing fields and the earliest registration time. Region: the one given,
	 * else the one owning the country; time zone: the one given, else the region's (UTC without a region).
	 */
	@Transactional
	public Creator recordRegistration(String creatorId, String handle, String country, String language, String timezone, String region,
			Instant registeredAt) {
		Region resolved = Optional.ofNullable(region).flatMap(regions::find).or(() -> Optional.ofNullable(country).flatMap(regions::forCountry))
			.orElse(null);
		String regionCode = resolved == null ? null : resolved.code();
		String zone = timezone != null ? timezone : resolved != null ? resolved.timeZone() : "UTC";
		Optional<Creator> existing = find(creatorId);
		Instant now = clock.instant();
		if (existing.isEmpty()) {
			jdbc.sql("""
					insert into creator (creator_id, handle, country, region_code, language, time_zone, status, registered_at, created_at, updated_at)
					values (:creatorId, :handle, :country, :region, :language, :zone, 'ACTIVE', :registeredAt, :now, :now)""")
				.param("creatorId", creatorId)
				.param("handle", handle.strip())
				.param("country", country)
				.param("region", regionCode)
				.param("language", Checks.blankToNull(language))
				.param("zone", zone)
				.param("registeredAt", Timestamp.from(registeredAt))
				.param("now", Timestamp.from(now))
				.update();
			Creator created = find(creatorId).orElseThrow();
			audit.recordAs(PLATFORM, "creator", creatorId, "registered", created.regionCode(), null, created);
			announce(created);
			return created;
		}
		Creator before = existing.get();
		boolean pending = before.status() == CreatorStatus.PENDING;
		jdbc.sql("""
				update creator set
				    handle = case when :pending then :handle else handle end,
				    country = case when :pending then :country else coalesce(country, :country) end,
				    region_code = case when :pending then coalesce(:region, region_code) else coalesce(region_code, :region) end,
				    language = case when :pending then coalesce(:language, language) else coalesce(language, :language) end,
				    time_zone = case when :pending then :zone else coalesce(time_zone, :zone) end,
				    status = case when :pending then 'ACTIVE' else status end,
				    registered_at = least(registered_at, :registeredAt),
				    updated_at = :now
				where creator_id = :creatorId""")
			.param("pending", pending)
			.param("handle", handle.strip())
			.param("country", country)
			.param("region", regionCode)
			.param("language", Checks.blankToNull(language))
			.param("zone", zone)
			.param("registeredAt", Timestamp.from(registeredAt))
			.param("now", Timestamp.from(now))
			.param("creatorId", creatorId)
			.update();
		Creator after = find(creatorId).orElseThrow();
		if (!sameRegistration(before, after)) {
			audit.recordAs(PLATFORM, "creator", creatorId, pending ? "registration completed" : "registration merged", after.regionCode(),
					before, after);
		}
		if (pending) {
			announce(after);
		}
		return after;
	}

	/** Tells other modules (onboarding) that a registered creator joined the roster. */
	private void announce(Creator creator) {
		events.publishEvent(new CreatorRegistered(creator.creatorId(), creator.regionCode(), creator.country(), creator.language(),
				creator.registeredAt()));
	}

	/**
	 * Adds a PENDING placeholder (handle = creator id, no region) for each creator id not on the roster,
	 * so events that arrive before their registration lose nothing. Returns the ids added.
	 */
	@Transactional
	List<String> recordPlaceholders(java.util.Collection<String> creatorIds) {
		if (creatorIds.isEmpty()) {
			return List.of();
		}
		Instant now = clock.instant();
		List<String> added = jdbc.sql("""
				insert into creator (creator_id, handle, status, created_at, updated_at)
				select id, left(id, 100), 'PENDING', :now, :now from unnest(cast(:ids as text[])) as id
				on conflict (creator_id) do nothing
				returning creator_id""")
			.param("ids", creatorIds.toArray(String[]::new))
			.param("now", Timestamp.from(now))
			.query(String.class)
			.list();
		for (String creatorId : added) {
			audit.recordAs(PLATFORM, "creator", creatorId, "seen before registration", null, null, find(creatorId).orElseThrow());
		}
		return added;
	}

	private static boolean sameRegistration(Creator a, Creator b) {
		return java.util.Objects.equals(a.handle(), b.handle()) && java.util.Objects.equals(a.country(), b.country())
				&& java.util.Objects.equals(a.regionCode(), b.regionCode()) && java.util.Objects.equals(a.language(), b.language())
				&& java.util.Objects.equals(a.timeZone(), b.timeZone()) && a.status() == b.status()
				&& java.util.Objects.equals(a.registeredAt(), b.registeredAt());
	}

	/**
	 * Applies a partial change. Keys absent from {@code changes} stay as they are; a key with null clears
	 * an optional field (manager, language).
	 */
	@Transactional
	public Creator update(Viewer viewer, String creatorId, Map<String, Object> changes) {
		requireEditor(viewer);
		Creator before = get(viewer, creatorId);
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
		Instant registeredAt = before.registeredAt();
		if (changes.containsKey("registeredAt")) {
			registeredAt = parseInstant(changes.get("registeredAt"), "registeredAt", checks);
		}
		Long managerId = before.managerId();
		if (changes.containsKey("managerId")) {
			Object raw = changes.get("managerId");
			boolean integral = raw instanceof Integer || raw instanceof Long || raw instanceof java.math.BigInteger b && b.bitLength() < 64;
			managerId = integral ? Long.valueOf(((Number) raw).longValue()) : null;
			checks.require(raw == null || integral, "managerId", "must be a user id or null");
		}
		checks.text(handle, "handle", 100).country(country, "country").optionalText(notes, "notes", 10_000);
		if (timeZone != null) {
			checks.timeZone(timeZone, "timeZone");
		}
		checkLanguage(language, checks);
		CreatorStatus status = parseStatus(statusName, checks);
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
				       manager_id = :manager, status = :status, registered_at = :registeredAt, notes = :notes, updated_at = :now
				where creator_id = :creatorId""")
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
			.param("creatorId", creatorId)
			.update();
		Creator after = find(creatorId).orElseThrow();
		audit.record("creator", creatorId, "updated", after.regionCode(), before, after);
		if (!java.util.Objects.equals(before.managerId(), after.managerId())) {
			events.publishEvent(new CreatorManagerChanged(creatorId, after.regionCode(), before.managerId(), after.managerId()));
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
		List<Creator> before = creatorIds.stream().distinct().map(id -> get(viewer, id)).toList();
		if (managerId != null) {
			for (Creator creator : before) {
				checkManager(managerId, creator.regionCode(), "managerId");
			}
		}
		Instant now = clock.instant();
		for (Creator creator : before) {
			jdbc.sql("update creator set manager_id = :manager, updated_at = :now where id = :id")
				.param("manager", managerId)
				.param("now", Timestamp.from(now))
				.param("id", creator.id())
				.update();
			Creator after = find(creator.creatorId()).orElseThrow();
			audit.record("creator", creator.creatorId(), managerId == null ? "manager removed" : "manager assigned", creator.regionCode(),
					creator, after);
			if (!java.util.Objects.equals(creator.managerId(), managerId)) {
				events.publishEvent(new CreatorManagerChanged(creator.creatorId(), creator.regionCode(), creator.managerId(), managerId));
			}
		}
		return before.stream().map(c -> find(c.creatorId()).orElseThrow()).toList();
	}

	/** Writes every creator matching the query (scoped to the viewer) as CSV, ordered like the roster. */
	public void exportCsv(Viewer viewer, RosterQuery query, Writer out) {
		Map<Long, String> managers = managerNames();
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setHeader("creator_id", "handle", "country", "region", "language", "time_zone", "manager", "status", "registered_at",
					"notes")
			.get();
		try {
			CSVPrinter csv = new CSVPrinter(out, format);
			jdbc.sql("select " + COLUMNS + " from creator where " + SCOPED_FILTER + " order by lower(handle), id")
				.params(filterParams(viewer, query))
				.query(rs -> {
					Creator c = map(rs, managers);
					try {
						csv.printRecord(CsvCells.guard(c.creatorId(), c.handle(), c.country(), c.regionCode(), c.language(), c.timeZone(),
								c.managerName(), c.status(), c.registeredAt(), c.notes()));
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
			csv.flush(); // the caller owns (and closes) the writer
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Map<String, Object> filterParams(Viewer viewer, RosterQuery query) {
		Checks checks = new Checks();
		if (query.region() != null && !query.region().isBlank()) {
			checks.require(regions.exists(query.region()), "region", "is not a known region: " + query.region());
		}
		Long manager = null;
		boolean unassigned = false;
		if (query.manager() != null && !query.manager().isBlank()) {
			if (query.manager().equals("none")) {
				unassigned = true;
			}
			else {
				try {
					manager = Long.parseLong(query.manager());
				}
				catch (NumberFormatException ex) {
					checks.require(false, "manager", "must be a user id or 'none'");
				}
			}
		}
		String status = Checks.blankToNull(query.status());
		if (status != null) {
			parseStatus(status, checks);
		}
		String milestone = Checks.blankToNull(query.milestone());
		String reachedText = Checks.blankToNull(query.reached());
		boolean reached = !"false".equals(reachedText);
		checks.require(reachedText == null || reachedText.equals("true") || reachedText.equals("false"), "reached", "must be true or false");
		MilestoneRoster roster = milestones.getIfAvailable();
		checks.require(milestone == null || roster != null, "milestone", "cannot be filtered on: milestones are not tracked");
		checks.throwIfAny();
		String[] milestoneIds = milestone == null ? null : roster.creatorsWhoReached(milestone).toArray(String[]::new);
		String tier = Checks.blankToNull(query.tier());
		TierRoster tierRoster = tiers.getIfAvailable();
		if (tier != null && tierRoster == null) {
			throw new InvalidInputException("tier", "cannot be filtered on: tiers are not computed");
		}
		String[] tierIds = tier == null ? null : tierRoster.creatorsIn(tier.toUpperCase(Locale.ROOT)).toArray(String[]::new);
		Map<String, Object> params = new HashMap<>();
		params.put("regions", viewer.regionFilter());
		params.put("region", Checks.blankToNull(query.region()));
		params.put("manager", manager);
		params.put("unassigned", unassigned);
		params.put("status", status);
		params.put("milestoneIds", milestoneIds);
		params.put("tierIds", tierIds);
		params.put("reached", reached);
		String text = Checks.blankToNull(query.text());
		params.put("text", text == null ? null
				: "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		return params;
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

	private static void requireEditor(Viewer viewer) {
		if (!viewer.isAdmin() && !viewer.has(Role.REGIONAL_LEAD) && !viewer.has(Role.CREATOR_MANAGER)) {
			throw new AccessDeniedException("Only admins, regional leads and creator managers change creators");
		}
	}

	private static CreatorStatus parseStatus(String value, Checks checks) {
		for (CreatorStatus status : CreatorStatus.values()) {
			if (status.name().equalsIgnoreCase(value)) {
				return status;
			}
		}
		checks.require(false, "status", "must be one of PENDING, ACTIVE, PAUSED, OFFBOARDED");
		return CreatorStatus.ACTIVE;
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

	private Map<Long, String> managerNames() {
		return users.all().stream().collect(Collectors.toMap(UserSummary::id, UserSummary::displayName, (a, b) -> a));
	}


	private static Creator map(ResultSet rs, Map<Long, String> managers) throws SQLException {
		long managerId = rs.getLong("manager_id");
		Long manager = rs.wasNull() ? null : managerId;
		Timestamp registered = rs.getTimestamp("registered_at");
		return new Creator(rs.getLong("id"), rs.getString("creator_id"), rs.getString("handle"), rs.getString("country"),
				rs.getString("region_code"), rs.getString("language"), rs.getString("time_zone"), manager,
				manager == null ? null : managers.get(manager), CreatorStatus.valueOf(rs.getString("status")),
				registered == null ? null : registered.toInstant(), rs.getString("notes"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

}
