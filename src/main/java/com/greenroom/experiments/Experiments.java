package com.greenroom.experiments;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.greenroom.audit.AuditLog;
import com.greenroom.experiments.Experiment.Assignment;
import com.greenroom.experiments.Experiment.Metric;
import com.greenroom.experiments.Experiment.Status;
import com.greenroom.experiments.ExperimentResults.Difference;
import com.greenroom.experiments.ExperimentResults.VariantResult;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.UserSummary;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.insights.CreatorOutcomes;
import com.greenroom.insights.Proportions;
import com.greenroom.insights.Proportions.Interval;
import com.greenroom.playbooks.ChangeRequestDraft;
import com.greenroom.playbooks.Playbooks;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Experiments: create, start, conclude and retire them, and read their results. Region-scoped in SQL; every
 * change audited in its transaction.
 */
@Service
public class Experiments {

	static final int MAX_WINDOW_DAYS = 366;

	static final int MAX_MEMBERS = 10_000;

	private static final String SELECT = """
			select e.id, e.name, e.hypothesis, e.owner_user_id, u.display_name, e.region_code, e.assignment, e.seed, e.metric,
			       e.milestone, e.variants, e.starts_on, e.ends_on, e.status, e.retired_reason, e.change_request_id
			from experiment e join app_user u on u.id = e.owner_user_id
			""";

	private final JdbcClient jdbc;

	private final Regions regions;

	private final Users users;

	private final CreatorOutcomes outcomes;

	private final Playbooks playbooks;

	private final AuditLog audit;

	private final Clock clock;

	private final double lowLift;

	Experiments(JdbcClient jdbc, Regions regions, Users users, CreatorOutcomes outcomes, Playbooks playbooks, AuditLog audit,
			Clock clock, @Value("${greenroom.experiments.low-lift:0.05}") double lowLift) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.users = users;
		this.outcomes = outcomes;
		this.playbooks = playbooks;
		this.audit = audit;
		this.clock = clock;
		this.lowLift = lowLift;
	}

	/** The relative lift under which a concluded experiment is low-performing. */
	public double lowLiftThreshold() {
		return lowLift;
	}

	public boolean mayChange(Viewer viewer) {
		return viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD) || viewer.has(Role.ANALYST);
	}

	/** The viewer's experiments, newest first, optionally of one region and status. */
	public List<Experiment> list(Viewer viewer, String region, String status) {
		String regionCode = Checks.blankToNull(region);
		if (regionCode != null && !(regions.exists(regionCode) && viewer.canSee(regionCode))) {
			throw new InvalidInputException("region", "unknown region, or not one of yours: " + regionCode);
		}
		Status wanted = Checks.blankToNull(status) == null ? null : status(status);
		return jdbc.sql(SELECT + """
				where (cast(:regions as text[]) is null or e.region_code = any(cast(:regions as text[])))
				  and (cast(:region as text) is null or e.region_code = cast(:region as text))
				  and (cast(:status as text) is null or e.status = cast(:status as text))
				order by e.id desc""")
			.param("regions", viewer.regionFilter())
			.param("region", regionCode)
			.param("status", wanted == null ? null : wanted.name())
			.query(Experiments::experiment)
			.list();
	}

	public Experiment get(Viewer viewer, long id) {
		return find(id).filter(e -> viewer.canSee(e.region())).orElseThrow(() -> new NotFoundException("experiment", id));
	}

	private Optional<Experiment> find(long id) {
		return jdbc.sql(SELECT + " where e.id = :id").param("id", id).query(Experiments::experiment).optional();
	}

	@Transactional
	public Experiment create(Viewer viewer, ExperimentDraft draft) {
		requireChanger(viewer);
		Checks checks = new Checks();
		checks.text(draft.name(), "name", 120);
		checks.text(draft.hypothesis(), "hypothesis", 2000);
		String region = Checks.blankToNull(draft.region());
		checks.require(region != null && regions.exists(region) && viewer.canSee(region), "region",
				"must be one of your regions");
		List<String> variants = draft.variants() == null ? List.of()
				: draft.variants().stream().map(v -> v == null ? "" : v.strip()).toList();
		checks.require(variants.size() >= 2 && variants.size() <= 10, "variants", "needs 2 to 10 variants");
		checks.require(variants.stream().allMatch(v -> !v.isEmpty() && v.length() <= 60), "variants",
				"each variant needs a name of 1 to 60 characters");
		checks.require(new HashSet<>(variants).size() == variants.size(), "variants", "variant names must differ");
		Metric metric = metric(draft.metric());
		String milestone = null;
		if (metric == Metric.MILESTONE_DAY14) {
			milestone = Checks.blankToNull(draft.milestone()) == null ? "FIRST_STREAM" : draft.milestone().strip().toUpperCase(Locale.ROOT);
			checks.require(milestoneExists(milestone), "milestone", "no milestone " + abbreviate(milestone));
		}
		LocalDate startsOn = date(draft.startsOn(), "startsOn");
		LocalDate endsOn = date(draft.endsOn(), "endsOn");
		if (endsOn.isBefore(startsOn)) {
			throw new InvalidInputException("endsOn", "must not be before startsOn (" + startsOn + ")");
		}
		if (startsOn.plusDays(MAX_WINDOW_DAYS).isBefore(endsOn)) {
			throw new InvalidInputException("endsOn", "an experiment may run at most " + MAX_WINDOW_DAYS + " days");
		}
		long ownerId = draft.ownerId() == null ? viewer.userId() : draft.ownerId();
		Optional<UserSummary> owner = users.find(ownerId);
		checks.require(owner.isPresent() && (owner.get().roles().contains(Role.ADMIN) || owner.get().regions().contains(region)),
				"ownerId", "must be a user of the experiment's region");
		Assignment assignment = assignment(draft.assignment());
		Map<String, Integer> members = new LinkedHashMap<>();
		if (assignment == Assignment.SEED) {
			checks.require(draft.seed() != null, "seed", "is required for seed assignment");
			checks.require(draft.members() == null || draft.members().isEmpty(), "members", "only with list assignment");
		}
		else {
			checks.require(draft.seed() == null, "seed", "only with seed assignment");
			checks.require(draft.members() != null && !draft.members().isEmpty() && draft.members().size() <= MAX_MEMBERS,
					"members", "list 1 to " + MAX_MEMBERS + " creators with their variants");
		}
		checks.throwIfAny();
		if (assignment == Assignment.LIST) {
			members = members(draft.members(), variants, region);
		}
		Experiment candidate = new Experiment(0, draft.name().strip(), draft.hypothesis().strip(), ownerId,
				owner.get().displayName(), region, assignment, draft.seed(), metric, milestone, variants, startsOn, endsOn,
				Status.DRAFT, null, null);
		refuseOverlap(candidate, members.keySet());
		Instant now = clock.instant();
		long id = jdbc.sql("""
				insert into experiment (name, hypothesis, owner_user_id, region_code, assignment, seed, metric, milestone, variants,
				                        starts_on, ends_on, status, created_by, created_at, updated_at)
				values (:name, :hypothesis, :owner, :region, :assignment, :seed, :metric, :milestone, :variants, :startsOn, :endsOn,
				        'DRAFT', :by, :now, :now) returning id""")
			.param("name", candidate.name())
			.param("hypothesis", candidate.hypothesis())
			.param("owner", ownerId)
			.param("region", region)
			.param("assignment", assignment.name())
			.param("seed", draft.seed())
			.param("metric", metric.name())
			.param("milestone", milestone)
			.param("variants", variants.toArray(String[]::new))
			.param("startsOn", Date.valueOf(startsOn))
			.param("endsOn", Date.valueOf(endsOn))
			.param("by", viewer.username())
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
		members.forEach((creatorId, variant) -> jdbc
			.sql("insert into experiment_member (experiment_id, creator_id, variant) values (:id, :creator, :variant)")
			.param("id", id)
			.param("creator", creatorId)
			.param("variant", variant)
			.update());
		Experiment created = find(id).orElseThrow();
		audit.record("experiment", id, "create", region, null, created);
		return created;
	}

	@Transactional
	public Experiment start(Viewer viewer, long id) {
		Experiment experiment = changeable(viewer, id);
		experiment.next(Status.RUNNING);
		refuseOverlap(experiment, Set.copyOf(listedMembers(id).keySet()));
		return move(experiment, Status.RUNNING, null, null);
	}

	@Transactional
	public Experiment conclude(Viewer viewer, long id) {
		Experiment experiment = changeable(viewer, id);
		experiment.next(Status.CONCLUDED);
		return move(experiment, Status.CONCLUDED, null, null);
	}

	/** Retires a concluded experiment, recording why; with a playbook key, raises a change request for it. */
	@Transactional
	public Experiment retire(Viewer viewer, long id, String reason, String playbookKey) {
		Experiment experiment = changeable(viewer, id);
		Checks checks = new Checks();
		checks.text(reason, "reason", 1000);
		String key = Checks.blankToNull(playbookKey);
		checks.require(key == null || playbooks.exists(key.strip()), "playbookKey", "is not a known playbook");
		checks.throwIfAny();
		experiment.next(Status.RETIRED);
		Long changeRequest = key == null ? null
				: playbooks.requestChange(new ChangeRequestDraft(key.strip(), experiment.region(),
						"Experiment \"" + experiment.name() + "\" retired: " + reason.strip(), "EXPERIMENT", "experiment-" + id));
		return move(experiment, Status.RETIRED, reason.strip(), changeRequest);
	}

	private Experiment move(Experiment experiment, Status status, String reason, Long changeRequest) {
		jdbc.sql("""
				update experiment set status = :status, retired_reason = coalesce(:reason, retired_reason),
				       change_request_id = coalesce(:cr, change_request_id), updated_at = :now where id = :id""")
			.param("status", status.name())
			.param("reason", reason)
			.param("cr", changeRequest)
			.param("now", Timestamp.from(clock.instant()))
			.param("id", experiment.id())
			.update();
		Experiment after = find(experiment.id()).orElseThrow();
		audit.record("experiment", experiment.id(), status.name().toLowerCase(Locale.ROOT), experiment.region(), experiment, after);
		return after;
	}

	/** Which variant each creator of the experiment is in (creator id to variant name). */
	public Map<String, String> assignments(Experiment experiment) {
		Map<String, String> answer = new LinkedHashMap<>();
		if (experiment.assignment() == Assignment.LIST) {
			listedMembers(experiment.id()).forEach((creator, variant) -> answer.put(creator, experiment.variants().get(variant)));
		}
		else {
			for (String creator : outcomes.registeredIn(experiment.region(), experiment.startsOn(), experiment.endsOn())) {
				answer.put(creator,
						experiment.variants().get(SeedAssignment.variantOf(experiment.seed(), creator, experiment.variants().size())));
			}
		}
		return answer;
	}

	/** The primary metric per variant with its intervals, each variant against the control (the first). */
	public ExperimentResults results(Viewer viewer, long id) {
		Experiment experiment = get(viewer, id);
		Map<String, String> groups = assignments(experiment);
		String control = experiment.variants().get(0);
		List<VariantResult> variants = new ArrayList<>();
		Double lift = null;
		boolean anyTreatment = false;
		if (experiment.metric() == Metric.REVENUE_PER_CREATOR) {
			LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
			LocalDate to = experiment.endsOn().isAfter(today) ? today : experiment.endsOn();
			Map<String, CreatorOutcomes.Revenue> revenue = outcomes.revenue(groups, experiment.startsOn(), to);
			CreatorOutcomes.Revenue base = revenue.get(control);
			for (String variant : experiment.variants()) {
				CreatorOutcomes.Revenue r = revenue.get(variant);
				if (r == null || r.creators() == 0) {
					variants.add(new VariantResult(variant, 0, 0, null, null, null, null, null));
					continue;
				}
				double half = Proportions.Z95 * Math.sqrt(r.variance() / r.creators());
				Difference difference = variant.equals(control) || base == null ? null : welch(r, base, variant, control);
				variants.add(new VariantResult(variant, r.creators(), r.creators(), null, r.mean(), r.mean() - half, r.mean() + half,
						difference));
			}
		}
		else {
			Map<String, CreatorOutcomes.Counts> counts = outcomes.byGroup(groups, experiment.milestone() == null ? "FIRST_STREAM"
					: experiment.milestone(), clock.instant());
			boolean day7 = experiment.metric() == Metric.DAY7_RETENTION;
			CreatorOutcomes.Counts base = counts.get(control);
			for (String variant : experiment.variants()) {
				CreatorOutcomes.Counts c = counts.get(variant);
				long creators = c == null ? 0 : c.creators();
				long eligible = c == null ? 0 : day7 ? c.day7Eligible() : c.milestoneEligible();
				long count = c == null ? 0 : day7 ? c.day7Retained() : c.milestoneReached();
				Optional<Interval> wilson = Proportions.wilson(count, eligible);
				Difference difference = null;
				if (!variant.equals(control) && base != null) {
					long baseEligible = day7 ? base.day7Eligible() : base.milestoneEligible();
					long baseCount = day7 ? base.day7Retained() : base.milestoneReached();
					difference = Proportions.newcombe(count, eligible, baseCount, baseEligible).map(interval -> {
						double estimate = (double) count / eligible - (double) baseCount / baseEligible;
						return new Difference(estimate, interval.lower(), interval.upper(), interval.excludesZero(),
								variant + " " + (day7 ? "retains " : "converts ") + points(estimate) + " than " + control + " (95% CI "
										+ signedPoints(interval.lower()) + " to " + signedPoints(interval.upper()) + ")");
					}).orElse(null);
				}
				variants.add(new VariantResult(variant, creators, eligible, count, Proportions.share(count, eligible).orElse(null),
						wilson.map(Interval::lower).orElse(null), wilson.map(Interval::upper).orElse(null), difference));
			}
		}
		VariantResult controlResult = variants.get(0);
		for (VariantResult v : variants.subList(1, variants.size())) {
			if (v.value() == null || controlResult.value() == null) {
				continue;
			}
			anyTreatment = true;
			// relative to the control; a control of 0 beaten by any variant is an unbounded lift
			double relative = controlResult.value() == 0 ? (v.value() > 0 ? Double.POSITIVE_INFINITY : 0)
					: (v.value() - controlResult.value()) / controlResult.value();
			lift = lift == null ? relative : Math.max(lift, relative);
		}
		Double shownLift = lift == null || lift.isInfinite() ? null : lift;
		boolean low = experiment.status() == Status.CONCLUDED && anyTreatment && lift != null && lift < lowLift;
		return new ExperimentResults(id, experiment.metric().name(), control, variants, shownLift, lowLift, low);
	}

	/** Concluded experiments whose lift is under the threshold: the monthly retirement's list. */
	public List<Experiment> lowPerforming(Viewer viewer, String region) {
		return list(viewer, region, "CONCLUDED").stream().filter(e -> results(viewer, e.id()).lowPerforming()).toList();
	}

	private static Difference welch(CreatorOutcomes.Revenue r, CreatorOutcomes.Revenue base, String variant, String control) {
		double estimate = r.mean() - base.mean();
		double half = Proportions.Z95 * Math.sqrt(r.variance() / r.creators() + base.variance() / base.creators());
		Interval interval = new Interval(estimate - half, estimate + half);
		return new Difference(estimate, interval.lower(), interval.upper(), interval.excludesZero(),
				variant + " earns " + String.format(Locale.ROOT, "$%.2f %s", Math.abs(estimate), estimate >= 0 ? "more" : "less")
						+ " per creator than " + control + String.format(Locale.ROOT, " (95%% CI %+.2f to %+.2f)", interval.lower(),
								interval.upper()));
	}

	private static String points(double share) {
		long points = Math.round(share * 100);
		return points == 0 ? "as many" : Math.abs(points) + " pts " + (points > 0 ? "more" : "fewer");
	}

	private static String signedPoints(double share) {
		long points = Math.round(share * 100);
		return (points > 0 ? "+" : points < 0 ? "−" : "") + Math.abs(points);
	}

	/**
	 * Refuses an experiment that would share a creator with a running experiment of its region: two seed
	 * experiments whose windows meet, a listed creator registered in a seed experiment's window, or a creator on
	 * both lists.
	 */
	private void refuseOverlap(Experiment candidate, Set<String> listed) {
		for (Experiment running : list(adminViewer(), candidate.region(), "RUNNING")) {
			if (running.id() == candidate.id()) {
				continue;
			}
			String who = "experiment " + running.id() + " \"" + running.name() + "\"";
			if (candidate.assignment() == Assignment.SEED && running.assignment() == Assignment.SEED) {
				if (!candidate.startsOn().isAfter(running.endsOn()) && !running.startsOn().isAfter(candidate.endsOn())) {
					throw new ConflictException("startsOn", "creators registering " + running.startsOn() + " to " + running.endsOn()
							+ " in " + candidate.region() + " are already in running " + who);
				}
				continue;
			}
			Set<String> theirs = running.assignment() == Assignment.LIST ? listedMembers(running.id()).keySet()
					: new HashSet<>(outcomes.registeredIn(running.region(), running.startsOn(), running.endsOn()));
			Set<String> mine = candidate.assignment() == Assignment.LIST ? listed
					: new HashSet<>(outcomes.registeredIn(candidate.region(), candidate.startsOn(), candidate.endsOn()));
			Set<String> shared = new LinkedHashSet<>(mine);
			shared.retainAll(theirs);
			if (!shared.isEmpty()) {
				throw new ConflictException(candidate.assignment() == Assignment.LIST ? "members" : "startsOn",
						shared.size() + " creator(s), e.g. " + shared.iterator().next() + ", are already in running " + who);
			}
		}
	}

	private static Viewer adminViewer() {
		return new Viewer(0, "system", "system", Set.of(Role.ADMIN), Set.of());
	}

	private Map<String, Integer> listedMembers(long id) {
		Map<String, Integer> members = new LinkedHashMap<>();
		jdbc.sql("select creator_id, variant from experiment_member where experiment_id = :id order by creator_id")
			.param("id", id)
			.query((ResultSet rs) -> {
				members.put(rs.getString(1), rs.getInt(2));
			});
		return members;
	}

	private Map<String, Integer> members(List<ExperimentDraft.Member> listed, List<String> variants, String region) {
		Map<String, Integer> members = new LinkedHashMap<>();
		for (ExperimentDraft.Member member : listed) {
			String creator = member == null ? null : Checks.blankToNull(member.creatorId());
			if (creator == null || !Checks.isSafeId(creator.strip())) {
				throw new InvalidInputException("members", "each member needs a creatorId: " + Checks.SAFE_ID_RULE);
			}
			int variant = variants.indexOf(member.variant() == null ? "" : member.variant().strip());
			if (variant < 0) {
				throw new InvalidInputException("members", "creator " + creator.strip() + ": variant must be one of " + variants);
			}
			if (members.put(creator.strip(), variant) != null) {
				throw new InvalidInputException("members", "creator " + creator.strip() + " is listed twice");
			}
		}
		List<String> inRegion = jdbc.sql("select creator_id from creator where creator_id = any(:ids) and region_code = :region")
			.param("ids", members.keySet().toArray(String[]::new))
			.param("region", region)
			.query(String.class)
			.list();
		if (inRegion.size() != members.size()) {
			String missing = members.keySet().stream().filter(c -> !inRegion.contains(c)).findFirst().orElseThrow();
			throw new InvalidInputException("members", "no creator " + missing + " in region " + region);
		}
		return members;
	}

	private Experiment changeable(Viewer viewer, long id) {
		requireChanger(viewer);
		return get(viewer, id);
	}

	private void requireChanger(Viewer viewer) {
		if (!mayChange(viewer)) {
			throw new AccessDeniedException("Only admins, regional leads and analysts run experiments");
		}
	}

	private boolean milestoneExists(String code) {
		return jdbc.sql("select exists (select 1 from milestone_definition where code = :code)")
			.param("code", code)
			.query(Boolean.class)
			.single();
	}

	static Metric metric(String text) {
		String value = Checks.blankToNull(text);
		if (value == null) {
			throw new InvalidInputException("metric", "is required: day7-retention, milestone-day14 or revenue-per-creator");
		}
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "day7-retention" -> Metric.DAY7_RETENTION;
			case "milestone-day14" -> Metric.MILESTONE_DAY14;
			case "revenue-per-creator" -> Metric.REVENUE_PER_CREATOR;
			default -> throw new InvalidInputException("metric", "must be day7-retention, milestone-day14 or revenue-per-creator");
		};
	}

	static Assignment assignment(String text) {
		String value = Checks.blankToNull(text);
		if (value == null) {
			throw new InvalidInputException("assignment", "is required: seed or list");
		}
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "seed" -> Assignment.SEED;
			case "list" -> Assignment.LIST;
			default -> throw new InvalidInputException("assignment", "must be seed or list");
		};
	}

	static Status status(String text) {
		try {
			return Status.valueOf(text.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("status", "must be draft, running, concluded or retired");
		}
	}

	private static LocalDate date(String text, String field) {
		String value = Checks.blankToNull(text);
		if (value == null) {
			throw new InvalidInputException(field, "is required: a date like 2026-11-02");
		}
		try {
			LocalDate date = LocalDate.parse(value.strip());
			if (date.getYear() < 2000 || date.getYear() > 2200) {
				throw new InvalidInputException(field, "must be a date between 2000 and 2200");
			}
			return date;
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "must be a date like 2026-11-02");
		}
	}

	private static String abbreviate(String value) {
		return value.length() > 40 ? value.substring(0, 40) + "…" : value;
	}

	private static Experiment experiment(ResultSet rs, int row) throws SQLException {
		Array variants = rs.getArray(11);
		return new Experiment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
				Assignment.valueOf(rs.getString(7)), (Long) rs.getObject(8), Metric.valueOf(rs.getString(9)), rs.getString(10),
				Arrays.asList((String[]) variants.getArray()), rs.getDate(12).toLocalDate(), rs.getDate(13).toLocalDate(),
				Status.valueOf(rs.getString(14)), rs.getString(15), (Long) rs.getObject(16));
	}
}
