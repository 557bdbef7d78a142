package dev.qotd.frontend;

import java.io.IOException;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.qotd.frontend.testsupport.DownstreamStubs;
import dev.qotd.frontend.testsupport.FrontendClient;
import dev.qotd.frontend.testsupport.FrontendClient.Answer;
import dev.qotd.frontend.testsupport.SilentServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.qotd.frontend.FrontendApplicationTests.ANSWER_BUDGET_MS;
import static dev.qotd.frontend.FrontendApplicationTests.GAVE_UP;
import static dev.qotd.frontend.testsupport.DownstreamStubs.QUOTE;
import static dev.qotd.frontend.testsupport.DownstreamStubs.quoteAnswer;
import static dev.qotd.frontend.testsupport.DownstreamStubs.quoteRequest;
import static dev.qotd.frontend.testsupport.DownstreamStubs.serverError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * time-service hangs: it accepts connections and never answers, which no connect timeout
 * notices. quote-service answers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class UnresponsiveTimeServiceTests {

	static final SilentServer timeService = new SilentServer();

	@RegisterExtension
	static final WireMockExtension quoteService = DownstreamStubs.extension();

	@DynamicPropertySource
	static void downstreamServices(DynamicPropertyRegistry registry) {
		DownstreamStubs.wireFrontend(registry, quoteService::baseUrl, timeService::baseUrl);
	}

	@AfterAll
	static void stopTimeService() throws IOException {
		timeService.close();
	}

	@LocalServerPort
	int port;

	private FrontendClient frontend;

	@BeforeEach
	void quoteServiceHealthy() {
		quoteService.stubFor(quoteRequest().willReturn(quoteAnswer()));
		this.frontend = FrontendClient.warmedUp(this.port);
	}

	@Test
	void timeLineIsUnavailableWithinTheBudgetAndQuoteLineIntact() {
		Answer answer = this.frontend.get("/", "Accept", FrontendClient.CURL_ACCEPT);
		assertThat(answer.elapsedMs()).isLessThan(ANSWER_BUDGET_MS);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).matches("Quote: \\Q" + QUOTE + "\\E\nTime: unavailable \\(" + GAVE_UP + "\\)\n");
		assertThat(timeService.acceptedConnections()).isPositive();
	}

	@Test
	void jsonSaysWhyTheTimeIsMissing() {
		Answer answer = this.frontend.get("/", "Accept", "application/json");
		assertThat(answer.elapsedMs()).isLessThan(ANSWER_BUDGET_MS);
		assertThat(answer.status()).isEqualTo(200);
		assertThat((String) answer.json("$.quote")).isEqualTo(QUOTE);
		assertThat((String) answer.json("$.calls.time.error")).matches(GAVE_UP);
		assertThat((Object) answer.json("$.calls.time.status")).isNull();
	}

	@Test
	void pageShowsTheTimeUnavailableWithinTheBudget() {
		Answer answer = this.frontend.get("/", "Accept", FrontendClient.BROWSER_ACCEPT);
		assertThat(answer.elapsedMs()).isLessThan(ANSWER_BUDGET_MS);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).contains(QUOTE).containsPattern(">unavailable \\(" + GAVE_UP + "\\)</span>");
	}

	@Test
	void bothDownIsServiceUnavailableWithinTheBudget() {
		quoteService.stubFor(quoteRequest().willReturn(serverError("quote-5d8f7c9b6d-abcde")));
		Answer answer = this.frontend.get("/", "Accept", "application/json");
		assertThat(answer.elapsedMs()).isLessThan(ANSWER_BUDGET_MS);
		assertThat(answer.status()).isEqualTo(503);
		assertThat((String) answer.json("$.calls.quote.error")).isEqualTo("HTTP 500");
		assertThat((String) answer.json("$.calls.time.error")).matches(GAVE_UP);
	}

}
