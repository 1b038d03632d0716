package com.greenroom.playbooks;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.greenroom.audit.AuditLog;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The SOP library. A key has a global playbook and optional regional variants; readers get the current
 * guidance of their region. Rights: admins do everything; a region's leads create its variant and approve and
 * publish it; any regional lead and the owner write drafts of the global playbook, which only an admin
 * approves and publishes; nobody approves a version they wrote. Other modules raise change requests with
 * {@link #requestChange}.
 */
@Service
public class Playbooks {

	/** Words the API uses under /playbooks/ that a key cannot take. */
	private static final Set<String> RESERVED = Set.of("search", "stale", "change-requests", "new");

	/** The text-search vector of a version; the same expression as the GIN index playbook_version_search. */
	static final String SEARCH_VECTOR = "(setweight(to_tsvector('english', v.title), 'A') || setweight(to_tsvector('english', v.body), 'B'))";

	static final String KEY_RULE = "must be 2 to 60 lower-case letters, digits or '-', starting with a letter or digit";

	private final JdbcClient jdbc;

	private final PlaybookStore store;

	private final ChangeRequests changeRequests;

	private final Reviews reviews;

	private final Regions regions;

	private final Users users;

	private final AuditLog audit;

	private final Clock clock;

	Playbooks(JdbcClient jdbc, PlaybookStore store, ChangeRequests changeRequests, Reviews reviews, Regions regions, Users users,
			AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.store = store;
		this.changeRequests = changeRequests;
		this.reviews = reviews;
		this.regions = regions;
		this.users = users;
		this.audit = audit;
		this.clock = clock;
	}

	// ---- the public API for other modules ------------------------------------------------------------

	/**
	 * Files a change request (joins the caller's transaction) and returns its id: a task for the playbook's
	 * owner, closed when a version that references the request is published. Bad input is a 400 naming the
	 * field (an unknown {@code playbookKey} included); the same source and {@code sourceRef} return the
	 * existing request.
	 */
	@Transactional
	public long requestChange(ChangeRequestDraft draft) {
		return changeRequests.raise(draft, currentActor());
	}

	/** Whether a (global) playbook with this key exists, for modules that link to one. */
	public boolean exists(String key) {
		return key != null && store.exists(key);
	}

	/** The console page with a key's current guidance for the reader's region (null region: the reader's own). */
	public static String link(String key, String region) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/playbooks/{key}");
		if (region != null) {
			uri.queryParam("region", region);
		}
		return uri.buildAndExpand(key).encode().toUriString();
	}

	// ---- reading -------------------------------------------------------------------------------------

	/** The playbooks the viewer may see (global ones and their regions' variants); {@code stale} only those past review or update. */
	public List<Playbook> list(Viewer viewer, String tag, boolean staleOnly) {
		String wanted = Checks.blankToNull(tag);
		return store.list(viewer.regionFilter())
			.stream()
			.filter(p -> wanted == null || p.tags().contains(wanted.toLowerCase(Locale.ROOT)))
			.filter(p -> !staleOnly || p.stale())
			.toList();
	}

	/** One scope of a key: the global playbook (region null) or a variant; another region's variant is a 404. */
	public Playbook get(Viewer viewer, String key, String region) {
		String scope = Checks.blankToNull(region);
		if (scope != null && !viewer.canSee(scope)) {
			throw notFound(key, scope);
		}
		return store.find(key, scope).orElseThrow(() -> notFound(key, scope));
	}

	/** The region a reader reads for: the one asked for (if theirs), else their only region, else global. */
	public String readerRegion(Viewer viewer, String asked) {
		String region = Checks.blankToNull(asked);
		if (region != null) {
			if (!viewer.canSee(region)) {
				throw new InvalidInputException("region", "is not one of your regions: " + region);
			}
			return region;
		}
		return !viewer.isAdmin() && viewer.regions().size() == 1 ? viewer.regions().iterator().next() : null;
	}

	/** Current guidance: the latest published version for the reader's region (the variant's, else the global one's). */
	public PlaybookVersion current(Viewer viewer, String key, String region) {
		String reader = readerRegion(viewer, region);
		if (!store.exists(key) && (reader == null || store.find(key, reader).isEmpty())) {
			throw notFound(key, null);
		}
		return store.current(key, reader)
			.orElseThrow(() -> new NotFoundException("Published guidance of playbook", key + (reader == null ? "" : " for " + reader)));
	}

	public List<PlaybookVersion> versions(Viewer viewer, String key, String region) {
		return store.versions(get(viewer, key, region).id());
	}

	public PlaybookVersion version(Viewer viewer, String key, String region, int version) {
		Playbook playbook = get(viewer, key, region);
		return store.version(playbook.id(), version).orElseThrow(() -> new NotFoundException("Version", key + " v" + version));
	}

	/** A side-by-side diff of two versions of one scope. */
	public VersionDiff diff(Viewer viewer, String key, String region, int from, int to) {
		Playbook playbook = get(viewer, key, region);
		PlaybookVersion a = store.version(playbook.id(), from)
			.orElseThrow(() -> new InvalidInputException("from", "is not a version of " + key + ": " + from));
		PlaybookVersion b = store.version(playbook.id(), to)
			.orElseThrow(() -> new InvalidInputException("to", "is not a version of " + key + ": " + to));
		return VersionDiff.of(key, playbook.region(), a, b);
	}

	/** Full-text search (PostgreSQL text search) over the reader's current guidance, best match first. */
	public List<SearchHit> search(Viewer viewer, String query, String region) {
		new Checks().text(query, "q", 200).throwIfAny();
		String reader = readerRegion(viewer, region);
		return jdbc.sql("""
				select p.playbook_key, p.region_code, v.version, v.title,
				       ts_rank(%1$s, q) as rank,
				       ts_headline('english', v.body, q, 'StartSel=⟦, StopSel=⟧, MaxFragments=2, MaxWords=25, MinWords=8') as snippet
				from playbook_version v join playbook p on p.id = v.playbook_id, websearch_to_tsquery('english', :q) q
				where v.status = 'PUBLISHED' and %1$s @@ q
				  and (p.region_code = :region or p.region_code is null and not exists (
				       select 1 from playbook o join playbook_version ov on ov.playbook_id = o.id and ov.status = 'PUBLISHED'
				       where o.playbook_key = p.playbook_key and o.region_code = :region))
				order by rank desc, p.playbook_key limit 20""".formatted(SEARCH_VECTOR))
			.param("q", query.strip())
			.param("region", reader)
			.query((rs, n) -> new SearchHit(rs.getString("playbook_key"), rs.getString("region_code"), rs.getInt("version"),
					rs.getString("title"), SearchHit.highlight(rs.getString("snippet")), link(rs.getString("playbook_key"), reader)))
			.list();
	}

	// ---- writing -------------------------------------------------------------------------------------

	/**
	 * Creates a playbook with version 1 as a draft. A variant needs the global playbook of its key; without
	 * a body it starts as a copy of the global playbook's current text.
	 */
	@Transactional
	public PlaybookVersion create(Viewer viewer, NewPlaybook draft) {
		String key = draft.key() == null ? null : draft.key().strip();
		String region = Checks.blankToNull(draft.region());
		Checks checks = new Checks();
		checks.require(key != null && key.matches("^[a-z0-9][a-z0-9-]{1,59}$") && !RESERVED.contains(key), "key", KEY_RULE);
		checks.require(region == null || regions.exists(region), "region", "is not a known region: " + region);
		checks.throwIfAny();
		if (region == null ? !viewer.isAdmin() : !isLeadOf(viewer, region)) {
			throw new AccessDeniedException(region == null ? "Only admins create global playbooks"
					: "Only admins and regional leads of " + region + " create its variant");
		}
		Optional<Playbook> global = store.find(key, null);
		if (region != null && global.isEmpty()) {
			throw new InvalidInputException("key", "has no global playbook to vary: " + key);
		}
		if (store.find(key, region).isPresent()) {
			throw new ConflictException("key", (region == null ? "Playbook " : "A variant for " + region + " of ") + key + " already exists");
		}
		Optional<PlaybookVersion> copyOf = global.flatMap(g -> store.current(key, null));
		String title = draft.title() == null && copyOf.isPresent() ? copyOf.get().title() + " · " + region : draft.title();
		String body = draft.body() == null && copyOf.isPresent() ? copyOf.get().body() : draft.body();
		String summary = draft.changeSummary() == null ? (region == null ? "First version" : "Variant for " + region) : draft.changeSummary();
		Settings settings = new Settings(title, draft.ownerId(), draft.reviewEveryDays(), draft.updateEveryDays(), draft.tags());
		checks = new Checks();
		checkSettings(settings, region, checks, true);
		checkText(title, body, summary, checks);
		checks.throwIfAny();
		Instant now = clock.instant();
		long id = jdbc.sql("""
				insert into playbook (playbook_key, region_code, title, owner_id, review_every_days, update_every_days, tags, created_at, updated_at)
				values (:key, :region, :title, :owner, :review, :update, cast(:tags as text[]), :now, :now) returning id""")
			.param("key", key)
			.param("region", region)
			.param("title", title.strip())
			.param("owner", draft.ownerId())
			.param("review", Objects.requireNonNullElse(draft.reviewEveryDays(), 7))
			.param("update", Objects.requireNonNullElse(draft.updateEveryDays(), 30))
			.param("tags", tags(draft.tags()))
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
		insertVersion(id, 1, title, body, summary, viewer.username(), List.of());
		Playbook created = store.findById(id).orElseThrow();
		reviews.scheduleNext(created, now);
		audit.record("playbook", key + scopeSuffix(region), "created", region, null, created);
		return store.version(id, 1).orElseThrow();
	}

	/** Changes a playbook's title, owner, cadences or tags (absent fields stay); a new review cadence moves the pending review. */
	@Transactional
	public Playbook configure(Viewer viewer, String key, String region, Settings changes) {
		Playbook before = lock(viewer, key, region);
		requireApprover(viewer, before, "change the settings of");
		Checks checks = new Checks();
		checkSettings(changes, before.region(), checks, false);
		checks.throwIfAny();
		jdbc.sql("""
				update playbook set title = coalesce(:title, title), owner_id = case when :setOwner then :owner else owner_id end,
				  review_every_days = coalesce(:review, review_every_days), update_every_days = coalesce(:update, update_every_days),
				  tags = coalesce(cast(:tags as text[]), tags), updated_at = :now where id = :id""")
			.param("title", Checks.blankToNull(changes.title()))
			.param("setOwner", changes.ownerId() != null)
			.param("owner", changes.ownerId() == null || changes.ownerId() == 0 ? null : changes.ownerId())
			.param("review", changes.reviewEveryDays())
			.param("update", changes.updateEveryDays())
			.param("tags", changes.tags() == null ? null : tags(changes.tags()))
			.param("now", Timestamp.from(clock.instant()))
			.param("id", before.id())
			.update();
		Playbook after = store.findById(before.id()).orElseThrow();
		if (changes.reviewEveryDays() != null && changes.reviewEveryDays() != before.reviewEveryDays()) {
			reviews.reschedule(after);
			after = store.findById(before.id()).orElseThrow();
		}
		audit.record("playbook", key + scopeSuffix(before.region()), "configured", before.region(), before, after);
		return after;
	}

	/** Starts the next version as a draft: the given text, or a copy of the latest version's. One open version at a time. */
	@Transactional
	public PlaybookVersion newDraft(Viewer viewer, String key, String region, VersionText text) {
		Playbook playbook = lock(viewer, key, region);
		requireAuthor(viewer, playbook);
		if (playbook.openVersion() != null) {
			throw new ConflictException("version",
					"Version " + playbook.openVersion() + " is " + playbook.openStatus().label().toLowerCase(Locale.ROOT)
							+ "; finish it first");
		}
		PlaybookVersion latest = store.versions(playbook.id()).get(0);
		String title = text.title() == null ? latest.title() : text.title();
		String body = text.body() == null ? latest.body() : text.body();
		Checks checks = new Checks();
		checkText(title, body, text.changeSummary(), checks);
		checks.throwIfAny();
		List<Long> requests = text.changeRequestIds() == null ? List.of() : text.changeRequestIds().stream().distinct().toList();
		changeRequests.checkReferences(playbook, requests, "changeRequestIds");
		int next = latest.version() + 1;
		insertVersion(playbook.id(), next, title, body, text.changeSummary(), viewer.username(), requests);
		touch(playbook.id());
		PlaybookVersion created = store.version(playbook.id(), next).orElseThrow();
		audit.record("playbook", key + scopeSuffix(playbook.region()), "draft v" + next + " created", playbook.region(), null, created);
		return created;
	}

	/** Replaces a draft's text and the change requests it answers; anything but a draft is a 409. */
	@Transactional
	public PlaybookVersion updateDraft(Viewer viewer, String key, String region, int version, VersionText text) {
		Playbook playbook = lock(viewer, key, region);
		requireAuthor(viewer, playbook);
		PlaybookVersion before = store.version(playbook.id(), version).orElseThrow(() -> new NotFoundException("Version", key + " v" + version));
		if (before.status() != VersionStatus.DRAFT) {
			throw new ConflictException("status", "Version " + version + " is " + before.status().label().toLowerCase(Locale.ROOT)
					+ " and cannot change; start a new draft");
		}
		String title = text.title() == null ? before.title() : text.title();
		String body = text.body() == null ? before.body() : text.body();
		String summary = text.changeSummary() == null ? before.changeSummary() : text.changeSummary();
		Checks checks = new Checks();
		checkText(title, body, summary, checks);
		checks.throwIfAny();
		if (text.changeRequestIds() != null) {
			List<Long> requests = text.changeRequestIds().stream().distinct().toList();
			changeRequests.checkReferences(playbook, requests, "changeRequestIds");
			jdbc.sql("delete from playbook_version_change where version_id = :id").param("id", before.id()).update();
			link(before.id(), requests);
		}
		jdbc.sql("update playbook_version set title = :title, body = :body, change_summary = :summary where id = :id")
			.param("title", title.strip())
			.param("body", body)
			.param("summary", summary.strip())
			.param("id", before.id())
			.update();
		touch(playbook.id());
		PlaybookVersion after = store.version(playbook.id(), version).orElseThrow();
		audit.record("playbook", key + scopeSuffix(playbook.region()), "draft v" + version + " edited", playbook.region(), before, after);
		return after;
	}

	/** Sends a draft for approval. */
	@Transactional
	public PlaybookVersion submit(Viewer viewer, String key, String region, int version) {
		Playbook playbook = lock(viewer, key, region);
		requireAuthor(viewer, playbook);
		PlaybookVersion before = existing(playbook, version);
		if (before.status() != VersionStatus.DRAFT) {
			throw new ConflictException("status", "Only a draft can be submitted; version " + version + " is "
					+ before.status().label().toLowerCase(Locale.ROOT));
		}
		return transition(playbook, before, "submitted", "status = 'IN_REVIEW', submitted_at = :now", null);
	}

	/** Approves a version in review: the region's lead (for a variant) or an admin, never its author. */
	@Transactional
	public PlaybookVersion approve(Viewer viewer, String key, String region, int version) {
		Playbook playbook = lock(viewer, key, region);
		requireApprover(viewer, playbook, "approve");
		PlaybookVersion before = existing(playbook, version);
		if (before.status() != VersionStatus.IN_REVIEW) {
			throw new ConflictException("status", "Only a version in review can be approved; version " + version + " is "
					+ before.status().label().toLowerCase(Locale.ROOT) + (before.status() == VersionStatus.DRAFT ? " (submit it first)" : ""));
		}
		if (before.author().equals(viewer.username())) {
			throw new ConflictException("approvedBy", "You wrote version " + version + "; someone else must approve it");
		}
		if (before.approved()) {
			return before;
		}
		return transition(playbook, before, "approved", "approved_by = :by, approved_at = :now", viewer.username());
	}

	/** Sends a version in review back to draft (its approval, if any, is withdrawn). */
	@Transactional
	public PlaybookVersion sendBack(Viewer viewer, String key, String region, int version) {
		Playbook playbook = lock(viewer, key, region);
		requireApprover(viewer, playbook, "send back");
		PlaybookVersion before = existing(playbook, version);
		if (before.status() != VersionStatus.IN_REVIEW) {
			throw new ConflictException("status", "Only a version in review can be sent back");
		}
		return transition(playbook, before, "sent back", "status = 'DRAFT', submitted_at = null, approved_by = null, approved_at = null", null);
	}

	/**
	 * Publishes an approved version: it becomes the current guidance of its scope, the previous one is
	 * retired, and the change requests it references close (with their tasks).
	 */
	@Transactional
	public PlaybookVersion publish(Viewer viewer, String key, String region, int version) {
		Playbook playbook = lock(viewer, key, region);
		requireApprover(viewer, playbook, "publish");
		PlaybookVersion before = existing(playbook, version);
		if (before.status() == VersionStatus.PUBLISHED || before.status() == VersionStatus.RETIRED) {
			throw new ConflictException("status", "Version " + version + " is already " + before.status().label().toLowerCase(Locale.ROOT));
		}
		if (before.status() != VersionStatus.IN_REVIEW || !before.approved()) {
			throw new ConflictException("status", "Version " + version + " is not approved: submit it and have it approved by "
					+ (playbook.region() == null ? "an admin" : "a regional lead of " + playbook.region() + " or an admin")
					+ " who did not write it");
		}
		Instant now = clock.instant();
		jdbc.sql("update playbook_version set status = 'RETIRED', retired_at = :now where playbook_id = :id and status = 'PUBLISHED'")
			.param("now", Timestamp.from(now))
			.param("id", playbook.id())
			.update();
		PlaybookVersion published = transition(playbook, before, "published", "status = 'PUBLISHED', published_by = :by, published_at = :now",
				viewer.username());
		jdbc.sql("update playbook set title = :title where id = :id").param("title", published.title()).param("id", playbook.id()).update();
		changeRequests.closeFor(viewer, published);
		return published;
	}

	// ---- change requests and reviews ---------------------------------------------------------------

	/** A change request raised by a person (source MANUAL unless named). */
	public ChangeRequest raiseChange(Viewer viewer, ChangeRequestDraft draft) {
		return changeRequests.raiseByHand(viewer, draft);
	}

	public ChangeRequest changeRequest(Viewer viewer, long id) {
		return store.changeRequest(id)
			.filter(c -> c.region() == null || viewer.canSee(c.region()))
			.orElseThrow(() -> new NotFoundException("Change request", id));
	}

	/** Change requests the viewer may see, of one key or all; status OPEN or CLOSED or both (null). */
	public List<ChangeRequest> changeRequests(Viewer viewer, String key, String status) {
		String wanted = Checks.blankToNull(status);
		if (wanted != null) {
			wanted = wanted.toUpperCase(Locale.ROOT);
			if (!wanted.equals("OPEN") && !wanted.equals("CLOSED")) {
				throw new InvalidInputException("status", "must be OPEN or CLOSED");
			}
		}
		return store.changeRequests(Checks.blankToNull(key), wanted, viewer.regionFilter(), 200);
	}

	/** The change requests of one scope (a variant's region's, or the global playbook's), open ones first. */
	public List<ChangeRequest> changeRequestsOf(Viewer viewer, Playbook playbook, boolean openOnly) {
		return openOnly ? changeRequests.openFor(playbook, viewer.regionFilter()) : changeRequests.allFor(playbook, viewer.regionFilter());
	}

	/** Records a review of a playbook: no change needed, or a change request with the given summary. */
	@Transactional
	public Review review(Viewer viewer, String key, String region, String outcome, String note, String summary) {
		Playbook playbook = lock(viewer, key, region);
		requireAuthor(viewer, playbook);
		return reviews.record(viewer, playbook, outcome, note, summary);
	}

	public List<Review> reviews(Viewer viewer, String key, String region) {
		return reviews.of(get(viewer, key, region));
	}

	// ---- rights --------------------------------------------------------------------------------------

	/** Writes drafts: an admin, the owner, a regional lead (of the variant's region, or any for the global playbook). */
	public boolean mayAuthor(Viewer viewer, Playbook playbook) {
		return viewer.isAdmin() || Objects.equals(playbook.ownerId(), viewer.userId())
				|| viewer.has(Role.REGIONAL_LEAD) && (playbook.region() == null || viewer.regions().contains(playbook.region()));
	}

	/** Approves and publishes: an admin, or for a variant a lead of its region. */
	public boolean mayApprove(Viewer viewer, Playbook playbook) {
		return viewer.isAdmin() || playbook.region() != null && isLeadOf(viewer, playbook.region());
	}

	public boolean mayCreate(Viewer viewer, String region) {
		return region == null ? viewer.isAdmin() : isLeadOf(viewer, region);
	}

	private static boolean isLeadOf(Viewer viewer, String region) {
		return viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD) && viewer.regions().contains(region);
	}

	private void requireAuthor(Viewer viewer, Playbook playbook) {
		if (!mayAuthor(viewer, playbook)) {
			throw new AccessDeniedException("Only admins, the owner and regional leads write drafts of " + playbook.key());
		}
	}

	private void requireApprover(Viewer viewer, Playbook playbook, String what) {
		if (!mayApprove(viewer, playbook)) {
			throw new AccessDeniedException(playbook.region() == null ? "Only admins " + what + " the global playbook " + playbook.key()
					: "Only admins and regional leads of " + playbook.region() + " " + what + " its variant of " + playbook.key());
		}
	}

	// ---- helpers -------------------------------------------------------------------------------------

	private Playbook lock(Viewer viewer, String key, String region) {
		get(viewer, key, region);
		return store.lock(key, Checks.blankToNull(region)).orElseThrow();
	}

	private PlaybookVersion existing(Playbook playbook, int version) {
		return store.version(playbook.id(), version).orElseThrow(() -> new NotFoundException("Version", playbook.key() + " v" + version));
	}

	private PlaybookVersion transition(Playbook playbook, PlaybookVersion before, String action, String set, String by) {
		jdbc.sql("update playbook_version set " + set + " where id = :id")
			.param("now", Timestamp.from(clock.instant()))
			.param("by", by)
			.param("id", before.id())
			.update();
		touch(playbook.id());
		PlaybookVersion after = store.version(playbook.id(), before.version()).orElseThrow();
		audit.record("playbook", playbook.key() + scopeSuffix(playbook.region()), "v" + before.version() + " " + action, playbook.region(),
				before, after);
		return after;
	}

	private void checkSettings(Settings settings, String region, Checks checks, boolean creating) {
		if (!creating && settings.title() != null) {
			checks.text(settings.title(), "title", 200);
		}
		if (settings.ownerId() != null && settings.ownerId() != 0) {
			checks.require(users.find(settings.ownerId())
				.filter(u -> u.enabled() && (u.isAdmin() || region == null || u.regions().contains(region)))
				.isPresent(), "ownerId", "is not an enabled user" + (region == null ? "" : " working in " + region) + ": " + settings.ownerId());
		}
		checks.require(settings.reviewEveryDays() == null || settings.reviewEveryDays() >= 1 && settings.reviewEveryDays() <= 365,
				"reviewEveryDays", "must be 1 to 365 days");
		checks.require(settings.updateEveryDays() == null || settings.updateEveryDays() >= 1 && settings.updateEveryDays() <= 730,
				"updateEveryDays", "must be 1 to 730 days");
		if (settings.tags() != null) {
			checks.require(settings.tags().size() <= 20, "tags", "at most 20 tags");
			for (int i = 0; i < settings.tags().size(); i++) {
				String tag = settings.tags().get(i);
				checks.require(tag != null && tag.strip().matches("^[\\p{L}\\p{N}][\\p{L}\\p{N} -]{0,39}$"), "tags[" + i + "]",
						"must be 1 to 40 letters, digits, spaces or '-'");
			}
		}
	}

	private static void checkText(String title, String body, String summary, Checks checks) {
		checks.text(title, "title", 200);
		checks.require(body != null, "body", "is required (Markdown)");
		checks.optionalText(body, "body", 100_000);
		checks.text(summary, "changeSummary", 500);
	}

	private static String[] tags(List<String> tags) {
		return tags == null ? new String[0] : tags.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).distinct().toArray(String[]::new);
	}

	private void insertVersion(long playbookId, int version, String title, String body, String summary, String author, List<Long> requests) {
		long id = jdbc.sql("""
				insert into playbook_version (playbook_id, version, title, body, change_summary, status, author, created_at)
				values (:playbook, :version, :title, :body, :summary, 'DRAFT', :author, :now) returning id""")
			.param("playbook", playbookId)
			.param("version", version)
			.param("title", title.strip())
			.param("body", body)
			.param("summary", summary.strip())
			.param("author", author)
			.param("now", Timestamp.from(clock.instant()))
			.query(Long.class)
			.single();
		link(id, requests);
	}

	private void link(long versionId, List<Long> requests) {
		for (Long request : requests) {
			jdbc.sql("insert into playbook_version_change (version_id, change_request_id) values (:version, :request)")
				.param("version", versionId)
				.param("request", request)
				.update();
		}
	}

	private void touch(long playbookId) {
		jdbc.sql("update playbook set updated_at = :now where id = :id").param("now", Timestamp.from(clock.instant())).param("id", playbookId)
			.update();
	}

	static String scopeSuffix(String region) {
		return region == null ? "" : "@" + region;
	}

	private static NotFoundException notFound(String key, String region) {
		return new NotFoundException("Playbook", key + (region == null ? "" : " for " + region));
	}

	private static String currentActor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication == null || !authentication.isAuthenticated() ? "system" : authentication.getName();
	}

	// ---- shapes --------------------------------------------------------------------------------------

	/** A new playbook (region null: global) and the text of its first version. */
	public record NewPlaybook(String key, String region, String title, Long ownerId, Integer reviewEveryDays, Integer updateEveryDays,
			List<String> tags, String body, String changeSummary) {
	}

	/** Settings of a playbook; absent fields stay ({@code ownerId} 0 removes the owner). */
	public record Settings(String title, Long ownerId, Integer reviewEveryDays, Integer updateEveryDays, List<String> tags) {
	}

	/** The text of a version: absent title or body copy the previous one; the change requests it answers. */
	public record VersionText(String title, String body, String changeSummary, List<Long> changeRequestIds) {
	}

	/** A search result: where the guidance is, and a snippet with the matches marked (safe HTML). */
	public record SearchHit(String key, String region, int version, String title, String snippetHtml, String link) {

		static String highlight(String snippet) {
			String escaped = org.springframework.web.util.HtmlUtils.htmlEscape(snippet == null ? "" : snippet);
			return escaped.replace("⟦", "<mark>").replace("⟧", "</mark>");
		}
	}

	static List<String> splitTags(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		return new ArrayList<>(Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
	}
}
