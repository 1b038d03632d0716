package com.greenroom.tasks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of work Today groups and filters by, each backed by the task source types that produce it.
 * A source type no kind names (a module added later) is {@link #OTHER} until it is given a kind here.
 */
public enum TaskKind {

	CHECKLIST_STEP("Checklist step", List.of("ONBOARDING_STEP")), SUPPORT_ACTION("Support action", List.of("SUPPORT_ACTION", "STALL_RULE")),
	FOLLOW_UP("Follow-up", List.of("COACHING")), ROUTINE("Routine", List.of("ROUTINE")),
	PLAYBOOK("Playbook", List.of("PLAYBOOK_CHANGE", "PLAYBOOK_REVIEW")), LESSON("Incident lesson", List.of("INCIDENT_LESSON")),
	MANUAL("Manual", List.of(TaskSource.MANUAL)), OTHER("Other", List.of());

	private final String label;

	private final List<String> sourceTypes;

	TaskKind(String label, List<String> sourceTypes) {
		this.label = label;
		this.sourceTypes = sourceTypes;
	}

	public String label() {
		return label;
	}

	/** The URL and API spelling: {@code checklist-step}. */
	public String slug() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	List<String> sourceTypes() {
		return sourceTypes;
	}

	public static TaskKind of(String sourceType) {
		return Arrays.stream(values()).filter(k -> k.sourceTypes.contains(sourceType)).findFirst().orElse(OTHER);
	}

	public static Optional<TaskKind> parse(String value) {
		return Arrays.stream(values()).filter(k -> k.slug().equalsIgnoreCase(value) || k.name().equalsIgnoreCase(value)).findFirst();
	}

	/** Every source type some kind names (what {@link #OTHER} is not). */
	static String[] knownSourceTypes() {
		return Arrays.stream(values()).flatMap(k -> k.sourceTypes.stream()).toArray(String[]::new);
	}

	/** A SQL expression giving a row's kind ordinal, for grouping; built from constants only. */
	static String sqlOrdinal(String column) {
		StringBuilder sql = new StringBuilder("case");
		for (TaskKind kind : values()) {
			for (String type : kind.sourceTypes) {
				sql.append(" when ").append(column).append(" = '").append(type).append("' then ").append(kind.ordinal());
			}
		}
		return sql.append(" else ").append(OTHER.ordinal()).append(" end").toString();
	}
}
