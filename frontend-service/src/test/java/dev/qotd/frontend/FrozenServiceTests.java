package dev.qotd.frontend;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.qotd.frontend.Services.Page;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.qotd.frontend.Services.ANSWERED_WITHIN_MS;
import static dev.qotd.frontend.Services.QUOTE;
import static dev.qotd.frontend.Services.quoteAnswer;
import static dev.qotd.frontend.Services.timeAnswer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * time-service frozen (it accepts requests and does not answer), with two pooled connections
 * per service: its calls hold its two connections, the calls over them wait for one until the
 * deadline, and quote-service's part of every page still comes. The read timeout is longer
 * than the test, so that no connection is freed meanwhile.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "frontend.downstream.max-connections=2", "spring.http.clients.read-timeout=10s" })
class FrozenServiceTests {

	private static final int PAGES = 6;

	@RegisterExtension
	static final WireMockExtension quoteService = Services.stub(wireMockConfig());

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

	@Test
	void aFrozenServiceHoldsOnlyItsOwnConnections() throws InterruptedException {
		quoteService.stubFor(get("/quote").willReturn(quoteAnswer()));
		timeService.stubFor(get("/time").willReturn(timeAnswer().withFixedDelay(Services.SLOW_MS)));

		ExecutorService browsers = Executors.newFixedThreadPool(PAGES);
		List<Future<Page>> pages = browsers.invokeAll(Collections.nCopies(PAGES, () -> Services.page(this.port)));
		browsers.shutdown();

		assertThat(pages).extracting(Future::get).allSatisfy((page) -> {
			assertThat(page.status()).isEqualTo(200);
			assertThat(page.body()).isEqualTo("Quote: " + QUOTE + "\nTime: unavailable (no answer within 1500 ms)\n");
			assertThat(page.elapsedMs()).isLessThan(ANSWERED_WITHIN_MS);
		});
		quoteService.verify(exactly(PAGES), getRequestedFor(urlEqualTo("/quote")));
		timeService.verify(exactly(2), getRequestedFor(urlEqualTo("/time")));
	}

}
