package dev.qotd.frontend;

import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.qotd.frontend.testsupport.DownstreamStubs;
import dev.qotd.frontend.testsupport.FrontendClient;
import dev.qotd.frontend.testsupport.FrontendClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static dev.qotd.frontend.testsupport.DownstreamStubs.TIME;
import static dev.qotd.frontend.testsupport.DownstreamStubs.TIME_POD;
import static dev.qotd.frontend.testsupport.DownstreamStubs.serverError;
import static dev.qotd.frontend.testsupport.DownstreamStubs.timeAnswer;
import static dev.qotd.frontend.testsupport.DownstreamStubs.timeRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * quote-service has no pod listening (a Service without endpoints, a crashed pod): its
 * connections are refused at once, while time-service answers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class UnreachableQuoteServiceTests {

	static final String QUOTE_URL = "http://localhost:" + TestSocketUtils.findAvailableTcpPort();

	@RegisterExtension
	static final WireMockExtension timeService = DownstreamStubs.extension();

	@DynamicPropertySource
	static void downstreamServices(DynamicPropertyRegistry registry) {
		DownstreamStubs.wireFrontend(registry, () -> QUOTE_URL, timeService::baseUrl);
	}

	@LocalServerPort
	int port;

	private FrontendClient frontend;

	@BeforeEach
	void timeServiceHealthy() {
		timeService.stubFor(timeRequest().willReturn(timeAnswer()));
		this.frontend = FrontendClient.warmedUp(this.port);
	}

	@Test
	void quoteLineIsUnavailableAndTimeLineIntact() {
		Answer answer = this.frontend.get("/", "Accept", FrontendClient.CURL_ACCEPT);
		assertThat(answer.elapsedMs()).isLessThan(FrontendApplicationTests.ANSWER_BUDGET_MS);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("Quote: unavailable (connection refused)\nTime: " + TIME + "\n");
	}

	@Test
	void jsonSaysWhyTheQuoteIsMissing() {
		Answer answer = this.frontend.get("/", "Accept", "application/json");
		assertThat(answer.elapsedMs()).isLessThan(FrontendApplicationTests.ANSWER_BUDGET_MS);
		assertThat(answer.status()).isEqualTo(200);
		Map<String, Object> quoteCall = answer.json("$.calls.quote");
		assertThat(quoteCall).containsEntry("url", QUOTE_URL + "/quote")
			.containsEntry("resolvedAddress", "127.0.0.1")
			.containsEntry("error", "connection refused")
			.containsEntry("status", null)
			.containsEntry("servedBy", null);
		assertThat((String) answer.json("$.calls.time.servedBy")).isEqualTo(TIME_POD);
	}

	@Test
	void bothDownIsServiceUnavailable() {
		timeService.stubFor(timeRequest().willReturn(serverError(TIME_POD)));
		Answer answer = this.frontend.get("/", "Accept", FrontendClient.CURL_ACCEPT);
		assertThat(answer.elapsedMs()).isLessThan(FrontendApplicationTests.ANSWER_BUDGET_MS);
		assertThat(answer.status()).isEqualTo(503);
		assertThat(answer.body()).isEqualTo("Quote: unavailable (connection refused)\nTime: unavailable (HTTP 500)\n");
	}

}
