package dev.qotd.frontend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.qotd.frontend.testsupport.DownstreamStubs;
import dev.qotd.frontend.testsupport.FrontendClient;
import dev.qotd.frontend.testsupport.FrontendClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.qotd.frontend.testsupport.DownstreamStubs.QUOTE;
import static dev.qotd.frontend.testsupport.DownstreamStubs.TIME;
import static dev.qotd.frontend.testsupport.DownstreamStubs.quoteAnswer;
import static dev.qotd.frontend.testsupport.DownstreamStubs.quoteRequest;
import static dev.qotd.frontend.testsupport.DownstreamStubs.timeAnswer;
import static dev.qotd.frontend.testsupport.DownstreamStubs.timeRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each downstream service has its own bound on calls in flight
 * ({@code frontend.downstream.max-connections}, two here): when time-service stalls, its
 * calls over the bound are marked overloaded at once, without being made, and quote-service's
 * part of every page still comes.
 */
// The deadline and read timeout far above the stalled service's 1.3 s, so that on a slow machine
// too the calls let through are answered.
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "frontend.downstream.max-connections=2",
		"frontend.downstream.deadline=4s", "spring.http.clients.read-timeout=4s" })
class OverloadedFrontendTests {

	private static final int PAGES = 6;

	private static final Duration STAGGER = Duration.ofMillis(150);

	@RegisterExtension
	static final WireMockExtension quoteService = DownstreamStubs.extension();

	@RegisterExtension
	static final WireMockExtension timeService = DownstreamStubs.extension();

	@DynamicPropertySource
	static void downstreamServices(DynamicPropertyRegistry registry) {
		DownstreamStubs.wireFrontend(registry, quoteService::baseUrl, timeService::baseUrl);
	}

	@LocalServerPort
	int port;

	@Test
	void aStalledServiceHoldsOnlyItsOwnCallsAndTheOthersOverItsBoundAreOverloaded() throws Exception {
		quoteService.stubFor(quoteRequest().willReturn(quoteAnswer()));
		timeService.stubFor(timeRequest().willReturn(timeAnswer()));
		FrontendClient frontend = FrontendClient.warmedUp(this.port);
		timeService.resetRequests();
		// Slow, not dead: the two calls let through are answered within the deadline, after
		// the last page has come.
		timeService.stubFor(timeRequest().willReturn(timeAnswer().withFixedDelay(1300)));

		List<Answer> answers = getStaggered(frontend, PAGES);

		assertThat(answers).allSatisfy((answer) -> {
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.body()).startsWith("Quote: " + QUOTE + "\n");
		});
		assertThat(answers).filteredOn((answer) -> answer.body().endsWith("Time: unavailable (frontend overloaded)\n"))
			.hasSize(PAGES - 2)
			.allSatisfy((answer) -> assertThat(answer.elapsedMs()).isLessThan(500));
		assertThat(answers).filteredOn((answer) -> answer.body().equals("Quote: " + QUOTE + "\nTime: " + TIME + "\n"))
			.hasSize(2);
		timeService.verify(exactly(2), getRequestedFor(urlEqualTo("/time")));
	}

	/**
	 * The pages one every {@link #STAGGER}: each quote call has long ended when the next page
	 * comes, while the time calls are still in flight.
	 */
	private static List<Answer> getStaggered(FrontendClient frontend, int pages) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(pages);
		try {
			List<Future<Answer>> answers = new ArrayList<>();
			for (int page = 0; page < pages; page++) {
				answers.add(clients.submit(() -> frontend.get("/", "Accept", FrontendClient.CURL_ACCEPT)));
				Thread.sleep(STAGGER.toMillis());
			}
			List<Answer> result = new ArrayList<>();
			for (Future<Answer> answer : answers) {
				result.add(answer.get());
			}
			return result;
		}
		finally {
			clients.shutdownNow();
		}
	}

}
