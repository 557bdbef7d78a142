package dev.qotd.frontend;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.qotd.frontend.testsupport.ConnectionCounter;
import dev.qotd.frontend.testsupport.DownstreamStubs;
import dev.qotd.frontend.testsupport.FrontendClient;
import dev.qotd.frontend.testsupport.FrontendClient.Answer;
import dev.qotd.support.test.LocalHttp;
import dev.qotd.support.test.SharedBehaviour;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.qotd.frontend.testsupport.DownstreamStubs.QUOTE;
import static dev.qotd.frontend.testsupport.DownstreamStubs.QUOTE_POD;
import static dev.qotd.frontend.testsupport.DownstreamStubs.TIME;
import static dev.qotd.frontend.testsupport.DownstreamStubs.TIME_POD;
import static dev.qotd.frontend.testsupport.DownstreamStubs.quoteAnswer;
import static dev.qotd.frontend.testsupport.DownstreamStubs.quoteRequest;
import static dev.qotd.frontend.testsupport.DownstreamStubs.serverError;
import static dev.qotd.frontend.testsupport.DownstreamStubs.timeAnswer;
import static dev.qotd.frontend.testsupport.DownstreamStubs.timeRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frontend as users and the walkthrough see it, on a real port, with its default
 * timeouts, in front of stub quote and time services on loopback.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "POD_NAME=" + FrontendApplicationTests.FRONTEND_POD, "POD_IP=10.42.0.7", "NODE_NAME=node-1",
				// Long enough for the keep-alive test on a slow machine (ConnectionLifetimeTests covers the default's role).
				"frontend.downstream.connection-time-to-live=1m" })
class FrontendApplicationTests {

	static final String FRONTEND_POD = "frontend-6c8d9f7b5-q2w3e";

	/** The contract: a slow or dead dependency never keeps an answer longer than this. */
	static final long ANSWER_BUDGET_MS = 2000;

	/**
	 * Why a part is missing when its service did not answer in time: the deadline, or the
	 * read timeout, which by default equals it and may fire first.
	 */
	static final String GAVE_UP = "(no answer within 1500 ms|read timed out)";

	static final ConnectionCounter quoteConnections = new ConnectionCounter();

	static final ConnectionCounter timeConnections = new ConnectionCounter();

	/*
	 * Not WireMockExtension: it would restart the servers, on new ports, for each @Nested
	 * class, while the application context (and the URLs it calls) is shared by all.
	 */
	static WireMockServer quoteService;

	static WireMockServer timeService;

	@BeforeAll
	static void startServices() {
		quoteService = DownstreamStubs.start(quoteConnections);
		timeService = DownstreamStubs.start(timeConnections);
	}

	@AfterAll
	static void stopServices() {
		quoteService.stop();
		timeService.stop();
	}

	@DynamicPropertySource
	static void downstreamServices(DynamicPropertyRegistry registry) {
		DownstreamStubs.wireFrontend(registry, quoteService::baseUrl, timeService::baseUrl);
	}

	@LocalServerPort
	int port;

	private FrontendClient frontend;

	@BeforeEach
	void bothServicesHealthy() {
		quoteService.resetAll();
		timeService.resetAll();
		quoteService.stubFor(quoteRequest().willReturn(quoteAnswer()));
		timeService.stubFor(timeRequest().willReturn(timeAnswer()));
		this.frontend = FrontendClient.warmedUp(this.port);
		// The warm-up's requests are no test's.
		quoteService.resetRequests();
		timeService.resetRequests();
	}

	Answer get(String path, String... headers) {
		return this.frontend.get(path, headers);
	}

	Answer send(String method, String path) {
		return this.frontend.send(method, path);
	}

	/** Asserts the walkthrough's two lines, each given as a regular expression. */
	static void assertTwoLines(Answer answer, String quoteLine, String timeLine) {
		assertThat(answer.contentType()).isEqualTo("text/plain;charset=UTF-8");
		assertThat(answer.body()).matches("Quote: " + quoteLine + "\nTime: " + timeLine + "\n");
	}

	static String unavailable(String reason) {
		return "unavailable \\(" + reason + "\\)";
	}

	static String literally(String text) {
		return Pattern.quote(text);
	}

	@Nested
	class ContentNegotiation {

		@Test
		void curlGetsTheWalkthroughsTwoLines() {
			Answer answer = get("/", "Accept", FrontendClient.CURL_ACCEPT);
			assertThat(answer.status()).isEqualTo(200);
			assertTwoLines(answer, literally(QUOTE), literally(TIME));
			assertThat(answer.header("X-Served-By")).isEqualTo(FRONTEND_POD);
			assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
		}

		@Test
		void noAcceptHeaderGetsTheTwoLines() {
			Answer answer = get("/");
			assertThat(answer.status()).isEqualTo(200);
			assertTwoLines(answer, literally(QUOTE), literally(TIME));
		}

		@Test
		void jsonShowsHowEachPartWasObtained() {
			Answer answer = get("/", "Accept", "application/json");
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.contentType()).startsWith("application/json");
			assertThat((String) answer.json("$.quote")).isEqualTo(QUOTE);
			assertThat((String) answer.json("$.time")).isEqualTo(TIME);
			assertCall(answer, "quote", quoteService.baseUrl() + "/quote", QUOTE_POD);
			assertCall(answer, "time", timeService.baseUrl() + "/time", TIME_POD);
			assertThat((String) answer.json("$.servedBy.podName")).isEqualTo(FRONTEND_POD);
		}

		private void assertCall(Answer answer, String name, String url, String pod) {
			Map<String, Object> call = answer.json("$.calls." + name);
			assertThat(call).containsEntry("url", url)
				.containsEntry("resolvedAddress", "127.0.0.1")
				.containsEntry("servedBy", pod)
				.containsEntry("status", 200)
				.containsKey("latencyMs");
			assertThat(((Number) call.get("latencyMs")).longValue()).isBetween(0L, ANSWER_BUDGET_MS);
			assertThat(call.get("error")).isNull();
		}

		@Test
		void browserGetsThePageWithTheAnsweringPods() {
			Answer answer = get("/", "Accept", FrontendClient.BROWSER_ACCEPT);
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.contentType()).isEqualTo("text/html;charset=UTF-8");
			assertThat(answer.body()).contains("<blockquote id=\"quote\">" + QUOTE + "</blockquote>")
				.contains(TIME)
				.contains(quoteService.baseUrl() + "/quote", timeService.baseUrl() + "/time")
				.contains(">" + QUOTE_POD + "<", ">" + TIME_POD + "<", ">" + FRONTEND_POD + "<")
				.doesNotContain("unavailable (");
		}

		@Test
		void callersRequestIdIsAnsweredAndPassedOnToBothServices() {
			String requestId = "walkthrough-test-42";
			Answer answer = get("/", "X-Request-Id", requestId);
			assertThat(answer.header("X-Request-Id")).isEqualTo(requestId);
			quoteService.verify(1, getRequestedFor(urlEqualTo("/quote")).withHeader("X-Request-Id", equalTo(requestId)));
			timeService.verify(1, getRequestedFor(urlEqualTo("/time")).withHeader("X-Request-Id", equalTo(requestId)));
		}

		@Test
		void generatedRequestIdIsPassedOnToBothServices() {
			Answer answer = get("/");
			String requestId = answer.header("X-Request-Id");
			assertThat(requestId).matches("[0-9a-f]{32}");
			quoteService.verify(1, getRequestedFor(urlEqualTo("/quote")).withHeader("X-Request-Id", equalTo(requestId)));
			timeService.verify(1, getRequestedFor(urlEqualTo("/time")).withHeader("X-Request-Id", equalTo(requestId)));
		}

	}

	/** One service misbehaving while the other answers; {@code reason} is a regular expression. */
	enum Failure {

		SLOW(GAVE_UP, null) {
			@Override
			ResponseDefinitionBuilder answer(ResponseDefinitionBuilder healthy, String pod) {
				return healthy.withFixedDelay(5000);
			}
		},

		SERVER_ERROR("HTTP 500", 500) {
			@Override
			ResponseDefinitionBuilder answer(ResponseDefinitionBuilder healthy, String pod) {
				return serverError(pod);
			}
		},

		GARBAGE_JSON("invalid response", 200) {
			@Override
			ResponseDefinitionBuilder answer(ResponseDefinitionBuilder healthy, String pod) {
				return aResponse().withStatus(200)
					.withHeader("X-Served-By", pod)
					.withHeader("Content-Type", "application/json")
					.withBody("not json");
			}
		},

		HTML_PAGE("invalid response", 200) {
			@Override
			ResponseDefinitionBuilder answer(ResponseDefinitionBuilder healthy, String pod) {
				return aResponse().withStatus(200)
					.withHeader("X-Served-By", pod)
					.withHeader("Content-Type", "text/html")
					.withBody("<html><body><h1>Welcome to nginx!</h1></body></html>");
			}
		},

		/** Not followed: the frontend calls its configured services and nothing else. */
		REDIRECT_ELSEWHERE("invalid response: no (quote|time)", 302) {
			@Override
			ResponseDefinitionBuilder answer(ResponseDefinitionBuilder healthy, String pod) {
				return aResponse().withStatus(302)
					.withHeader("X-Served-By", pod)
					.withHeader("Location", "http://127.0.0.1:9/elsewhere");
			}
		};

		final String reason;

		/** The status of the pod's answer, {@code null} when none came in time. */
		final Integer status;

		Failure(String reason, Integer status) {
			this.reason = reason;
			this.status = status;
		}

		abstract ResponseDefinitionBuilder answer(ResponseDefinitionBuilder healthy, String pod);

	}

	@Nested
	class OneServiceFailing {

		@ParameterizedTest
		@EnumSource
		void quoteFailureLeavesTheTimeLineIntact(Failure failure) {
			quoteService.stubFor(quoteRequest().willReturn(failure.answer(quoteAnswer(), QUOTE_POD)));
			Answer text = get("/", "Accept", FrontendClient.CURL_ACCEPT);
			assertThat(text.elapsedMs()).isLessThan(ANSWER_BUDGET_MS);
			assertThat(text.status()).isEqualTo(200);
			assertTwoLines(text, unavailable(failure.reason), literally(TIME));

			Answer json = get("/", "Accept", "application/json");
			assertThat(json.elapsedMs()).isLessThan(ANSWER_BUDGET_MS);
			assertThat(json.status()).isEqualTo(200);
			assertThat((Object) json.json("$.quote")).isNull();
			assertThat((String) json.json("$.time")).isEqualTo(TIME);
			assertFailedCall(json, "quote", failure, QUOTE_POD);
			assertThat((Object) json.json("$.calls.time.error")).isNull();
		}

		@ParameterizedTest
		@EnumSource
		void timeFailureLeavesTheQuoteLineIntact(Failure failure) {
			timeService.stubFor(timeRequest().willReturn(failure.answer(timeAnswer(), TIME_POD)));
			Answer text = get("/", "Accept", FrontendClient.CURL_ACCEPT);
			assertThat(text.elapsedMs()).isLessThan(ANSWER_BUDGET_MS);
			assertThat(text.status()).isEqualTo(200);
			assertTwoLines(text, literally(QUOTE), unavailable(failure.reason));

			Answer json = get("/", "Accept", "application/json");
			assertThat(json.elapsedMs()).isLessThan(ANSWER_BUDGET_MS);
			assertThat(json.status()).isEqualTo(200);
			assertThat((String) json.json("$.quote")).isEqualTo(QUOTE);
			assertThat((Object) json.json("$.time")).isNull();
			assertFailedCall(json, "time", failure, TIME_POD);
			assertThat((Object) json.json("$.calls.quote.error")).isNull();
		}

		@Test
		void browserSeesWhichPartIsUnavailableAndWhy() {
			quoteService.stubFor(quoteRequest().willReturn(serverError(QUOTE_POD)));
			Answer page = get("/", "Accept", FrontendClient.BROWSER_ACCEPT);
			assertThat(page.status()).isEqualTo(200);
			assertThat(page.body()).contains("unavailable (HTTP 500)").contains(TIME).contains(">" + QUOTE_POD + "<");
		}

		private void assertFailedCall(Answer json, String name, Failure failure, String pod) {
			Map<String, Object> call = json.json("$.calls." + name);
			assertThat((String) call.get("error")).matches(failure.reason);
			assertThat(call).containsEntry("status", failure.status)
				.containsEntry("servedBy", (failure.status != null) ? pod : null)
				.containsEntry("resolvedAddress", "127.0.0.1");
		}

	}

	@Nested
	class BothServicesFailing {

		@BeforeEach
		void bothSlow() {
			quoteService.stubFor(quoteRequest().willReturn(quoteAnswer().withFixedDelay(5000)));
			timeService.stubFor(timeRequest().willReturn(timeAnswer().withFixedDelay(5000)));
		}

		@Test
		void textIsServiceUnavailableWithBothLinesUnavailable() {
			Answer answer = get("/", "Accept", FrontendClient.CURL_ACCEPT);
			assertThat(answer.elapsedMs()).isLessThan(ANSWER_BUDGET_MS);
			assertThat(answer.status()).isEqualTo(503);
			assertTwoLines(answer, unavailable(GAVE_UP), unavailable(GAVE_UP));
		}

		@Test
		void jsonIsServiceUnavailableWithBothErrors() {
			Answer answer = get("/", "Accept", "application/json");
			assertThat(answer.elapsedMs()).isLessThan(ANSWER_BUDGET_MS);
			assertThat(answer.status()).isEqualTo(503);
			assertThat((Object) answer.json("$.quote")).isNull();
			assertThat((Object) answer.json("$.time")).isNull();
			List<String> errors = answer.json("$.calls.*.error");
			assertThat(errors).hasSize(2).allMatch((error) -> error.matches(GAVE_UP));
		}

		@Test
		void pageIsServiceUnavailableWithBothPartsUnavailable() {
			Answer answer = get("/", "Accept", FrontendClient.BROWSER_ACCEPT);
			assertThat(answer.elapsedMs()).isLessThan(ANSWER_BUDGET_MS);
			assertThat(answer.status()).isEqualTo(503);
			assertThat(answer.contentType()).isEqualTo("text/html;charset=UTF-8");
			assertThat(answer.body()).containsPattern(">" + unavailable(GAVE_UP) + "</blockquote>")
				.containsPattern(">" + unavailable(GAVE_UP) + "</span>");
		}

	}

	@Nested
	class Connections {

		@Test
		void bothCallsRunAtTheSameTime() {
			// One after the other, they would take 2000 ms; at the same time, 1000 ms and overhead.
			quoteService.stubFor(quoteRequest().willReturn(quoteAnswer().withFixedDelay(1000)));
			timeService.stubFor(timeRequest().willReturn(timeAnswer().withFixedDelay(1000)));
			Answer answer = get("/", "Accept", "application/json");
			assertThat(answer.status()).isEqualTo(200);
			assertThat(((Number) answer.json("$.calls.quote.latencyMs")).longValue()).isGreaterThanOrEqualTo(1000);
			assertThat(((Number) answer.json("$.calls.time.latencyMs")).longValue()).isGreaterThanOrEqualTo(1000);
			assertThat(answer.elapsedMs()).as("two 1000 ms calls, made concurrently").isBetween(1000L, 1900L);
		}

		@Test
		void keepAliveConnectionsAreReused() {
			get("/"); // pools a connection to each service, if none is left from earlier tests
			int quoteBefore = quoteConnections.opened();
			int timeBefore = timeConnections.opened();
			assertThat(quoteBefore).as("connections counted").isPositive();
			assertThat(timeBefore).as("connections counted").isPositive();
			int requests = 10;
			for (int i = 0; i < requests; i++) {
				assertThat(get("/").status()).isEqualTo(200);
			}
			quoteService.verify(requests + 1, getRequestedFor(urlEqualTo("/quote")));
			timeService.verify(requests + 1, getRequestedFor(urlEqualTo("/time")));
			assertThat(quoteConnections.opened() - quoteBefore).as("new connections to quote-service").isLessThanOrEqualTo(2);
			assertThat(timeConnections.opened() - timeBefore).as("new connections to time-service").isLessThanOrEqualTo(2);
		}

	}

	@Nested
	class Errors {

		@ParameterizedTest
		@ValueSource(strings = { "/no-such-page", "/actuator/env", "/actuator/beans" })
		void unknownPathIsNotFoundProblem(String path) {
			Answer answer = get(path);
			assertThat(answer.status()).isEqualTo(404);
			assertThat(answer.contentType()).isEqualTo("application/problem+json");
			assertThat((Integer) answer.json("$.status")).isEqualTo(404);
			assertThat((String) answer.json("$.instance")).isEqualTo(path);
			assertThat(answer.header("X-Served-By")).isEqualTo(FRONTEND_POD);
			assertThat(answer.body()).doesNotContain("Exception", "trace");
		}

		@Test
		void wrongMethodIsMethodNotAllowedProblem() {
			Answer answer = send("POST", "/");
			assertThat(answer.status()).isEqualTo(405);
			assertThat(answer.contentType()).isEqualTo("application/problem+json");
			assertThat((Integer) answer.json("$.status")).isEqualTo(405);
			assertThat(answer.header("Allow")).contains("GET");
			assertThat(answer.header("X-Served-By")).isEqualTo(FRONTEND_POD);
		}

		@Test
		void healthIsExposed() {
			Answer answer = get("/actuator/health");
			assertThat(answer.status()).isEqualTo(200);
			assertThat((String) answer.json("$.status")).isEqualTo("UP");
		}

		@Test
		void sharedServiceBehaviourIsWiredIn() {
			SharedBehaviour.assertWiredIn(LocalHttp.onPort(FrontendApplicationTests.this.port), "/", "frontend-service",
					FRONTEND_POD);
		}

	}

}
