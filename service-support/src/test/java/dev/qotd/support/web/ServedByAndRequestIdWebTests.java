package dev.qotd.support.web;

import java.net.http.HttpResponse;

import dev.qotd.support.test.LocalHttp;
import dev.qotd.support.testapp.SupportTestApplication;
import dev.qotd.support.testapp.SupportWebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every response names the pod ({@code X-Served-By}) and the request ({@code X-Request-Id}),
 * whatever its status and whoever produced it (a controller, Spring MVC's error handling,
 * the servlet container's error page, Actuator).
 */
@SupportWebTest
@ExtendWith(OutputCaptureExtension.class)
class ServedByAndRequestIdWebTests {

	private static final String GENERATED_ID = "[0-9a-f]{32}";

	@LocalServerPort
	int port;

	LocalHttp http;

	@BeforeEach
	void client() {
		this.http = LocalHttp.onPort(this.port);
	}

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource({ "GET, /greeting, 200", "GET, /greeting?times=many, 400", "GET, /no/such/path, 404",
			"POST, /greeting, 405", "GET, /failure, 500", "GET, /whoami, 200", "GET, /actuator/health, 200",
			"GET, /actuator/health/readiness, 200", "GET, /actuator/prometheus, 200", "GET, /actuator/env, 404" })
	void everyResponseNamesThePodAndARequestId(String method, String path, int status) {
		HttpResponse<String> response = this.http.send(method, path);
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().allValues("X-Served-By")).containsExactly(SupportWebTest.POD_NAME);
		assertThat(response.headers().allValues("X-Request-Id")).singleElement().asString().matches(GENERATED_ID);
	}

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource({ "GET, /greeting, 200", "GET, /greeting?times=many, 400", "GET, /no/such/path, 404",
			"POST, /greeting, 405", "GET, /failure, 500", "GET, /actuator/health, 200" })
	void callersRequestIdIsEchoed(String method, String path, int status) {
		HttpResponse<String> response = this.http.send(method, path, "X-Request-Id", "frontend-5f9c-0001");
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().allValues("X-Request-Id")).containsExactly("frontend-5f9c-0001");
	}

	@Test
	void eachRequestGetsItsOwnId() {
		String first = this.http.get("/greeting").headers().firstValue("X-Request-Id").orElseThrow();
		String second = this.http.get("/greeting").headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void insaneCallerIdIsReplaced() {
		HttpResponse<String> response = this.http.get("/greeting", "X-Request-Id", "a request id with spaces");
		assertThat(response.headers().firstValue("X-Request-Id")).get().asString().matches(GENERATED_ID);
		response = this.http.get("/greeting", "X-Request-Id", "x".repeat(129));
		assertThat(response.headers().firstValue("X-Request-Id")).get().asString().matches(GENERATED_ID);
	}

	@Test
	void failedRequestAnswersWithTheIdItWasServedUnder() {
		HttpResponse<String> response = this.http.get("/failure");
		assertThat(response.statusCode()).isEqualTo(500);
		String answered = response.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(answered).isEqualTo(SupportTestApplication.lastFailingRequestId.get());
		assertThat(JsonMapper.shared().readTree(response.body()).get("requestId").stringValue()).isEqualTo(answered);
	}

	@Test
	void failureIsLoggedUnderTheIdItAnswersWith(CapturedOutput output) {
		HttpResponse<String> response = this.http.get("/failure");
		String answered = response.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(output.getOut().lines().filter((line) -> line.contains("[" + answered + "]")))
			.anySatisfy((line) -> assertThat(line).contains("500", "/failure",
					"java.lang.IllegalStateException: internal secret of the failure"));
	}

}
