package com.greenroom.onboarding;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.greenroom.audit.AuditLog;
import com.greenroom.comms.Templates;
import com.greenroom.identity.Regions;
import com.greenroom.identity.Role;
import com.greenroom.identity.Viewer;
import com.greenroom.playbooks.Playbooks;
import com.greenroom.system.Checks;
import com.greenroom.system.ConflictException;
import com.greenroom.system.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Onboarding templates and their versions. Admins own the global template; regional leads own their
 * regions' variants. A published version is frozen: changing it is a 409; a new draft copies the latest.
 */
@Service
public class OnboardingTemplates {

	private final JdbcClient jdbc;

	private final Regions regions;

	private final AuditLog audit;

	private final Clock clock;

	private final Playbooks playbooks;

	private final Templates messageTemplates;

	OnboardingTemplates(JdbcClient jdbc, Regions regions, AuditLog audit, Clock clock, Playbooks playbooks, Templates messageTemplates) {
		this.messageTemplates = messageTemplates;
		this.jdbc = jdbc;
		this.regions = regions;
		this.audit = audit;
		this.clock = clock;
		this.playbooks = playbooks;
	}

	/** Templates the viewer may see: the global one and their regions' variants. */
	public List<Template> list(Viewer viewer) {
		return jdbc.sql("select id from onboarding_template order by region_code nulls first")
			.query(Long.class)
			.list()
			.stream()
			.map(this::load)
			.filter(t -> t.global() || viewer.canSee(t.region()))
			.toList();
	}

	public Template get(Viewer viewer, long id) {
		return find(id).filter(t -> t.global() || viewer.canSee(t.region())).orElseThrow(() -> new NotFoundException("Template", id));
	}

	public TemplateVersion version(Viewer viewer, long templateId, int version) {
		get(viewer, templateId);
		return findVersion(templateId, version).orElseThrow(() -> new NotFoundException("Template version", templateId + "/" + version));
	}

	/** Whether the viewer may change the template of this scope (null: global). */
	public boolean mayEdit(Viewer viewer, String region) {
		return viewer.isAdmin() || region != null && viewer.has(Role.REGIONAL_LEAD) && viewer.regions().contains(region);
	}

	/**
	 * Creates a template for a scope with version 1 as a draft. Without steps, a regional variant starts
	 * as a copy of the global template's latest version.
	 */
	@Transactional
	public TemplateVersion create(Viewer viewer, String name, String region, List<StepDefinition> steps) {
		String scope = region == null || region.isBlank() ? null : region.strip();
		Checks checks = new Checks();
		checks.text(name, "name", 100);
		checks.require(scope == null || regions.exists(scope), "region", "is not a known region: " + scope);
		checks.throwIfAny();
		requireEditor(viewer, scope);
		if (jdbc.sql("select count(*) from onboarding_template where coalesce(region_code, '*') = coalesce(cast(:region as text), '*')")
			.param("region", scope)
			.query(Long.class)
			.single() > 0) {
			throw new ConflictException("region", (scope == null ? "The global template" : "A template for " + scope)
					+ " already exists; create a new version of it instead");
		}
		List<StepDefinition> definitions = steps;
		if (definitions == null) {
			definitions = globalTemplateId().flatMap(this::latestVersion).map(v -> v.steps().stream().map(Step::definition).toList())
				.orElse(null);
		}
		definitions = StepRules.validate(definitions, regions::exists, key -> messageTemplates.find(key).isPresent());
		Instant now = clock.instant();
		long id = jdbc.sql("""
				insert into onboarding_template (name, region_code, created_at, updated_at) values (:name, :region, :now, :now) returning id""")
			.param("name", name.strip())
			.param("region", scope)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
		long versionId = insertVersion(id, 1, viewer.username());
		insertSteps(versionId, definitions);
		TemplateVersion created = findVersion(id, 1).orElseThrow();
		audit.record("onboarding_template", id, "created", scope, null, created);
		return created;
	}

	/** Replaces a draft's steps (and the template's name). A published version answers 409 naming the field. */
	@Transactional
	public TemplateVersion updateDraft(Viewer viewer, long templateId, int version, String name, List<StepDefinition> steps) {
		Template template = lock(viewer, templateId);
		requireEditor(viewer, template.region());
		TemplateVersion before = findVersion(templateId, version)
			.orElseThrow(() -> new NotFoundException("Template version", templateId + "/" + version));
		if (before.published()) {
			throw new ConflictException(steps != null || name == null ? "steps" : "name", "Version " + version + " of " + template.name()
					+ " is published and cannot change; create a new draft version from it");
		}
		new Checks().optionalText(name, "name", 100).require(name == null || !name.isBlank(), "name", "must not be blank").throwIfAny();
		if (steps != null) {
			List<StepDefinition> definitions = StepRules.validate(steps, regions::exists, key -> messageTemplates.find(key).isPresent());
			jdbc.sql("delete from onboarding_step where version_id = :id").param("id", before.id()).update();
			insertSteps(before.id(), definitions);
		}
		if (name != null) {
			jdbc.sql("update onboarding_template set name = :name where id = :id").param("name", name.strip()).param("id", templateId).update();
		}
		touch(templateId);
		TemplateVersion after = findVersion(templateId, version).orElseThrow();
		audit.record("onboarding_template", templateId, "draft v" + version + " edited", template.region(), before, after);
		return after;
	}

	/** Starts the next version as a draft copied from the latest one; only one draft at a time. */
	@Transactional
	public TemplateVersion newDraft(Viewer viewer, long templateId) {
		Template template = lock(viewer, templateId);
		requireEditor(viewer, template.region());
		if (template.draftVersion() != null) {
			throw new ConflictException("version", "Version " + template.draftVersion() + " is already a draft; edit or publish it first");
		}
		TemplateVersion latest = latestVersion(templateId).orElseThrow();
		int next = latest.version() + 1;
		long versionId = insertVersion(templateId, next, viewer.username());
		insertSteps(versionId, latest.steps().stream().map(Step::definition).toList());
		touch(templateId);
		TemplateVersion created = findVersion(templateId, next).orElseThrow();
		audit.record("onboarding_template", templateId, "draft v" + next + " created", template.region(), null, created);
		return created;
	}

	/** Publishes a draft: new onboardings of its scope take it from now on; running ones keep theirs. */
	@Transactional
	public TemplateVersion publish(Viewer viewer, long templateId, int version) {
		Template template = lock(viewer, templateId);
		requireEditor(viewer, template.region());
		TemplateVersion before = findVersion(templateId, version)
			.orElseThrow(() -> new NotFoundException("Template version", templateId + "/" + version));
		if (before.published()) {
			throw new ConflictException("status", "Version " + version + " is already published");
		}
		jdbc.sql("update onboarding_template_version set status = 'PUBLISHED', published_by = :by, published_at = :now where id = :id")
			.param("by", viewer.username())
			.param("now", Timestamp.from(clock.instant()))
			.param("id", before.id())
			.update();
		touch(templateId);
		TemplateVersion after = findVersion(templateId, version).orElseThrow();
		audit.record("onboarding_template", templateId, "v" + version + " published", template.region(), before, after);
		return after;
	}

	/** Names the playbook the template follows (blank: none); an unknown key is a 400 naming {@code playbookKey}. */
	@Transactional
	public Template followPlaybook(Viewer viewer, long templateId, String playbookKey) {
		Template before = lock(viewer, templateId);
		requireEditor(viewer, before.region());
		String key = Checks.blankToNull(playbookKey);
		if (key != null && !playbooks.exists(key)) {
			throw new com.greenroom.system.InvalidInputException("playbookKey", "is not a known playbook: " + key);
		}
		jdbc.sql("update onboarding_template set playbook_key = :key where id = :id").param("key", key).param("id", templateId).update();
		touch(templateId);
		Template after = load(templateId);
		audit.record("onboarding_template", templateId, "playbook linked", before.region(), before, after);
		return after;
	}

	/** The keys of the communication templates a step may send, for the editor. */
	List<String> messageTemplateKeys() {
		return messageTemplates.list().stream().map(com.greenroom.comms.MessageTemplate::key).toList();
	}

	/** The version a new onboarding in this region takes: the region's variant's latest published, else the global one's. */
	public Optional<TemplateVersion> currentFor(String region) {
		return jdbc.sql("""
				select t.id as template_id, v.version from onboarding_template_version v join onboarding_template t on t.id = v.template_id
				where v.status = 'PUBLISHED' and (t.region_code = :region or t.region_code is null)
				order by t.region_code is null, v.version desc limit 1""")
			.param("region", region)
			.query((rs, n) -> new long[] { rs.getLong("template_id"), rs.getInt("version") })
			.optional()
			.flatMap(k -> findVersion(k[0], (int) k[1]));
	}

	Optional<TemplateVersion> findVersionById(long versionId) {
		return jdbc.sql("select template_id, version from onboarding_template_version where id = :id")
			.param("id", versionId)
			.query((rs, n) -> new long[] { rs.getLong("template_id"), rs.getInt("version") })
			.optional()
			.flatMap(k -> findVersion(k[0], (int) k[1]));
	}

	Optional<Template> find(long id) {
		return jdbc.sql("select count(*) from onboarding_template where id = :id").param("id", id).query(Long.class).single() == 0
				? Optional.empty() : Optional.of(load(id));
	}

	Optional<TemplateVersion> findVersion(long templateId, int version) {
		return jdbc.sql("""
				select v.*, t.name, t.region_code from onboarding_template_version v join onboarding_template t on t.id = v.template_id
				where v.template_id = :template and v.version = :version""")
			.param("template", templateId)
			.param("version", version)
			.query((rs, n) -> {
				Timestamp published = rs.getTimestamp("published_at");
				return new TemplateVersion(rs.getLong("id"), templateId, rs.getString("name"), rs.getString("region_code"), version,
						TemplateVersion.Status.valueOf(rs.getString("status")), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
						rs.getString("published_by"), published == null ? null : published.toInstant(), List.of());
			})
			.optional()
			.map(v -> new TemplateVersion(v.id(), v.templateId(), v.templateName(), v.region(), v.version(), v.status(), v.createdBy(),
					v.createdAt(), v.publishedBy(), v.publishedAt(), steps(v.id())));
	}

	private Template load(long id) {
		List<Template.VersionSummary> versions = jdbc.sql("""
				select v.*, (select count(*) from onboarding_checklist c where c.version_id = v.id) as checklists
				from onboarding_template_version v where v.template_id = :id order by v.version desc""")
			.param("id", id)
			.query((rs, n) -> new Template.VersionSummary(rs.getInt("version"), TemplateVersion.Status.valueOf(rs.getString("status")),
					rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(), rs.getString("published_by"),
					rs.getTimestamp("published_at") == null ? null : rs.getTimestamp("published_at").toInstant(), rs.getLong("checklists")))
			.list();
		Integer published = versions.stream().filter(v -> v.status() == TemplateVersion.Status.PUBLISHED).map(Template.VersionSummary::version)
			.findFirst().orElse(null);
		Integer draft = versions.stream().filter(v -> v.status() == TemplateVersion.Status.DRAFT).map(Template.VersionSummary::version)
			.findFirst().orElse(null);
		return jdbc.sql("select id, name, region_code, updated_at, playbook_key from onboarding_template where id = :id")
			.param("id", id)
			.query((rs, n) -> new Template(rs.getLong("id"), rs.getString("name"), rs.getString("region_code"), published, draft, versions,
					rs.getTimestamp("updated_at").toInstant(), rs.getString("playbook_key")))
			.single();
	}

	private Optional<Long> globalTemplateId() {
		return jdbc.sql("select id from onboarding_template where region_code is null").query(Long.class).optional();
	}

	private Optional<TemplateVersion> latestVersion(long templateId) {
		return jdbc.sql("select max(version) from onboarding_template_version where template_id = :id")
			.param("id", templateId)
			.query(Integer.class)
			.optional()
			.flatMap(v -> findVersion(templateId, v));
	}

	private Template lock(Viewer viewer, long templateId) {
		jdbc.sql("select id from onboarding_template where id = :id for update").param("id", templateId).query(Long.class).optional();
		return get(viewer, templateId);
	}

	private void requireEditor(Viewer viewer, String region) {
		if (!mayEdit(viewer, region)) {
			throw new AccessDeniedException(region == null ? "Only admins change the global onboarding template"
					: "Only admins and regional leads of " + region + " change its onboarding template");
		}
	}

	private void touch(long templateId) {
		jdbc.sql("update onboarding_template set updated_at = :now where id = :id")
			.param("now", Timestamp.from(clock.instant()))
			.param("id", templateId)
			.update();
	}

	private long insertVersion(long templateId, int version, String by) {
		return jdbc.sql("""
				insert into onboarding_template_version (template_id, version, status, created_by, created_at)
				values (:template, :version, 'DRAFT', :by, :now) returning id""")
			.param("template", templateId)
			.param("version", version)
			.param("by", by)
			.param("now", Timestamp.from(clock.instant()))
			.query(Long.class)
			.single();
	}

	private void insertSteps(long versionId, List<StepDefinition> steps) {
		for (int i = 0; i < steps.size(); i++) {
			StepDefinition step = steps.get(i);
			StepCondition condition = step.condition() == null ? StepCondition.none() : step.condition();
			jdbc.sql(
					"""
							insert into onboarding_step (version_id, position, step_key, title, guidance, owner_role, due_offset, due_unit, after_key, required,
							                             condition_regions, condition_countries, condition_languages, template_key)
							values (:version, :position, :key, :title, :guidance, :role, :offset, :unit, :after, :required,
							        cast(:regions as text[]), cast(:countries as text[]), cast(:languages as text[]), :templateKey)""")
				.param("version", versionId)
				.param("position", i + 1)
				.param("key", step.key())
				.param("title", step.title())
				.param("guidance", step.guidance() == null ? "" : step.guidance())
				.param("role", step.ownerRole())
				.param("offset", step.dueOffset())
				.param("unit", step.dueUnit())
				.param("after", step.after())
				.param("required", step.required() == null || step.required())
				.param("regions", condition.regions().toArray(String[]::new))
				.param("countries", condition.countries().toArray(String[]::new))
				.param("languages", condition.languages().toArray(String[]::new))
				.param("templateKey", step.templateKey())
				.update();
		}
	}

	private List<Step> steps(long versionId) {
		return jdbc.sql("select * from onboarding_step where version_id = :id order by position")
			.param("id", versionId)
			.query((rs, n) -> new Step(rs.getLong("id"), rs.getInt("position"), rs.getString("step_key"), rs.getString("title"),
					rs.getString("guidance"), Guidance.html(rs.getString("guidance")), Role.valueOf(rs.getString("owner_role")),
					rs.getInt("due_offset"), DueUnit.valueOf(rs.getString("due_unit")), rs.getString("after_key"), rs.getBoolean("required"),
					new StepCondition(strings(rs, "condition_regions"), strings(rs, "condition_countries"), strings(rs, "condition_languages")),
					rs.getString("template_key")))
			.list();
	}

	private static List<String> strings(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		return array == null ? List.of() : List.of((String[]) array.getArray());
	}
}
