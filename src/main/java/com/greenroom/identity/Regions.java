package com.greenroom.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import com.greenroom.audit.AuditLog;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The region table: codes, names, IANA time zones and the country map used to place creators. */
@Service
public class Regions {

	private final JdbcClient jdbc;

	private final AuditLog audit;

	Regions(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	public List<Region> all() {
		Map<String, List<String>> countries = new LinkedHashMap<>();
		jdbc.sql("select country, region_code from region_country order by country")
			.query(rs -> {
				countries.computeIfAbsent(rs.getString("region_code"), k -> new ArrayList<>()).add(rs.getString("country"));
			});
		return jdbc.sql("select code, name, time_zone from region order by code")
			.query((rs, n) -> new Region(rs.getString("code"), rs.getString("name"), rs.getString("time_zone"),
					List.copyOf(countries.getOrDefault(rs.getString("code"), List.of()))))
			.list();
	}

	/** Every region's code, in code order (one read of the region table). */
	public List<String> codes() {
		return jdbc.sql("select code from region order by code").query(String.class).list();
	}

	/** The regions a viewer may see, for filters and pickers. */
	public List<Region> visibleTo(Viewer viewer) {
		return all().stream().filter(r -> viewer.canSee(r.code())).toList();
	}

	public Optional<Region> find(String code) {
		if (code == null) {
			return Optional.empty();
		}
		List<String> countries = jdbc.sql("select country from region_country where region_code = :code order by country")
			.param("code", code)
			.query(String.class)
			.list();
		return jdbc.sql("select code, name, time_zone from region where code = :code")
			.param("code", code)
			.query((rs, n) -> new Region(rs.getString("code"), rs.getString("name"), rs.getString("time_zone"), countries))
			.optional();
	}

	public boolean exists(String code) {
		return code != null && jdbc.sql("select count(*) from region where code = :code").param("code", code).query(Long.class).single() > 0;
	}

	/** The region that owns creators of a country, if the country is mapped. */
	public Optional<Region> forCountry(String country) {
		return jdbc.sql("select region_code from region_country where country = :country")
			.param("country", country)
			.query(String.class)
			.optional()
			.flatMap(this::find);
	}

	@Transactional
	public Region create(Region region) {
		validate(region, true);
		if (exists(region.code())) {
			throw new ConflictException("code", "Region " + region.code() + " already exists");
		}
		checkCountriesFree(region.code(), region.countries());
		jdbc.sql("insert into region (code, name, time_zone) values (:code, :name, :zone)")
			.param("code", region.code())
			.param("name", region.name().strip())
			.param("zone", region.timeZone())
			.update();
		mapCountries(region.code(), region.countries());
		Region created = find(region.code()).orElseThrow();
		audit.record("region", created.code(), "created", created.code(), null, created);
		return created;
	}

	/** Changes name, time zone and (when given) the full country list of a region. */
	@Transactional
	public Region update(String code, String name, String timeZone, List<String> countries) {
		Region before = find(code).orElseThrow(() -> new NotFoundException("Region", code));
		Region after = new Region(code, name == null ? before.name() : name, timeZone == null ? before.timeZone() : timeZone,
				countries == null ? before.countries() : countries);
		validate(after, false);
		checkCountriesFree(code, after.countries());
		jdbc.sql("update region set name = :name, time_zone = :zone where code = :code")
			.param("name", after.name().strip())
			.param("zone", after.timeZone())
			.param("code", code)
			.update();
		jdbc.sql("delete from region_country where region_code = :code").param("code", code).update();
		mapCountries(code, after.countries());
		Region updated = find(code).orElseThrow();
		audit.record("region", code, "updated", code, before, updated);
		return updated;
	}

	private void validate(Region region, boolean creating) {
		Checks checks = new Checks();
		if (creating) {
			checks.require(region.code() != null && region.code().matches("^[A-Z][A-Z0-9_]{1,15}$"), "code",
					"must be 2 to 16 upper-case letters, digits or underscores, starting with a letter");
		}
		checks.text(region.name(), "name", 100).timeZone(region.timeZone(), "timeZone");
		if (region.countries() != null) {
			for (int i = 0; i < region.countries().size(); i++) {
				checks.country(region.countries().get(i), "countries[" + i + "]");
			}
			checks.require(new TreeSet<>(region.countries()).size() == region.countries().size(), "countries", "lists a country twice");
		}
		checks.throwIfAny();
	}

	private void checkCountriesFree(String code, List<String> countries) {
		if (countries == null || countries.isEmpty()) {
			return;
		}
		List<String> taken = jdbc.sql("""
				select country || ' (' || region_code || ')' from region_country
				where country = any(:countries) and region_code <> :code order by country""")
			.param("countries", countries.toArray(String[]::new))
			.param("code", code)
			.query(String.class)
			.list();
		if (!taken.isEmpty()) {
			throw new ConflictException("countries", "Already mapped to another region: " + String.join(", ", taken)
					+ "; remove them there first");
		}
	}

	private void mapCountries(String code, List<String> countries) {
		if (countries == null) {
			return;
		}
		for (String country : countries) {
			jdbc.sql("insert into region_country (country, region_code) values (:country, :code)")
				.param("country", country)
				.param("code", code)
				.update();
		}
	}
}
