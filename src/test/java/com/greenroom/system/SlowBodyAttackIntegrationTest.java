package com.greenroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.greenroom.support.Api;
import com.greenroom.support.IntegrationTest;
import com.greenroom.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A slow-body attack (hundreds of connections sending {@code POST /login} a byte every few seconds)
 * cannot take every request thread: health keeps answering while the attack runs; and JSON bodies
 * dripping into the API hold no permit of the web share, so reads keep answering.
 */
@IntegrationTest
class SlowBodyAttackIntegrationTest {

	private static final int ATTACKERS = 210;

	@Autowired
	Api api;

	@Autowired
	Bulkheads bulkheads;

	private final List<Socket> attackers = new ArrayList<>();

	@AfterEach
	void stopAttack() {
		for (Socket socket : attackers) {
			try {
				socket.close();
			}
			catch (IOException ignored) {
				// already closed by the server
			}
		}
	}

	@Test
	void healthAnswersWhileTwoHundredConnectionsDripPostLoginBodies() throws Exception {
		int port = URI.create(api.baseUrl()).getPort();
		String head = """
				POST /login HTTP/1.1\r
				Host: localhost\r
				Content-Type: application/x-www-form-urlencoded\r
				Content-Length: 1000\r
				\r
				u""";
		for (int i = 0; i < ATTACKERS; i++) {
			Socket socket = new Socket("localhost", port);
			socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			attackers.add(socket);
		}
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		List<Integer> health = new ArrayList<>();
		for (int round = 0; round < 3; round++) {
			Thread.sleep(3000);
			drip();
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/actuator/health"))
				.timeout(Duration.ofSeconds(10))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
			health.add(response.statusCode());
		}

		assertThat(health).containsOnly(200);
		assertThat(attackers.stream().filter(s -> !s.isClosed()).count()).as("the attack was still running").isEqualTo(ATTACKERS);
	}

	@Test
	void aBodyDrippedPastTheDeadlineIsCutOffWith408() throws Exception {
		int port = URI.create(api.baseUrl()).getPort();
		Socket socket = new Socket("localhost", port);
		attackers.add(socket);
		socket.getOutputStream().write("""
				POST /login HTTP/1.1\r
				Host: localhost\r
				Content-Type: application/x-www-form-urlencoded\r
				Content-Length: 1000\r
				\r
				u""".getBytes(StandardCharsets.US_ASCII));
		String status = null;
		// the deadline is 10 s for the first bytes; drip for up to 30 s and read what the server says
		for (int second = 0; second < 30 && status == null; second += 2) {
			Thread.sleep(2000);
			try {
				socket.getOutputStream().write('x');
				socket.getOutputStream().flush();
			}
			catch (IOException closed) {
				// the server answered and closed; read the answer below
			}
			if (socket.getInputStream().available() > 0) {
				status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
			}
		}

		assertThat(status).isEqualTo("HTTP/1.1 408");
	}

	@Test
	void slowJsonBodiesHoldNoWebPermitSoApiReadsStillAnswer() throws Exception {
		int port = URI.create(api.baseUrl()).getPort();
		String head = """
				POST /api/v1/tasks HTTP/1.1\r
				Host: localhost\r
				Authorization: Bearer %s\r
				Content-Type: application/json\r
				Content-Length: 1000\r
				\r
				{""".formatted(TestData.ADMIN_TOKEN);
		// more senders than the web share has permits: each would hold one while its body drips, if it took one first
		for (int i = 0; i < bulkheads.web().size() + 4; i++) {
			Socket socket = new Socket("localhost", port);
			socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			attackers.add(socket);
		}
		Thread.sleep(1000);
		drip();

		HttpResponse<String> read = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/creators"))
				.header("Authorization", "Bearer " + TestData.ADMIN_TOKEN)
				.timeout(Duration.ofSeconds(10))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		assertThat(bulkheads.web().inUse()).isZero();
		assertThat(attackers.stream().filter(s -> !s.isClosed()).count()).as("the senders were still dripping").isEqualTo(bulkheads.web().size() + 4);
	}

	/** One more byte on every attacking connection that the server has not closed. */
	private void drip() {
		for (Socket socket : attackers) {
			try {
				OutputStream out = socket.getOutputStream();
				out.write('x');
				out.flush();
			}
			catch (IOException closedByServer) {
				// refused (503) or timed out (408): that connection no longer holds a thread
			}
		}
	}
}
