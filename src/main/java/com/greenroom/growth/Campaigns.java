package com.greenroom.growth;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.greenroom.audit.AuditLog;
import com.greenroom.creators.Creator;
import com.greenroom.creators.Creators;
import com.greenroom.events.CurrencyRates;
import com.greenroom.growth.Campaign.Cost;
import com.greenroom.growth.Campaign.RegionPeriod;
import com.greenroom.growth.Campaign.Segment;
import com.greenroom.growth.CampaignRoi.DayPoint;
import com.greenroom.growth.CampaignRoi.Figures;
import com.greenroom.growth.CampaignRoi.RegionFigures;
import com.greenroom.identity.Region;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.Users;
import com.greenroom.identity.Viewer;
import com.greenroom.system.Checks;
import com.greenroom.system.InvalidInputException;
import com.greenroom.system.NotFoundException;
import com.greenroom.tiers.Tier;
import com.greenroom.timers.Timer;
import com.greenroom.timers.TimerHandler;
import com.greenroom.timers.TimerRequest;
import com.greenroom.timers.Timers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campaigns and their ROI. Reads are scoped in SQL to the viewer's regions: a campaign is visible when one of
 * its regions is. A segment campaign's members are stored per region by a durable timer due at the start
 * date's midnight in the region's zone ({@code campaign:<id>:freeze:<region>}).
 */
@Service
public class Campaigns implements TimerHandler {

	static final String FREEZE_KIND = "campaign-freeze";

	/** Days before the start whose average daily revenue is the baseline. */
	public static final int BASELINE_DAYS = 28;

	static final int MAX_CREATORS = 10_000;

	static final int MAX_DAYS = 366;

	private static final Pattern DECIMAL = Pattern.compile("^\\d{1,14}(\\.\\d{1,6})?$");

	private static final BigDecimal BASELINE = BigDecimal.valueOf(BASELINE_DAYS);

	private final JdbcClient jdbc;

	private final Regions regions;

	private final Users users;

	private final Creators creators;

	private final CurrencyRates rates;

	private final Timers timers;

	private final AuditLog audit;

	private final Clock clock;

	Campaigns(JdbcClient jdbc, Regions regions, Users users, Creators creators, CurrencyRates rates, Timers timers, AuditLog audit,
			Clock clock) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.users = users;
		this.creators = creators;
		this.rates = rates;
		this.timers = timers;
		this.audit = audit;
		this.clock = clock;
	}

	/** Admins, regional leads and analysts plan campaigns. */
	public boolean mayCreate(Viewer viewer) {
		return viewer.isAdmin() || viewer.has(Role.REGIONAL_LEAD) || viewer.has(Role.ANALYST);
	}

	// ---- creating --------------------------------------------------------------------------------------

	@Transactional
	public Campaign create(Viewer viewer, CampaignDraft draft) {
		if (!mayCreate(viewer)) {
			throw new AccessDeniedException("Only admins, regional leads and analysts create campaigns");
		}
		Checks checks = new Checks();
		String name = Checks.blankToNull(draft.name());
		checks.text(name, "name", 200);
		checks.optionalText(draft.goal(), "goal", 2000);
		List<Region> campaignRegions = regions(viewer, draft.regions(), checks);
		LocalDate start = date(draft.start(), "start", checks);
		LocalDate end = date(draft.end(), "end", checks);
		if (start != null && end != null) {
			checks.require(!end.isBefore(start), "end", "must not be before start (" + start + ")");
			checks.require(end.toEpochDay() - start.toEpochDay() < MAX_DAYS, "end", "a campaign may last at most " + MAX_DAYS + " days");
		}
		Cost cost = money(draft.cost(), "cost", true, checks);
		Cost target = money(draft.revenueTarget(), "revenueTarget", false, checks);
		boolean named = draft.creators() != null;
		checks.require(named != (draft.segment() != null), named ? "segment" : "creators",
				named ? "give creators or a segment, not both" : "give creators (platform ids) or a segment");
		Map<String, String> members = named ? members(viewer, draft.creators(), campaignRegions, checks) : Map.of();
		Segment segment = named || draft.segment() == null ? null : segment(draft.segment(), campaignRegions, checks);
		checks.throwIfAny();

		Instant now = clock.instant();
		long id = jdbc.sql("""
				insert into campaign (name, goal, revenue_target_usd, start_date, end_date, cost_value, cost_currency, cost_usd, participants,
				                      segment_region, segment_tier, segment_manager_id, segment_country, segment_language, created_by, created_at)
				values (:name, :goal, :target, :start, :end, :value, :currency, :usd, :participants, :sRegion, :sTier, :sManager, :sCountry,
				        :sLanguage, :by, :now) returning id""")
			.param("name", name)
			.param("goal", draft.goal() == null ? "" : draft.goal().strip())
			.param("target", target == null ? null : target.usd())
			.param("start", Date.valueOf(start))
			.param("end", Date.valueOf(end))
			.param("value", cost.value())
			.param("currency", cost.currency())
			.param("usd", cost.usd())
			.param("participants", named ? "CREATORS" : "SEGMENT")
			.param("sRegion", segment == null ? null : segment.region())
			.param("sTier", segment == null ? null : segment.tier())
			.param("sManager", segment == null ? null : segment.manager())
			.param("sCountry", segment == null ? null : segment.country())
			.param("sLanguage", segment == null ? null : segment.language())
			.param("by", viewer.username())
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
		for (Region region : campaignRegions) {
			jdbc.sql("insert into campaign_region (campaign_id, region_code, frozen_at) values (:id, :region, :frozen)")
				.param("id", id)
				.param("region", region.code())
				.param("frozen", named ? Timestamp.from(now) : null)
				.update();
			if (!named) {
				timers.schedule(new TimerRequest(FREEZE_KIND, freezeKey(id, region.code()), start.atStartOfDay(region.zone()).toInstant(),
						id + ":" + region.code()));
			}
		}
		members
			.forEach((creatorId, region) -> jdbc.sql("insert into campaign_participant (campaign_id, creator_id, region_code) values (:id, :c, :r)")
				.param("id", id)
				.param("c", creatorId)
				.param("r", region)
				.update());
		Campaign created = find(id).orElseThrow();
		audit.record("campaign", id, "created", campaignRegions.get(0).code(), null, created);
		return created;
	}

	static String freezeKey(long campaignId, String region) {
		return "campaign:" + campaignId + ":freeze:" + region;
	}

	private List<Region> regions(Viewer viewer, List<String> codes, Checks checks) {
		List<Region> found = new ArrayList<>();
		if (codes == null || codes.isEmpty()) {
			checks.require(false, "regions", "name at least one region");
			return found;
		}
		Set<String> seen = new LinkedHashSet<>();
		for (int i = 0; i < codes.size(); i++) {
			String code = codes.get(i) == null ? null : codes.get(i).strip().toUpperCase(Locale.ROOT);
			var region = code == null ? java.util.Optional.<Region>empty() : regions.find(code);
			if (region.isEmpty() || !viewer.canSee(code)) {
				checks.require(false, "regions[" + i + "]", "unknown region, or not one of yours: " + codes.get(i));
			}
			else if (seen.add(code)) {
				found.add(region.get());
			}
		}
		return found;
	}

	private static LocalDate date(String raw, String field, Checks checks) {
		if (raw == null || raw.isBlank()) {
			checks.require(false, field, "is required (a date such as 2026-11-02)");
			return null;
		}
		try {
			LocalDate date = LocalDate.parse(raw.strip());
			checks.require(date.getYear() >= 2000 && date.getYear() <= 9000, field, "must be between the years 2000 and 9000");
			return date;
		}
		catch (DateTimeParseException ex) {
			checks.require(false, field, "must be a date such as 2026-11-02");
			return null;
		}
	}

	private Cost money(CampaignDraft.Amount amount, String field, boolean required, Checks checks) {
		if (amount == null || amount.value() == null && amount.currency() == null) {
			checks.require(!required, field, "is required: {\"value\": \"500.00\", \"currency\": \"EUR\"}");
			return null;
		}
		String raw = amount.value() == null ? "" : amount.value().strip();
		BigDecimal value = null;
		if (raw.startsWith("-") || raw.equals("0") || raw.matches("^-?0*(\\.0*)?$") && !raw.isEmpty()) {
			checks.require(false, field + ".value", "must be greater than 0");
		}
		else if (!DECIMAL.matcher(raw).matches()) {
			checks.require(false, field + ".value", "must be a decimal string such as \"500.00\" (at most 14 digits before the point, 6 after)");
		}
		else {
			value = new BigDecimal(raw);
			checks.require(value.signum() > 0, field + ".value", "must be greater than 0");
		}
		String currency = amount.currency() == null ? null : amount.currency().strip().toUpperCase(Locale.ROOT);
		var usd = currency == null || currency.isEmpty() ? java.util.Optional.<BigDecimal>empty()
				: rates.toUsd(value == null ? BigDecimal.ONE : value, currency);
		if (usd.isEmpty()) {
			checks.require(false, field + ".currency", "unknown currency, or one without a configured rate: " + amount.currency()
					+ " (configured: " + String.join(", ", rates.currencies()) + ")");
			return null;
		}
		if (value == null || value.signum() <= 0) {
			return null;
		}
		checks.require(usd.get().signum() > 0, field + ".value", "is worth 0 USD at the configured rate");
		return new Cost(value, currency, usd.get());
	}

	/** The named creators and their regions: each must be on the roster, visible to the viewer and in a campaign region. */
	private Map<String, String> members(Viewer viewer, List<String> ids, List<Region> campaignRegions, Checks checks) {
		Map<String, String> members = new LinkedHashMap<>();
		if (ids.isEmpty()) {
			checks.require(false, "creators", "name at least one creator, or give a segment");
			return members;
		}
		if (ids.size() > MAX_CREATORS) {
			checks.require(false, "creators", "at most " + MAX_CREATORS + " creators");
			return members;
		}
		for (int i = 0; i < ids.size(); i++) {
			checks.require(Checks.isSafeId(ids.get(i)), "creators[" + i + "]", Checks.SAFE_ID_RULE);
		}
		if (checks.failed()) {
			return members;
		}
		Map<String, Creator> visible = creators.visible(viewer, ids);
		Set<String> codes = new LinkedHashSet<>(campaignRegions.stream().map(Region::code).toList());
		for (int i = 0; i < ids.size(); i++) {
			Creator creator = visible.get(ids.get(i));
			if (creator == null) {
				checks.require(false, "creators[" + i + "]", "unknown creator, or not in your regions: " + ids.get(i));
			}
			else if (!codes.contains(creator.regionCode())) {
				checks.require(false, "creators[" + i + "]", "is in region " + creator.regionCode() + ", not one of the campaign's " + codes);
			}
			else {
				members.put(creator.creatorId(), creator.regionCode());
			}
		}
		return members;
	}

	private Segment segment(CampaignDraft.SegmentDraft draft, List<Region> campaignRegions, Checks checks) {
		String region = Checks.blankToNull(draft.region());
		if (region != null) {
			region = region.toUpperCase(Locale.ROOT);
			String code = region;
			checks.require(campaignRegions.stream().anyMatch(r -> r.code().equals(code)), "segment.region",
					"must be one of the campaign's regions: " + draft.region());
		}
		String tier = Checks.blankToNull(draft.tier());
		if (tier != null) {
			tier = tier.toUpperCase(Locale.ROOT);
			String name = tier;
			checks.require(java.util.Arrays.stream(Tier.values()).anyMatch(t -> t.name().equals(name)), "segment.tier",
					"must be one of " + java.util.Arrays.toString(Tier.values()));
		}
		Long manager = null;
		String rawManager = Checks.blankToNull(draft.manager());
		if (rawManager != null) {
			try {
				manager = Long.parseLong(rawManager);
				checks.require(users.find(manager).isPresent(), "segment.manager", "unknown user: " + rawManager);
			}
			catch (NumberFormatException ex) {
				checks.require(false, "segment.manager", "must be a user id");
			}
		}
		String country = Checks.blankToNull(draft.country());
		if (country != null) {
			country = country.toUpperCase(Locale.ROOT);
			checks.country(country, "segment.country");
		}
		String language = Checks.blankToNull(draft.language());
		if (language != null) {
			checks.require(Checks.isLanguageTag(language), "segment.language", "must be a BCP 47 language tag such as pt-BR");
		}
		return new Segment(region, tier, manager, country, language);
	}

	// ---- freezing a segment ------------------------------------------------------------------------------

	@Override
	public String kind() {
		return FREEZE_KIND;
	}

	/** Stores the segment's members of one region as they are now: the campaign has started there. */
	@Override
	public void fire(Timer timer) {
		String[] parts = timer.payload().split(":", 2);
		freeze(Long.parseLong(parts[0]), parts[1]);
	}

	void freeze(long id, String region) {
		int updated = jdbc.sql("""
				update campaign_region set frozen_at = :now where campaign_id = :id and region_code = :region and frozen_at is null""")
			.param("now", Timestamp.from(clock.instant()))
			.param("id", id)
			.param("region", region)
			.update();
		if (updated == 0) {
			return;
		}
		int members = jdbc.sql("""
				insert into campaign_participant (campaign_id, creator_id, region_code)
				select k.id, c.creator_id, c.region_code
				from campaign k join creator c on c.region_code = :region
				left join creator_tier t on t.creator_id = c.creator_id
				where k.id = :id and c.status <> 'OFFBOARDED'
				  and (k.segment_region is null or k.segment_region = c.region_code)
				  and (k.segment_tier is null or k.segment_tier = t.tier)
				  and (k.segment_manager_id is null or k.segment_manager_id = c.manager_id)
				  and (k.segment_country is null or k.segment_country = c.country)
				  and (k.segment_language is null or lower(c.language) = lower(k.segment_language)
				       or lower(c.language) like lower(k.segment_language) || '-%')
				on conflict do nothing""")
			.param("id", id)
			.param("region", region)
			.update();
		audit.recordAs("system", "campaign", id, "segment frozen", region, null, Map.of("region", region, "participants", members));
	}

	// ---- reading -----------------------------------------------------------------------------------------

	/** Campaigns the viewer may see, newest period first; only those with {@code region} when given. */
	public List<Campaign> list(Viewer viewer, String region) {
		List<Long> ids = jdbc.sql("""
				select k.id from campaign k
				where exists (select 1 from campaign_region r where r.campaign_id = k.id
				              and (cast(:regions as text[]) is null or r.region_code = any(cast(:regions as text[])))
				              and (cast(:region as text) is null or r.region_code = cast(:region as text)))
				order by k.start_date desc, k.id desc limit 500""")
			.param("regions", viewer.regionFilter())
			.param("region", region)
			.query(Long.class)
			.list();
		return ids.stream().map(id -> find(id).orElseThrow()).toList();
	}

	/** A campaign the viewer may see; 404 otherwise. */
	public Campaign get(Viewer viewer, long id) {
		boolean visible = jdbc.sql("""
				select exists (select 1 from campaign_region r where r.campaign_id = :id
				               and (cast(:regions as text[]) is null or r.region_code = any(cast(:regions as text[]))))""")
			.param("id", id)
			.param("regions", viewer.regionFilter())
			.query(Boolean.class)
			.single();
		if (!visible) {
			throw new NotFoundException("Campaign", id);
		}
		return find(id).orElseThrow(() -> new NotFoundException("Campaign", id));
	}

	java.util.Optional<Campaign> find(long id) {
		List<RegionPeriod> periods = new ArrayList<>();
		return jdbc
			.sql("select *, (select count(*) from campaign_participant p where p.campaign_id = k.id) as members from campaign k where id = :id")
			.param("id", id)
			.query((rs, n) -> campaign(rs, periods))
			.optional()
			.map(c -> {
				LocalDate start = c.start();
				LocalDate end = c.end();
				jdbc.sql("select region_code, frozen_at from campaign_region where campaign_id = :id order by region_code")
					.param("id", id)
					.query((rs, n) -> {
						String code = rs.getString(1);
						ZoneId zone = zone(code);
						Timestamp frozen = rs.getTimestamp(2);
						return new RegionPeriod(code, start.atStartOfDay(zone).toInstant(), end.plusDays(1).atStartOfDay(zone).toInstant(),
								frozen == null ? null : frozen.toInstant());
					})
					.list()
					.forEach(periods::add);
				return c;
			});
	}

	private static Campaign campaign(ResultSet rs, List<RegionPeriod> periods) throws SQLException {
		boolean segment = "SEGMENT".equals(rs.getString("participants"));
		long manager = rs.getLong("segment_manager_id");
		Long managerId = rs.wasNull() ? null : manager;
		return new Campaign(rs.getLong("id"), rs.getString("name"), rs.getString("goal"), usd(rs.getBigDecimal("revenue_target_usd")),
				rs.getObject("start_date", LocalDate.class), rs.getObject("end_date", LocalDate.class),
				new Cost(plain(rs.getBigDecimal("cost_value")), rs.getString("cost_currency"), usd(rs.getBigDecimal("cost_usd"))), periods,
				rs.getString("participants"),
				segment ? new Segment(rs.getString("segment_region"), rs.getString("segment_tier"), managerId, rs.getString("segment_country"),
						rs.getString("segment_language")) : null,
				rs.getInt("members"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
	}

	/** The participants of a campaign in one region, for a viewer who may see the campaign. */
	public List<String> participants(Viewer viewer, long id, String region) {
		get(viewer, id);
		return jdbc.sql("""
				select creator_id from campaign_participant where campaign_id = :id and region_code = :region
				and (cast(:regions as text[]) is null or region_code = any(cast(:regions as text[]))) order by creator_id""")
			.param("id", id)
			.param("region", region)
			.param("regions", viewer.regionFilter())
			.query(String.class)
			.list();
	}

	// ---- ROI ---------------------------------------------------------------------------------------------

	/** The campaign's ROI as of {@code now}, over the regions the viewer may see. */
	public CampaignRoi roi(Viewer viewer, long id, Instant now) {
		Campaign campaign = get(viewer, id);
		LocalDate baselineFrom = campaign.start().minusDays(BASELINE_DAYS);
		LocalDate baselineTo = campaign.start().minusDays(1);
		List<RegionPeriod> shown = campaign.regions().stream().filter(r -> viewer.canSee(r.region())).toList();
		Map<String, Integer> members = new TreeMap<>();
		jdbc.sql("select region_code, count(*) from campaign_participant where campaign_id = :id group by region_code")
			.param("id", id)
			.query((ResultSet rs) -> {
				members.put(rs.getString(1), rs.getInt(2));
			});
		int allMembers = members.values().stream().mapToInt(Integer::intValue).sum();
		// revenue per region and creator-day date, from baseline start to campaign end
		Map<String, TreeMap<LocalDate, BigDecimal>> revenue = new TreeMap<>();
		jdbc.sql("""
				select p.region_code, d.day, sum(d.gift_revenue_usd + d.subscription_revenue_usd)
				from campaign_participant p join activity_creator_day d on d.creator_id = p.creator_id
				where p.campaign_id = :id and d.day between :from and :to group by p.region_code, d.day""")
			.param("id", id)
			.param("from", Date.valueOf(baselineFrom))
			.param("to", Date.valueOf(campaign.end()))
			.query((ResultSet rs) -> {
				revenue.computeIfAbsent(rs.getString(1), r -> new TreeMap<>()).put(rs.getObject(2, LocalDate.class), rs.getBigDecimal(3));
			});
		List<RegionFigures> regionFigures = new ArrayList<>();
		BigDecimal revenueTotal = BigDecimal.ZERO;
		BigDecimal baselineTotal = BigDecimal.ZERO;
		BigDecimal baselineDailyTotal = BigDecimal.ZERO;
		int minDays = campaign.days();
		TreeMap<LocalDate, BigDecimal> dailyRevenue = new TreeMap<>();
		TreeMap<LocalDate, BigDecimal> dailyBaseline = new TreeMap<>();
		for (RegionPeriod period : campaign.regions()) {
			String region = period.region();
			TreeMap<LocalDate, BigDecimal> days = revenue.getOrDefault(region, new TreeMap<>());
			int counted = daysCounted(campaign, zone(region), now);
			BigDecimal before = sum(days, baselineFrom, baselineTo);
			BigDecimal during = counted == 0 ? BigDecimal.ZERO : sum(days, campaign.start(), campaign.start().plusDays(counted - 1));
			BigDecimal baseline = before.multiply(BigDecimal.valueOf(counted)).divide(BASELINE, 6, RoundingMode.HALF_EVEN);
			BigDecimal baselineDaily = before.divide(BASELINE, 6, RoundingMode.HALF_EVEN);
			int count = members.getOrDefault(region, 0);
			BigDecimal cost = allMembers == 0
					? campaign.cost().usd().divide(BigDecimal.valueOf(campaign.regions().size()), 6, RoundingMode.HALF_EVEN)
					: campaign.cost().usd().multiply(BigDecimal.valueOf(count)).divide(BigDecimal.valueOf(allMembers), 6, RoundingMode.HALF_EVEN);
			revenueTotal = revenueTotal.add(during);
			baselineTotal = baselineTotal.add(baseline);
			baselineDailyTotal = baselineDailyTotal.add(baselineDaily);
			minDays = Math.min(minDays, counted);
			if (viewer.canSee(region)) {
				regionFigures.add(new RegionFigures(region, figures(count, counted, campaign.days(), during, baselineDaily, baseline, cost)));
				for (LocalDate day = baselineFrom; !day.isAfter(campaign.end()); day = day.plusDays(1)) {
					dailyRevenue.merge(day, days.getOrDefault(day, BigDecimal.ZERO), BigDecimal::add);
					if (!day.isBefore(campaign.start())) {
						dailyBaseline.merge(day, baselineDaily, BigDecimal::add);
					}
				}
			}
		}
		Figures total = shown.size() == campaign.regions().size()
				? figures(allMembers, minDays, campaign.days(), revenueTotal, baselineDailyTotal, baselineTotal, campaign.cost().usd()) : null;
		List<DayPoint> daily = new ArrayList<>();
		dailyRevenue.forEach((day, value) -> daily.add(new DayPoint(day, usd(value), usd(dailyBaseline.get(day)))));
		return new CampaignRoi(id, campaign.start(), campaign.end(), campaign.days(), baselineFrom, baselineTo, total, regionFigures, daily);
	}

	/** Days of the period that have ended in the zone at {@code now}. */
	static int daysCounted(Campaign campaign, ZoneId zone, Instant now) {
		int counted = 0;
		for (LocalDate day = campaign.start(); !day.isAfter(campaign.end()); day = day.plusDays(1)) {
			if (day.plusDays(1).atStartOfDay(zone).toInstant().isAfter(now)) {
				break;
			}
			counted++;
		}
		return counted;
	}

	private static Figures figures(int participants, int counted, int days, BigDecimal revenue, BigDecimal baselineDaily, BigDecimal baseline,
			BigDecimal cost) {
		BigDecimal incremental = revenue.subtract(baseline);
		BigDecimal roi = counted == 0 ? null : incremental.subtract(cost).divide(cost, 6, RoundingMode.HALF_EVEN);
		return new Figures(participants, counted, counted == days, usd(revenue), usd(baselineDaily), usd(baseline), usd(incremental), usd(cost),
				roi == null ? null : plain(roi));
	}

	private static BigDecimal sum(TreeMap<LocalDate, BigDecimal> days, LocalDate from, LocalDate to) {
		return days.subMap(from, true, to, true).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	private ZoneId zone(String region) {
		return regions.find(region).map(Region::zone).orElse(ZoneId.of("UTC"));
	}

	private static BigDecimal usd(BigDecimal value) {
		return value == null ? null : value.setScale(6, RoundingMode.HALF_EVEN);
	}

	private static BigDecimal plain(BigDecimal value) {
		return value == null ? null : value.stripTrailingZeros().scale() < 0 ? value.setScale(0) : value.stripTrailingZeros();
	}
}
