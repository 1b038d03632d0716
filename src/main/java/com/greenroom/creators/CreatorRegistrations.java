package com.greenroom.creators;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.system.Checks;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The platform's side of the roster: a {@code creator.registered} event adds or completes a creator,
 * any other event of an unknown creator leaves a PENDING placeholder. A creator that joins the roster as
 * registered is announced with {@link CreatorRegistered}.
 */
@Component
class CreatorRegistrations {

	/** The audit actor of changes the streaming platform's events make. */
	static final String PLATFORM = "platform";

	private final JdbcClient jdbc;

	private final Regions regions;

	private final CreatorRows creators;

	private final AuditLog audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final AutoAssignment autoAssignment;

	CreatorRegistrations(JdbcClient jdbc, Regions regions, CreatorRows creators, AuditLog audit, Clock clock, ApplicationEventPublisher events,
			AutoAssignment autoAssignment) {
		this.autoAssignment = autoAssignment;
		this.jdbc = jdbc;
		this.regions = regions;
		this.creators = creators;
		this.audit = audit;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Marks the current transaction as the roster projection's: its writes to the roster then leave
	 * {@code creator_roster_version} (V302) to this method. A batch with a registration (a creator added or completed,
	 * with a handle and a region) moves the version once, before any creator row is written, as an edit's statement
	 * does (so the two never wait on each other in opposite orders); a batch of placeholders only (no region, the
	 * creator id for handle: what a reader shows for a creator not on the roster) leaves it as it is. Outside a
	 * transaction the mark holds for nothing (the version then moves with each statement: safe).
	 */
	@Transactional
	void fromTheLog(boolean registrations) {
		jdbc.sql("select set_config('greenroom.roster_from_log', 'on', true)").query(String.class).single();
		if (registrations) {
			jdbc.sql("""
					update creator_roster_version set version = version + 1, last_txid = txid_current()
					where id and last_txid is distinct from txid_current()""").update();
		}
	}

	/** A {@code creator.registered} event's fields. */
	record Registration(String creatorId, String handle, String country, String language, String timezone, String region,
			Instant registeredAt) {
	}

	/**
	 * Records a batch of registrations as {@link #recordRegistration} would one after another, with one
	 * statement for the creators new to the roster: the first registration of each creator not on the roster
	 * is inserted with the others, then each inserted creator is read back (one query), audited, auto-assigned
	 * and announced in batch order. A creator already on the roster (a placeholder to complete, a repeat) and
	 * a creator's further registrations in the batch take the row-by-row path, in batch order.
	 */
	@Transactional
	void recordRegistrations(List<Registration> registrations) {
		if (registrations.isEmpty()) {
			return;
		}
		Map<String, Registration> first = new LinkedHashMap<>();
		List<Registration> repeats = new ArrayList<>();
		for (Registration registration : registrations) {
			if (first.putIfAbsent(registration.creatorId(), registration) != null) {
				repeats.add(registration);
			}
		}
		Map<String, Optional<Region>> byCode = new HashMap<>();
		Map<String, Optional<Region>> byCountry = new HashMap<>();
		List<Registration> candidates = new ArrayList<>(first.values());
		int n = candidates.size();
		String[] ids = new String[n];
		String[] handles = new String[n];
		String[] countries = new String[n];
		String[] regionCodes = new String[n];
		String[] languages = new String[n];
		String[] zones = new String[n];
		Timestamp[] registeredAt = new Timestamp[n];
		for (int i = 0; i < n; i++) {
			Registration r = candidates.get(i);
			Region resolved = resolve(r.region(), r.country(), byCode, byCountry);
			ids[i] = r.creatorId();
			handles[i] = r.handle().strip();
			countries[i] = r.country();
			regionCodes[i] = resolved == null ? null : resolved.code();
			languages[i] = Checks.blankToNull(r.language());
			zones[i] = r.timezone() != null ? r.timezone() : resolved != null ? resolved.timeZone() : "UTC";
			registeredAt[i] = Timestamp.from(r.registeredAt());
		}
		Timestamp now = Timestamp.from(clock.instant());
		Set<String> inserted = new HashSet<>(jdbc.sql("""
				insert into creator (creator_id, handle, country, region_code, language, time_zone, status, registered_at, created_at, updated_at)
				select id, handle, country, region, language, zone, 'ACTIVE', registered, :now, :now
				from unnest(cast(:ids as text[]), cast(:handles as text[]), cast(:countries as text[]), cast(:regions as text[]),
				            cast(:languages as text[]), cast(:zones as text[]), cast(:registered as timestamptz[]))
				     as x(id, handle, country, region, language, zone, registered)
				on conflict (creator_id) do nothing
				returning creator_id""")
			.param("ids", ids)
			.param("handles", handles)
			.param("countries", countries)
			.param("regions", regionCodes)
			.param("languages", languages)
			.param("zones", zones)
			.param("registered", registeredAt)
			.param("now", now)
			.query(String.class)
			.list());
		Map<String, Creator> created = new HashMap<>();
		if (!inserted.isEmpty()) {
			creators.findAll(inserted).forEach(c -> created.put(c.creatorId(), c));
			Map<String, String> handlesSet = new HashMap<>();
			created.values().forEach(c -> handlesSet.put(c.creatorId(), c.handle()));
			events.publishEvent(new CreatorHandleChanged(handlesSet));
		}
		List<CreatorRegistered> announced = new ArrayList<>(created.size());
		for (Registration r : candidates) {
			Creator added = created.get(r.creatorId());
			if (added == null) {
				record(r);
				continue;
			}
			audit.recordAs(PLATFORM, "creator", added.creatorId(), "registered", added.regionCode(), null, added);
			announced.add(registered(autoAssignment.assignIfUnmanaged(added)));
		}
		CreatorsRegistered.inEventsOf(announced).forEach(events::publishEvent);
		repeats.forEach(this::record);
	}

	private void record(Registration r) {
		recordRegistration(r.creatorId(), r.handle(), r.country(), r.language(), r.timezone(), r.region(), r.registeredAt());
	}

	/** The region given, else the one owning the country; looked up once per batch. */
	private Region resolve(String region, String country, Map<String, Optional<Region>> byCode, Map<String, Optional<Region>> byCountry) {
		Optional<Region> found = region == null ? Optional.empty() : byCode.computeIfAbsent(region, regions::find);
		if (found.isEmpty() && country != null) {
			found = byCountry.computeIfAbsent(country, regions::forCountry);
		}
		return found.orElse(null);
	}

	/**
	 * Records a creator's registration on the streaming platform. A new creator is added as ACTIVE; a
	 * PENDING placeholder is completed; an existing creator keeps what people set and only gains missing
	 * fields and the earliest registration time. Region: the one given, else the one owning the country;
	 * time zone: the one given, else the region's (UTC without a region).
	 */
	@Transactional
	Creator recordRegistration(String creatorId, String handle, String country, String language, String timezone, String region,
			Instant registeredAt) {
		Region resolved = Optional.ofNullable(region).flatMap(regions::find).or(() -> Optional.ofNullable(country).flatMap(regions::forCountry))
			.orElse(null);
		String regionCode = resolved == null ? null : resolved.code();
		String zone = timezone != null ? timezone : resolved != null ? resolved.timeZone() : "UTC";
		Optional<Creator> existing = creators.find(creatorId);
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
			Creator created = creators.find(creatorId).orElseThrow();
			audit.recordAs(PLATFORM, "creator", creatorId, "registered", created.regionCode(), null, created);
			events.publishEvent(CreatorHandleChanged.of(creatorId, created.handle()));
			created = autoAssignment.assignIfUnmanaged(created);
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
		Creator after = creators.find(creatorId).orElseThrow();
		if (!Objects.equals(before.handle(), after.handle())) {
			events.publishEvent(CreatorHandleChanged.of(creatorId, after.handle()));
		}
		if (!sameRegistration(before, after)) {
			audit.recordAs(PLATFORM, "creator", creatorId, pending ? "registration completed" : "registration merged", after.regionCode(),
					before, after);
		}
		if (pending) {
			after = autoAssignment.assignIfUnmanaged(after);
			announce(after);
		}
		return after;
	}

	/**
	 * Adds a PENDING placeholder (handle = creator id, no region) for each creator id not on the roster,
	 * so events that arrive before their registration lose nothing. Returns the ids added.
	 */
	@Transactional
	List<String> recordPlaceholders(Collection<String> creatorIds) {
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
		Map<String, String> handlesSet = new HashMap<>();
		for (String creatorId : added) {
			Creator placeholder = creators.find(creatorId).orElseThrow();
			audit.recordAs(PLATFORM, "creator", creatorId, "seen before registration", null, null, placeholder);
			handlesSet.put(creatorId, placeholder.handle());
		}
		if (!handlesSet.isEmpty()) {
			events.publishEvent(new CreatorHandleChanged(handlesSet));
		}
		return added;
	}

	/** Tells other modules (onboarding) that a registered creator joined the roster. */
	void announce(Creator creator) {
		events.publishEvent(registered(creator));
	}

	private static CreatorRegistered registered(Creator creator) {
		return new CreatorRegistered(creator.creatorId(), creator.regionCode(), creator.country(), creator.language(), creator.registeredAt());
	}

	private static boolean sameRegistration(Creator a, Creator b) {
		return Objects.equals(a.handle(), b.handle()) && Objects.equals(a.country(), b.country())
				&& Objects.equals(a.regionCode(), b.regionCode()) && Objects.equals(a.language(), b.language())
				&& Objects.equals(a.timeZone(), b.timeZone()) && a.status() == b.status()
				&& Objects.equals(a.registeredAt(), b.registeredAt());
	}
}
