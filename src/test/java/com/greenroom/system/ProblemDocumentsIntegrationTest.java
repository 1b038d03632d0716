package com.greenroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

/** Every way a request can fail answers an RFC 9457 problem, except console pages a browser asks for. */
@IntegrationTest
class ProblemDocumentsIntegrationTest {

	private static final String PROBLEM = "application/problem+json;charset=UTF-8";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	Api api;

	@Autowired
	TestData data;

	@BeforeEach
	void reset() {
		data.reset();
	}

	@Test
	void anUnknownApiRouteIsANotFoundProblem() {
		Reply response = send(request("/api/v1/no-such-thing").GET());

		JsonNode problem = assertProblem(response, 404);
		assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/no-such-thing");
		assertThat(problem.get("type").asString()).isEqualTo("https://greenroom.app/problems/not-found");
		assertThat(problem.get("title").asString()).as("the same title as every other not-found").isEqualTo("Not found");
		assertThat(problem.get("detail").asString()).contains("/api/v1/no-such-thing").doesNotContain("static");
	}

	@Test
	void anUnknownApiRouteIsAProblemEvenWhenTheClientAsksForHtml() {
		assertProblem(send(request("/api/v1/no-such-thing").header("Accept", "text/html").GET()), 404);
	}

	@Test
	void aMethodTheRouteDoesNotServeIs405WithTheAllowedMethods() {
		data.creator("c-1", "luna", "BR");

		Reply response = send(request("/api/v1/creators/c-1").DELETE());

		JsonNode problem = assertProblem(response, 405);
		assertThat(response.header("Allow")).contains("GET").contains("PATCH");
		assertThat(problem.get("title").asString()).isEqualTo("Method not allowed");
	}

	@Test
	void askingForAMediaTypeTheApiCannotProduceIs406() {
		data.creator("c-1", "luna", "BR");

		assertProblem(send(request("/api/v1/creators/c-1").header("Accept", "application/xml").GET()), 406);
	}

	@Test
	void aBodyInAMediaTypeTheEndpointDoesNotReadIs415() {
		Reply response = send(request("/api/v1/creators").header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("creatorId=c-1")));

		assertProblem(response, 415);
	}

	@Test
	void aBodyPastTheLimitIs413ByItsDeclaredLengthBeforeAnyOfItIsRead() {
		// no body is sent: the server closes the connection on an unread body (server.tomcat.max-swallow-size), and a
		// client still sending it could lose this answer to the reset
		Reply response = sendRaw("POST", "/api/v1/creators", "Authorization: Bearer " + TestData.ADMIN_TOKEN,
				"Content-Type: application/json", "Content-Length: 1100000");

		JsonNode problem = assertProblem(response, 413);
		assertThat(problem.get("field").asString()).isEqualTo("body");
		assertThat(problem.get("detail").asString()).contains("1100000 bytes");
	}

	@Test
	void malformedJsonSaysWhatWasExpectedWithoutJavaTypeNames() {
		Reply response = send(request("/api/v1/users").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ana\",\"roles\":{\"a\":1}}")));

		JsonNode problem = assertProblem(response, 400);
		assertThat(problem.get("field").asString()).isEqualTo("roles");
		assertThat(problem.get("detail").asString()).contains("expected a list").doesNotContain("java.");
	}

	@Test
	void anUnexpectedFailureIsA500ProblemThatNamesNoJavaClassAndGivesALogReference() {
		Reply response = send(request("/api/v1/test-support/failure").GET());

		JsonNode problem = assertProblem(response, 500);
		assertThat(response.body()).doesNotContain("SecretThing").doesNotContain("IllegalStateException").doesNotContain("java.")
			.doesNotContain("line 42");
		assertThat(problem.get("detail").asString()).contains(problem.get("reference").asString());
	}

	@Test
	void pathsTheFirewallRefusesAre400Problems() {
		for (String path : new String[] { "/api/v1//creators", "/api/v1/creators/%2e%2e/users", "/api/v1/creators;jsessionid=x",
				"/api/v1/creators/a%2fb" }) {
			Reply response = sendRaw("GET", path, "Authorization: Bearer " + TestData.ADMIN_TOKEN);

			JsonNode problem = assertProblem(path, response, 400);
			assertThat(problem.get("type").asString()).as(path).isEqualTo("https://greenroom.app/problems/rejected-request");
		}
	}

	@Test
	void aHeaderValueWithAControlCharacterIsA400ProblemNotASignIn() {
		// byte 0x85 is NEL, a C1 control character: Tomcat passes it on, the firewall refuses it when the header is read
		Reply response = sendRaw("GET", "/api/v1/creators", "Authorization: Bearer " + TestData.ADMIN_TOKEN + "\u0085");

		JsonNode problem = assertProblem("/api/v1/creators", response, 400);
		assertThat(problem.get("type").asString()).isEqualTo("https://greenroom.app/problems/rejected-request");
		assertThat(sendRaw("GET", "/api/v1/creators", "Authorization: Bearer " + TestData.ADMIN_TOKEN, "X-Note: caf\u00e9\tok").status())
			.isEqualTo(200);
	}

	@Test
	void aConsolePathTheFirewallRefusesShowsTheHtmlErrorPageToABrowser() {
		Reply response = sendRaw("GET", "/creators//c-1", "Accept: text/html,application/xhtml+xml");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("text/html");
		assertThat(response.body()).contains("<html");
	}

	@Test
	void noTokenIs401WithABearerChallenge() {
		Reply response = send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/creators")).GET());

		assertProblem(response, 401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
	}

	@Test
	void aWrongTokenIs401SayingTheTokenIsInvalid() {
		Reply response = send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/creators"))
			.header("Authorization", "Bearer not-a-real-token").GET());

		assertProblem(response, 401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
	}

	@Test
	void aRoleThatMayNotIs403() {
		String managerToken = data.tokenOf(data.manager("ana", "LATAM"));

		Reply response = send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/users"))
			.header("Authorization", "Bearer " + managerToken).GET());

		assertProblem(response, 403);
	}

	@Test
	void aNotFoundResourceNamesItselfInTheProblem() {
		JsonNode problem = assertProblem(send(request("/api/v1/creators/nobody").GET()), 404);

		assertThat(problem.get("detail").asString()).contains("nobody");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/creators/nobody");
	}

	private JsonNode assertProblem(Reply response, int status) {
		return assertProblem("", response, status);
	}

	private JsonNode assertProblem(String what, Reply response, int status) {
		assertThat(response.status()).as(what + " " + response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).as(what + " " + response.body()).isEqualToIgnoringCase(PROBLEM);
		JsonNode problem = json.readTree(response.body());
		for (String member : new String[] { "type", "title", "status", "detail", "instance" }) {
			assertThat(problem.hasNonNull(member)).as(member + " in " + response.body()).isTrue();
		}
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("type").asString()).startsWith("https://greenroom.app/problems/");
		return problem;
	}

	private HttpRequest.Builder request(String path) {
		return api.request(path, TestData.ADMIN_TOKEN);
	}

	private Reply send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), name -> response.headers().firstValue(name).orElse(""), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** HTTP/1.1 over a socket, so the path and headers reach the server exactly as written (no client normalises them). */
	private Reply sendRaw(String method, String path, String... headers) {
		Api.RawResponse response = api.raw(method, path, new byte[0], headers);
		return new Reply(response.status(), response::header, response.body());
	}

	/** What came back: status, a header by name ("" when absent), body. */
	private record Reply(int status, java.util.function.Function<String, String> headers, String body) {

		String header(String name) {
			return headers.apply(name);
		}
	}
}
