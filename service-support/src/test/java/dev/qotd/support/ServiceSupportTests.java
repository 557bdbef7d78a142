package dev.qotd.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import dev.qotd.support.testapp.SupportTestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service gets from service-support, on a real server: the test application
 * runs as a pod named {@value #POD_NAME} would run it.
 */
@SpringBootTest(classes = SupportTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "POD_NAME=" + ServiceSupportTests.POD_NAME, "POD_IP=10.42.0.17", "NODE_NAME=node-3" })
@AutoConfigureRestTestClient
@AutoConfigureMetrics // Boot's tests switch metrics export off, and with it the Prometheus endpoint.
@ExtendWith(OutputCaptureExtension.class)
class ServiceSupportTests {

	static final String POD_NAME = "support-7d9f8c6b5-x2x4z";

	@Autowired
	RestTestClient client;

	@LocalServerPort
	int port;

	@Test
	void everyAnswerNamesThePodAndANewRequestId() {
		this.client.get().uri("/greeting").exchange()
			.expectHeader().valueEquals("X-Served-By", POD_NAME)
			.expectHeader().valueMatches("X-Request-Id", "[0-9a-f]{32}");
		this.client.get().uri("/no/such/path").exchange()
			.expectHeader().valueEquals("X-Served-By", POD_NAME)
			.expectHeader().valueMatches("X-Request-Id", "[0-9a-f]{32}");
	}

	@Test
	void aCallersRequestIdIsKeptWhenItIsAShortToken() {
		this.client.get().uri("/greeting").header("X-Request-Id", "caller-01.a:b_c").exchange()
			.expectHeader().valueEquals("X-Request-Id", "caller-01.a:b_c");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a] ERROR forged log line [b", "<script>", "" })
	void aCallersRequestIdThatCouldBreakAHeaderOrALogLineIsReplaced(String requestId) {
		this.client.get().uri("/greeting").header("X-Request-Id", requestId).exchange()
			.expectHeader().valueMatches("X-Request-Id", "[0-9a-f]{32}");
	}

	@Test
	void curlGetsPlainTextAndJsonClientsGetJson() {
		this.client.get().uri("/greeting?times=2").header("Accept", "*/*").exchange()
			.expectHeader().contentType("text/plain;charset=UTF-8")
			.expectBody(String.class).isEqualTo("Hello!Hello!\n");
		this.client.get().uri("/greeting?times=2").accept(MediaType.APPLICATION_JSON).exchange()
			.expectHeader().contentType(MediaType.APPLICATION_JSON)
			.expectBody().json("{\"greeting\":\"Hello!\",\"times\":2}");
	}

	@Test
	void whoamiAnswersAsNginxdemosHelloDoes() {
		String requestId = "whoami-test";
		String body = this.client.get().uri("/whoami?x=1").header("X-Request-Id", requestId).exchange()
			.expectStatus().isOk()
			.expectHeader().contentType("text/plain;charset=UTF-8")
			.returnResult(String.class).getResponseBody();

		assertThat(body).matches("""
				Server address: 127\\.0\\.0\\.1:%d
				Server name: %s
				Node name: node-3
				Date: \\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000
				URI: /whoami\\?x=1
				Request ID: %s
				""".formatted(this.port, POD_NAME, requestId));
	}

	@Test
	void anUnknownPathIsA404ProblemNamingTheRequestId() {
		EntityExchangeResult<String> answer = this.client.get().uri("/no/such/path").exchange()
			.expectStatus().isNotFound()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.returnResult(String.class);
		String requestId = answer.getResponseHeaders().getFirst("X-Request-Id");

		this.client.get().uri("/no/such/path").exchange().expectBody()
			.jsonPath("$.status").isEqualTo(404)
			.jsonPath("$.instance").isEqualTo("/no/such/path")
			.jsonPath("$.requestId").value(String.class, (id) -> assertThat(id).matches("[0-9a-f]{32}"));
		assertThat(answer.getResponseBody()).contains("\"requestId\":\"" + requestId + "\"");
	}

	@Test
	void theErrorPathIsJustAnotherUnknownPath() {
		this.client.get().uri("/error").exchange()
			.expectStatus().isNotFound()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void aMethodNotServedIsA405ProblemNamingTheAllowedOnes() {
		this.client.delete().uri("/greeting").exchange()
			.expectStatus().isEqualTo(405)
			.expectHeader().valueEquals("Allow", "GET")
			.expectBody().jsonPath("$.detail").isEqualTo("Method 'DELETE' is not supported.");
	}

	@Test
	void aBadParameterIsA400Problem() {
		this.client.get().uri("/greeting?times=many").exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").isEqualTo("Failed to convert 'times' with value: 'many'");
	}

	@Test
	void aQueryStringThatCannotBeDecodedIsA400ProblemNamingIt(CapturedOutput output) throws IOException {
		String answer = rawGet("/greeting?times=%ZZ");

		assertThat(answer).startsWith("HTTP/1.1 400 ")
			.contains("Content-Type: application/problem+json")
			.contains("The query string 'times=%ZZ' cannot be read");
		assertThat(output).doesNotContain("ERROR");
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/xml", "garbage" })
	void anAcceptHeaderThatCannotBeServedIsA406ProblemNamingIt(String accept) {
		this.client.get().uri("/greeting").header("Accept", accept).exchange()
			.expectStatus().isEqualTo(406)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value(String.class,
					(detail) -> assertThat(detail).contains("'" + accept + "'"));
	}

	@Test
	void anUnexpectedFailureIsA500ProblemLoggedOnceUnderTheRequestId(CapturedOutput output) {
		String body = this.client.get().uri("/failure").header("X-Request-Id", "failing-request").exchange()
			.expectStatus().isEqualTo(500)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.returnResult(String.class).getResponseBody();

		assertThat(body).contains("\"requestId\":\"failing-request\"").doesNotContain("secret", "Exception");
		assertThat(output.getOut().lines().filter((line) -> line.contains("ERROR"))).singleElement()
			.asString().contains("[failing-request]");
		assertThat(output).contains("internal secret of the failure");
	}

	@Test
	void actuatorExposesTheProbesInfoAndPrometheusOnly() {
		this.client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		this.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		this.client.get().uri("/actuator/health").exchange().expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components").doesNotExist();
		this.client.get().uri("/actuator/info").exchange().expectStatus().isOk();
		this.client.get().uri("/actuator/prometheus").exchange()
			.expectStatus().isOk()
			.expectBody(String.class).value((metrics) -> assertThat(metrics)
				.contains("application=\"support-test\"")
				.doesNotContain("jvm_info", "logback_events"));
		for (String hidden : new String[] { "/actuator", "/actuator/env", "/actuator/beans", "/actuator/heapdump" }) {
			this.client.get().uri(hidden).exchange().expectStatus().isNotFound();
		}
	}

	/** What java.net.URI refuses to send: the request line as given. */
	private String rawGet(String target) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port); InputStream answer = socket.getInputStream()) {
			socket.getOutputStream()
				.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			return new String(answer.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
