package com.greenroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The OpenAPI document is fit for client generators, and src/test/resources/openapi.json (from which the
 * build generates the Java client that ApiClientIntegrationTest uses) is exactly what the server serves.
 * After an API change: {@code OPENAPI_UPDATE=1 mvn -B test -Dtest=OpenApiDocumentIntegrationTest}.
 */
@IntegrationTest
class OpenApiDocumentIntegrationTest {

	private static final Path SNAPSHOT = Path.of("src/test/resources/openapi.json");

	private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@Autowired
	Api api;

	@Test
	void theCheckedInDocumentIsWhatTheServerServes() throws IOException {
		JsonNode served = served();
		if (System.getenv("OPENAPI_UPDATE") != null) {
			Files.writeString(SNAPSHOT, json.writeValueAsString(served) + "\n", StandardCharsets.UTF_8);
		}
		JsonNode snapshot = json.readTree(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));

		assertThat(snapshot).as("src/test/resources/openapi.json is stale: run OPENAPI_UPDATE=1 mvn -B test -Dtest=OpenApiDocumentIntegrationTest")
			.isEqualTo(served);
	}

	@Test
	void noOperationAsksForTheInternalViewerArgument() {
		List<String> offenders = new ArrayList<>();
		forEachOperation(served(), (key, operation) -> operation.path("parameters")
			.forEach(p -> {
				if (p.path("name").asString().equalsIgnoreCase("viewer")) {
					offenders.add(key);
				}
			}));

		assertThat(offenders).isEmpty();
	}

	@Test
	void everyOperationHasAUniqueReadableOperationId() {
		Set<String> ids = new HashSet<>();
		List<String> problems = new ArrayList<>();
		forEachOperation(served(), (key, operation) -> {
			String id = operation.path("operationId").asString();
			if (!id.matches("[a-z]+[A-Z][A-Za-z]*") || !ids.add(id)) {
				problems.add(key + " -> " + id);
			}
		});

		assertThat(problems).isEmpty();
		assertThat(ids).contains("listCreators", "getCreator", "createCreator", "updateCreator", "exportCreatorsCsv", "claimTask");
	}

	@Test
	void mediaTypesAreNamedNeverAWildcard() {
		assertThat(served().toString()).doesNotContain("*/*");
		JsonNode csv = served().path("paths").path("/api/v1/creators.csv").path("get");
		assertThat(csv.path("responses").path("200").path("content").has("text/csv")).isTrue();
		assertThat(csv.path("parameters").toString()).contains("\"bom\"");
	}

	@Test
	void creatingAnswers201WithALocationAndErrorsAreSharedProblemResponses() {
		JsonNode create = served().path("paths").path("/api/v1/creators").path("post");

		assertThat(create.path("responses").path("201").path("headers").has("Location")).isTrue();
		assertThat(create.path("responses").has("200")).isFalse();
		for (String status : new String[] { "400", "401", "403", "409", "413" }) {
			assertThat(create.path("responses").path(status).path("$ref").asString()).as(status).startsWith("#/components/responses/");
		}
		assertThat(served().path("components").path("responses").path("NotFound").path("content").path("application/problem+json")
			.path("schema").path("$ref").asString()).isEqualTo("#/components/schemas/ProblemDetail");
		assertThat(served().path("components").path("schemas").path("ProblemDetail").path("required").toString())
			.contains("type", "title", "status", "detail", "instance");
	}

	@Test
	void patchTakesATypedMergePatchAndIfMatch() {
		JsonNode patch = served().path("paths").path("/api/v1/creators/{creatorId}").path("patch");

		JsonNode body = patch.path("requestBody").path("content").path("application/merge-patch+json").path("schema");
		assertThat(body.path("$ref").asString()).as(patch.toString()).startsWith("#/components/schemas/");
		assertThat(patch.path("parameters").toString()).contains("If-Match");
		assertThat(patch.path("responses").path("412").path("$ref").asString()).isEqualTo("#/components/responses/PreconditionFailed");
	}

	@Test
	void schemasSayWhatIsAlwaysPresentAndWhichValuesAreAllowed() {
		JsonNode creator = served().path("components").path("schemas").path("Creator");

		assertThat(creator.path("required").toString()).contains("\"id\"");
		assertThat(creator.path("properties").path("status").path("enum").toString()).contains("ACTIVE");
	}

	private JsonNode served() {
		Api.Response response = api.get("/v3/api-docs", null);
		assertThat(response.status()).isEqualTo(200);
		return response.json();
	}

	private static void forEachOperation(JsonNode document, java.util.function.BiConsumer<String, JsonNode> action) {
		document.path("paths").properties().forEach(path -> path.getValue().properties()
			.forEach(method -> action.accept(method.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(), method.getValue())));
	}
}
