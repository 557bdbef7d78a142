package dev.qotd.time.clock;

import java.net.http.HttpResponse;

import dev.qotd.support.test.LocalHttp;
import dev.qotd.support.test.RawHttp;
import dev.qotd.support.test.SharedBehaviour;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** time-service as the cluster runs it (no {@code TZ}: UTC), its clock stopped at a known instant. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "TZ=UTC", "POD_NAME=time-5b7d9c8f4-qz7lm", "POD_IP=10.42.0.20", "NODE_NAME=node-1" })
@Import(FixedClockConfiguration.class)
class TimeServiceWebTests {

	@LocalServerPort
	int port;

	LocalHttp http;

	@BeforeEach
	void client() {
		this.http = LocalHttp.onPort(this.port);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/time" })
	void withoutAcceptHeaderTheTimeIsTheBusyboxLine(String path) {
		HttpResponse<String> response = this.http.get(path);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
		assertThat(response.body()).isEqualTo("Sat Nov 28 18:29:03 UTC 2026\n");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/time" })
	void curlGetsTheBusyboxLine(String path) {
		HttpResponse<String> response = this.http.get(path, "Accept", "*/*", "User-Agent", "curl/8.5.0");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
		assertThat(response.body()).isEqualTo("Sat Nov 28 18:29:03 UTC 2026\n");
	}

	@ParameterizedTest
	@CsvSource({ "Europe/Paris, Sat Nov 28 19:29:03 CET 2026", "America/New_York, Sat Nov 28 13:29:03 EST 2026",
			"UTC, Sat Nov 28 18:29:03 UTC 2026", "Asia/Tokyo, Sun Nov 29 03:29:03 JST 2026" })
	void zoneParameterAnswersInThatZone(String zone, String line) {
		HttpResponse<String> response = this.http.get("/time?zone=" + zone);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(line + "\n");
	}

	@Test
	void jsonHasTheInstantWithOffsetTheZoneEpochMillisAndTheLine() {
		HttpResponse<String> response = this.http.get("/time", "Accept", "application/json");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode json = JsonMapper.shared().readTree(response.body());
		assertThat(json.get("dateTime").stringValue()).isEqualTo("2026-11-28T18:29:03Z");
		assertThat(json.get("zone").stringValue()).isEqualTo("UTC");
		assertThat(json.get("epochMillis").longValue()).isEqualTo(FixedClockConfiguration.NOW.toEpochMilli());
		assertThat(json.get("text").stringValue()).isEqualTo("Sat Nov 28 18:29:03 UTC 2026");
		assertThat(json.get("servedBy").get("podName").stringValue()).isEqualTo("time-5b7d9c8f4-qz7lm");
	}

	@Test
	void jsonInAZoneHasItsOffset() {
		JsonNode json = JsonMapper.shared()
			.readTree(this.http.get("/?zone=Europe/Paris", "Accept", "application/json").body());
		assertThat(json.get("dateTime").stringValue()).isEqualTo("2026-11-28T19:29:03+01:00");
		assertThat(json.get("zone").stringValue()).isEqualTo("Europe/Paris");
		assertThat(json.get("epochMillis").longValue()).isEqualTo(FixedClockConfiguration.NOW.toEpochMilli());
		assertThat(json.get("text").stringValue()).isEqualTo("Sat Nov 28 19:29:03 CET 2026");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "*/*", "application/json", "text/plain" })
	void unknownZoneIsBadRequestProblemNamingIt(String accept) {
		HttpResponse<String> response = accept.isEmpty() ? this.http.get("/time?zone=Mars/Olympus")
				: this.http.get("/time?zone=Mars/Olympus", "Accept", accept);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JsonMapper.shared().readTree(response.body());
		assertThat(problem.get("status").intValue()).isEqualTo(400);
		assertThat(problem.get("title").stringValue()).isEqualTo("Unknown time zone");
		assertThat(problem.get("detail").stringValue()).contains("'Mars/Olympus'");
		assertThat(problem.get("zone").stringValue()).isEqualTo("Mars/Olympus");
		assertThat(problem.get("instance").stringValue()).isEqualTo("/time");
		assertThat(response.headers().firstValue("X-Served-By")).hasValue("time-5b7d9c8f4-qz7lm");
		assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "zone=| ''", "zone=%20| ' '",
			"zone=Europe%2FParis%0D%0AX-Evil:%201| 'Europe/Paris??X-Evil: 1'",
			"zone=..%2F..%2Fetc%2Fpasswd| '../../etc/passwd'" })
	void badZoneValuesAreBadRequestProblemsShowingThemSafely(String query, String shown) {
		HttpResponse<String> response = this.http.get("/time?" + query);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JsonMapper.shared().readTree(response.body());
		assertThat(problem.get("zone").stringValue()).isEqualTo(shown);
		assertThat(problem.get("detail").stringValue()).contains("'" + shown + "'");
	}

	@Test
	void unreadablePercentEncodingIsBadRequestProblemNamingTheQuery() {
		// No HTTP client sends a malformed URI: written by hand.
		RawHttp.Response response = RawHttp.send(this.port,
				"GET /time?zone=%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(JsonMapper.shared().readTree(response.body()).get("detail").stringValue())
			.contains("query string 'zone=%ZZ'");
	}

	@Test
	void overlongZoneIsBadRequestProblemShowingItCut() {
		HttpResponse<String> response = this.http.get("/time?zone=" + "A".repeat(5000));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JsonMapper.shared().readTree(response.body()).get("zone").stringValue())
			.isEqualTo("A".repeat(64) + "...");
		assertThat(response.body()).hasSizeLessThan(1000);
	}

	@Test
	void unsupportedMediaTypeIsNotAcceptableProblem() {
		HttpResponse<String> response = this.http.get("/time", "Accept", "application/xml");
		assertThat(response.statusCode()).isEqualTo(406);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void postingIsMethodNotAllowedProblem() {
		HttpResponse<String> response = this.http.send("POST", "/time");
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void sharedServiceBehaviourIsWiredIn() {
		SharedBehaviour.assertWiredIn(this.http, "/time", "time-service", "time-5b7d9c8f4-qz7lm");
	}

}
