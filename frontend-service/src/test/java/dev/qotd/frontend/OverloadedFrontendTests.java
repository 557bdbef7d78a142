package dev.qotd.frontend;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.qotd.frontend.testsupport.DownstreamStubs;
import dev.qotd.frontend.testsupport.FrontendClient;
import dev.qotd.frontend.testsupport.FrontendClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
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
import static dev.qotd.frontend.testsupport.DownstreamStubs.quoteAnswer;
import static dev.qotd.frontend.testsupport.DownstreamStubs.quoteRequest;
import static dev.qotd.frontend.testsupport.DownstreamStubs.timeAnswer;
import static dev.qotd.frontend.testsupport.DownstreamStubs.timeRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On Java 21 and later the downstream calls run on virtual threads, which no pool bounds:
 * {@code spring.task.execution.simple.concurrency-limit} does, and a call over it is answered
 * at once as overloaded instead of waiting. Here the limit is one call, so the time call of a
 * page always finds the quote call holding it.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.task.execution.simple.concurrency-limit=1")
class OverloadedFrontendTests {

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
	void aCallOverTheLimitIsMarkedOverloadedWithoutBeingMade() {
		quoteService.stubFor(quoteRequest().willReturn(quoteAnswer().withFixedDelay(300)));
		timeService.stubFor(timeRequest().willReturn(timeAnswer()));

		FrontendClient frontend = FrontendClient.warmedUp(this.port);
		Answer text = frontend.get("/", "Accept", FrontendClient.CURL_ACCEPT);
		Answer json = frontend.get("/", "Accept", "application/json");

		assertThat(text.status()).isEqualTo(200);
		assertThat(text.body()).isEqualTo("Quote: " + QUOTE + "\nTime: unavailable (frontend overloaded)\n");
		assertThat((String) json.json("$.calls.time.error")).isEqualTo("frontend overloaded");
		timeService.verify(exactly(0), getRequestedFor(urlEqualTo("/time")));
	}

}
