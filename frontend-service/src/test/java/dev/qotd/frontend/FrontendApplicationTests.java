package dev.qotd.frontend;

import java.net.Socket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.trafficlistener.DoNothingWiremockNetworkTrafficListener;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.qotd.frontend.Services.Page;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.qotd.frontend.Services.ANSWERED_WITHIN_MS;
import static dev.qotd.frontend.Services.GAVE_UP;
import static dev.qotd.frontend.Services.QUOTE;
import static dev.qotd.frontend.Services.QUOTE_POD;
import static dev.qotd.frontend.Services.TIME;
import static dev.qotd.frontend.Services.TIME_POD;
import static dev.qotd.frontend.Services.quoteAnswer;
import static dev.qotd.frontend.Services.timeAnswer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frontend on a real port, with its default settings, calling quote and time stubs over
 * the network: what the HTTP client, its pool and the deadline make of each way a call goes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "POD_NAME=frontend-6c8d9f7b5-q2w3e")
class FrontendApplicationTests {

	static final AtomicInteger quoteConnections = new AtomicInteger();

	@RegisterExtension
	static final WireMockExtension quoteService = Services
		.stub(wireMockConfig().networkTrafficListener(new DoNothingWiremockNetworkTrafficListener() {
			@Override
			public void opened(Socket socket) {
				quoteConnections.incrementAndGet();
			}
		}));

	@RegisterExtension
	static final WireMockExtension timeService = Services.stub(wireMockConfig());

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("QUOTE_SERVICE_URL", quoteService::baseUrl);
		registry.add("TIME_SERVICE_URL", timeService::baseUrl);
	}

	@LocalServerPort
	int port;

	@BeforeAll
	static void warmUp(@Value("${local.server.port}") int port) {
		Services.warmUp(port, quoteService, timeService);
	}

	@BeforeEach
	void bothHealthy() {
		quoteService.stubFor(get("/quote").willReturn(quoteAnswer()));
		timeService.stubFor(get("/time").willReturn(timeAnswer()));
	}

	@Test
	void jsonTellsWhereEachPartCameFrom() {
		Page page = Services.page(this.port, "Accept", "application/json");
		assertThat(page.status()).isEqualTo(200);
		assertThat((String) page.json("$.quote")).isEqualTo(QUOTE);
		assertThat((String) page.json("$.time")).isEqualTo(TIME);
		assertCall(page.json("$.calls.quote"), quoteService.baseUrl() + "/quote", QUOTE_POD);
		assertCall(page.json("$.calls.time"), timeService.baseUrl() + "/time", TIME_POD);
		assertThat((String) page.json("$.servedBy.podName")).isEqualTo("frontend-6c8d9f7b5-q2w3e");
		quoteService.verify(getRequestedFor(urlEqualTo("/quote")).withHeader("Accept", containing("application/json")));
		timeService.verify(getRequestedFor(urlEqualTo("/time")).withHeader("Accept", containing("application/json")));
	}

	private static void assertCall(Map<String, Object> call, String url, String pod) {
		assertThat(call).containsOnlyKeys("url", "resolvedAddress", "servedBy", "status", "latencyMs", "error")
			.containsEntry("url", url)
			.containsEntry("resolvedAddress", "127.0.0.1")
			.containsEntry("servedBy", pod)
			.containsEntry("status", 200)
			.containsEntry("error", null);
		assertThat(((Number) call.get("latencyMs")).longValue()).isBetween(0L, ANSWERED_WITHIN_MS);
	}

	@Test
	void callersRequestIdIsPassedOnToBothServices() {
		String requestId = "walkthrough-42";
		assertThat(Services.page(this.port, "X-Request-Id", requestId).header("X-Request-Id")).isEqualTo(requestId);
		quoteService.verify(getRequestedFor(urlEqualTo("/quote")).withHeader("X-Request-Id", equalTo(requestId)));
		timeService.verify(getRequestedFor(urlEqualTo("/time")).withHeader("X-Request-Id", equalTo(requestId)));
	}

	/** quote-service misbehaving while time-service answers: {@code error} is a regular expression. */
	enum Failure {

		SLOW(GAVE_UP, null, quoteAnswer().withFixedDelay(Services.SLOW_MS)),

		SERVER_ERROR("HTTP 500", 500, aResponse().withStatus(500)
			.withHeader("Content-Type", "application/problem+json")
			.withBody("{\"status\": 500, \"title\": \"Internal Server Error\"}")),

		/** Not retried: a 503 is the service's answer. */
		SERVICE_UNAVAILABLE("HTTP 503", 503, aResponse().withStatus(503).withHeader("Retry-After", "1")),

		/** Not followed: the frontend calls its two services and nothing else. */
		REDIRECT("HTTP 302", 302, aResponse().withStatus(302).withHeader("Location", "/elsewhere")),

		NOT_JSON("invalid response", null,
				aResponse().withHeader("Content-Type", "application/json").withBody("not json")),

		HTML_PAGE("invalid response", null,
				aResponse().withHeader("Content-Type", "text/html").withBody("<h1>Welcome to nginx!</h1>")),

		NO_QUOTE("invalid response", 200, okJson("{\"servedBy\": {}}")),

		/** Sent again once, at once: a pooled connection closed by a restarted pod looks the same. */
		CLOSED_WITHOUT_ANSWER("localhost:\\d+ failed to respond", null,
				aResponse().withFault(Fault.EMPTY_RESPONSE));

		final String error;

		final Integer status;

		final ResponseDefinitionBuilder answer;

		Failure(String error, Integer status, ResponseDefinitionBuilder answer) {
			this.error = error;
			this.status = status;
			this.answer = answer.withHeader("X-Served-By", QUOTE_POD);
		}

	}

	@ParameterizedTest
	@EnumSource
	void aFailingServiceLeavesTheOtherPartIntact(Failure failure) {
		quoteService.stubFor(get("/quote").willReturn(failure.answer));

		Page page = Services.page(this.port, "Accept", "application/json");

		assertThat(page.elapsedMs()).isLessThan(ANSWERED_WITHIN_MS);
		assertThat(page.status()).isEqualTo(200);
		assertThat((Object) page.json("$.quote")).isNull();
		assertThat((String) page.json("$.time")).isEqualTo(TIME);
		Map<String, Object> call = page.json("$.calls.quote");
		assertThat((String) call.get("error")).matches(failure.error);
		assertThat(call).containsEntry("status", failure.status)
			.containsEntry("servedBy", (failure.status != null) ? QUOTE_POD : null)
			.containsEntry("resolvedAddress", "127.0.0.1");
		int sent = (failure == Failure.CLOSED_WITHOUT_ANSWER) ? 2 : 1;
		quoteService.verify(exactly(sent), getRequestedFor(urlEqualTo("/quote")));
		quoteService.verify(exactly(0), getRequestedFor(urlEqualTo("/elsewhere")));
	}

	@Test
	void bothServicesSlowIsServiceUnavailableWithinTheBudget() {
		quoteService.stubFor(get("/quote").willReturn(quoteAnswer().withFixedDelay(Services.SLOW_MS)));
		timeService.stubFor(get("/time").willReturn(timeAnswer().withFixedDelay(Services.SLOW_MS)));

		Page page = Services.page(this.port);

		assertThat(page.elapsedMs()).isLessThan(ANSWERED_WITHIN_MS);
		assertThat(page.status()).isEqualTo(503);
		assertThat(page.body()).matches("Quote: unavailable \\((" + GAVE_UP + ")\\)\nTime: unavailable \\(("
				+ GAVE_UP + ")\\)\n");
	}

	@Test
	void pooledConnectionsAreReusedForOneSecondOnly() throws InterruptedException {
		Services.page(this.port);
		int opened = quoteConnections.get();
		for (int i = 0; i < 4; i++) {
			assertThat(Services.page(this.port).status()).isEqualTo(200);
		}
		// One more if the pages outlast the connection's second, on a slow machine.
		assertThat(quoteConnections.get() - opened).as("new connections for 4 pages").isLessThanOrEqualTo(2);

		Thread.sleep(1500);
		opened = quoteConnections.get();
		assertThat(Services.page(this.port).status()).isEqualTo(200);
		assertThat(quoteConnections.get() - opened).as("new connections once the pooled one is 1 s old").isOne();
	}

	@Test
	void answersLongerThanTheConnectionBuffersAreReadWhole() {
		String longQuote = "\u00e9\u2603\ud83d\ude80 ".repeat(5000);
		quoteService.stubFor(get("/quote").willReturn(okJson("{\"quote\": \"" + longQuote + "\"}")));
		Page page = Services.page(this.port, "Accept", "application/json");
		assertThat((String) page.json("$.quote")).isEqualTo(longQuote);
	}

	@Test
	void sharedSettingsAreImported() {
		assertThat(Services.fetch(this.port, "/actuator/prometheus").status()).isEqualTo(200);
	}

}
