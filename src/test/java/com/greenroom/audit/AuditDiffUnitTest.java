package com.greenroom.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.greenroom.audit.AuditDiff.FieldChange;

class AuditDiffUnitTest {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void anUpdateShowsOnlyTheFieldsThatChangedOldToNew() {
		var changes = AuditDiff.between(node("""
				{"handle":"luna","managerId":null,"managerName":null,"notes":"x","regions":["EU"]}"""), node("""
				{"handle":"luna","managerId":7,"managerName":"Ana","notes":null,"regions":["EU","SEA"]}"""));
		assertThat(changes).containsExactly(new FieldChange("managerId", null, "7"), new FieldChange("managerName", null, "Ana"),
				new FieldChange("notes", "x", null), new FieldChange("regions", "EU", "EU, SEA"));
	}

	@Test
	void aCreationShowsEveryFieldItSet() {
		assertThat(AuditDiff.between(null, node("""
				{"code":"EU","name":"Europe","countries":[]}"""))).containsExactly(new FieldChange("code", null, "EU"),
				new FieldChange("name", null, "Europe"), new FieldChange("countries", null, "none"));
	}

	@Test
	void aLongOrNestedValueIsShortenedForReading() {
		String longText = "a".repeat(500);
		var changes = AuditDiff.between(node("{\"notes\":\"\"}"), node("{\"notes\":\"" + longText + "\",\"steps\":[{\"key\":\"call\"}]}"));
		assertThat(changes.get(0).after()).hasSize(AuditDiff.MAX_VALUE).endsWith("…");
		assertThat(changes.get(1)).isEqualTo(new FieldChange("steps", null, "[{\"key\":\"call\"}]"));
	}

	@Test
	void nothingChangedIsNoChange() {
		assertThat(AuditDiff.between(node("{\"a\":1}"), node("{\"a\":1}"))).isEmpty();
	}

	private JsonNode node(String text) {
		return json.readTree(text);
	}
}
