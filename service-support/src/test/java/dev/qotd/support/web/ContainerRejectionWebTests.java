package dev.qotd.support.web;

import dev.qotd.support.test.RawHttp;
import dev.qotd.support.testapp.SupportWebTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests Tomcat rejects itself, before any filter or error page of the application runs,
 * are answered like every other error: a problem+json body, {@code X-Served-By} and
 * {@code X-Request-Id}, and nothing of Tomcat's HTML error page.
 */
@SupportWebTest
class ContainerRejectionWebTests {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "GET /%ZZ HTTP/1.1", "GET /../etc/passwd HTTP/1.1", "GET /%2e%2e%2fetc HTTP/1.1",
			"GET /greeting%00 HTTP/1.1", "GET /greeting%2F..%2F HTTP/1.1", "GET /\u007f HTTP/1.1",
			"G\u0001T /greeting HTTP/1.1", "GET /greeting FOO/1.1", "GET * HTTP/1.1" })
	void invalidRequestLineIsBadRequestProblem(String requestLine) {
		RawHttp.Response response = RawHttp.send(this.port, requestLine + "\r\nHost: localhost\r\nConnection: close");
		JsonNode problem = assertContainerProblem(response, 400, "Bad Request");
		assertThat(problem.get("detail").stringValue()).contains("path", "percent-encoding", "headers");
		assertThat(response.header("X-Request-Id")).matches("[0-9a-f]{32}");
	}

	@Test
	void headersOverTheSizeLimitAreBadRequestProblem() {
		RawHttp.Response response = RawHttp.send(this.port,
				"GET /greeting HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "p".repeat(9000) + "\r\nConnection: close");
		assertContainerProblem(response, 400, "Bad Request");
	}

	@Test
	void malformedHeaderIsBadRequestProblem() {
		RawHttp.Response response = RawHttp.send(this.port,
				"GET /greeting HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: a\rX-Injected: 1\r\nConnection: close");
		assertContainerProblem(response, 400, "Bad Request");
		assertThat(response.headers()).doesNotContainKey("X-Injected");
	}

	@Test
	void callersSaneRequestIdIsEchoed() {
		RawHttp.Response response = RawHttp.send(this.port,
				"GET /%ZZ HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: curl-42\r\nConnection: close");
		JsonNode problem = assertContainerProblem(response, 400, "Bad Request");
		assertThat(response.header("X-Request-Id")).isEqualTo("curl-42");
		assertThat(problem.get("requestId").stringValue()).isEqualTo("curl-42");
	}

	@Test
	void unsupportedProtocolVersionIsProblem() {
		RawHttp.Response response = RawHttp.send(this.port,
				"GET /greeting HTTP/2.0\r\nHost: localhost\r\nConnection: close");
		JsonNode problem = assertContainerProblem(response, 505, "HTTP Version not supported");
		assertThat(problem.get("detail").stringValue()).contains("HTTP/1.1");
	}

	@Test
	void unsupportedTransferCodingIsProblem() {
		RawHttp.Response response = RawHttp.send(this.port,
				"GET /greeting HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\nConnection: close");
		assertContainerProblem(response, 501, "Not Implemented");
	}

	private static JsonNode assertContainerProblem(RawHttp.Response response, int status, String title) {
		assertThat(response.status()).as(response.raw()).isEqualTo(status);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.header("X-Served-By")).isEqualTo(SupportWebTest.POD_NAME);
		assertThat(response.header("X-Request-Id")).matches("[A-Za-z0-9._:-]{1,128}");
		assertThat(response.headers()).doesNotContainKeys("Server", "X-Powered-By");
		assertThat(response.body()).doesNotContain("<html", "Tomcat", "Exception", "org.apache");
		JsonNode problem = JsonMapper.shared().readTree(response.body());
		assertThat(problem.get("status").intValue()).isEqualTo(status);
		assertThat(problem.get("title").stringValue()).isEqualTo(title);
		assertThat(problem.get("requestId").stringValue()).isEqualTo(response.header("X-Request-Id"));
		return problem;
	}

}
