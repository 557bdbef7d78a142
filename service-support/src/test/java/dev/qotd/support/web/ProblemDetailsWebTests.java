package dev.qotd.support.web;

import java.net.http.HttpResponse;

import dev.qotd.support.test.LocalHttp;
import dev.qotd.support.test.RawHttp;
import dev.qotd.support.testapp.SupportWebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors are RFC 9457 problem details a person can act on: never a stack trace, an
 * exception class or an internal message, never a 500 for bad input.
 */
@SupportWebTest
@ExtendWith(OutputCaptureExtension.class)
class ProblemDetailsWebTests {

	@LocalServerPort
	int port;

	LocalHttp http;

	@BeforeEach
	void client() {
		this.http = LocalHttp.onPort(this.port);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "*/*", "text/plain", "application/json",
			"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" })
	void unknownPathIsNotFoundProblemWhateverTheClientAccepts(String accept) {
		HttpResponse<String> response = accept.isEmpty() ? this.http.get("/no/such/path")
				: this.http.get("/no/such/path", "Accept", accept);
		JsonNode problem = assertProblem(response, 404, "Not Found");
		assertThat(problem.get("detail").stringValue()).isNotBlank();
		assertThat(problem.get("instance").stringValue()).isEqualTo("/no/such/path");
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET", "POST", "DELETE" })
	void theErrorPathAskedForDirectlyIsNotFoundAndNoServerError(String method, CapturedOutput output) {
		HttpResponse<String> response = this.http.send(method, "/error");
		JsonNode problem = assertProblem(response, 404, "Not Found");
		assertThat(problem.get("detail").stringValue()).contains(method + " /error");
		assertThat(output.getOut()).doesNotContain(" ERROR ");
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET /no/such/path", "POST /greeting", "GET /greeting?times=many", "GET /error" })
	void everyProblemNamesTheRequestIdOfItsAnswer(String request) {
		String[] methodAndPath = request.split(" ");
		HttpResponse<String> response = this.http.send(methodAndPath[0], methodAndPath[1], "X-Request-Id", "curl-7");
		assertThat(response.statusCode()).isBetween(400, 499);
		assertThat(response.headers().firstValue("X-Request-Id")).hasValue("curl-7");
		assertThat(JsonMapper.shared().readTree(response.body()).path("requestId").stringValue()).isEqualTo("curl-7");
	}

	@Test
	void wrongMethodIsMethodNotAllowedProblemNamingTheAllowedOnes() {
		HttpResponse<String> response = this.http.send("POST", "/greeting");
		JsonNode problem = assertProblem(response, 405, "Method Not Allowed");
		assertThat(problem.get("detail").stringValue()).contains("POST");
		assertThat(response.headers().firstValue("Allow")).hasValue("GET");
	}

	@Test
	void badParameterIsBadRequestProblem() {
		HttpResponse<String> response = this.http.get("/greeting?times=many");
		JsonNode problem = assertProblem(response, 400, "Bad Request");
		assertThat(problem.get("detail").stringValue()).contains("times");
	}

	@ParameterizedTest
	@ValueSource(strings = { "times=%ZZ", "times=%C0%AF", "=1", "times=1&=2" })
	void unreadableQueryStringIsBadRequestProblemSayingWhyAndNoServerError(String query, CapturedOutput output) {
		// No HTTP client sends a malformed URI: write the request by hand.
		RawHttp.Response response = RawHttp.send(this.port,
				"GET /greeting?" + query + " HTTP/1.1\r\nHost: localhost\r\nConnection: close");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.header("X-Served-By")).isEqualTo(SupportWebTest.POD_NAME);
		assertThat(response.body()).doesNotContain("Exception", "exception", "org.apache");
		JsonNode problem = JsonMapper.shared().readTree(response.body());
		assertThat(problem.get("status").intValue()).isEqualTo(400);
		assertThat(problem.get("detail").stringValue()).contains("query string '" + query + "'", "percent-encoded");
		assertThat(output.getOut()).doesNotContain(" ERROR ", "InvalidParameterException");
	}

	@Test
	void tooManyParametersIsBadRequestProblem() {
		HttpResponse<String> response = this.http.get("/greeting?" + "a=1&".repeat(1500));
		JsonNode problem = assertProblem(response, 400, "Bad Request");
		assertThat(problem.get("detail").stringValue()).contains("query string 'a=1&a=1&", "...'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "garbage", "text/", "*/*;q=abc", "/" })
	void unparsableAcceptIsNotAcceptableProblemSayingWhatToSend(String accept) {
		HttpResponse<String> response = this.http.get("/greeting", "Accept", accept);
		JsonNode problem = assertProblem(response, 406, "Not Acceptable");
		assertThat(problem.get("detail").stringValue()).contains("Accept header '" + accept + "'", "text/plain");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health/no-such-group", "/actuator/health/diskSpace" })
	void actuatorsBareNotFoundIsNotFoundProblem(String path) {
		HttpResponse<String> response = this.http.get(path);
		JsonNode problem = assertProblem(response, 404, "Not Found");
		assertThat(problem.get("instance").stringValue()).isEqualTo(path);
	}

	@Test
	void notFoundWithUnreadableAcceptIsStillNotFoundProblem() {
		HttpResponse<String> response = this.http.get("/no/such/path", "Accept", "garbage");
		assertProblem(response, 404, "Not Found");
	}

	@Test
	void acceptHeaderOfTooManyMediaTypesIsNotAcceptableProblem() {
		HttpResponse<String> response = this.http.get("/greeting", "Accept", "text/x-other;q=0.1, ".repeat(60) + "*/*");
		JsonNode problem = assertProblem(response, 406, "Not Acceptable");
		assertThat(problem.get("detail").stringValue()).contains("at most 50 media types");
	}

	@Test
	void failureIsInternalServerErrorProblemWithoutInternals() {
		HttpResponse<String> response = this.http.get("/failure", "Accept", "*/*");
		JsonNode problem = assertProblem(response, 500, "Internal Server Error");
		assertThat(problem.get("detail").stringValue()).contains("request id");
		assertThat(problem.get("instance").stringValue()).isEqualTo("/failure");
		assertThat(response.body()).doesNotContain("internal secret");
	}

	private static JsonNode assertProblem(HttpResponse<String> response, int status, String title) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).doesNotContain("Exception", "exception", "trace", "\tat ", "java.", "dev.qotd",
				"org.springframework");
		JsonNode problem = JsonMapper.shared().readTree(response.body());
		assertThat(problem.get("status").intValue()).isEqualTo(status);
		assertThat(problem.get("title").stringValue()).isEqualTo(title);
		return problem;
	}

}
