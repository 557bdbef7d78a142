package dev.qotd.frontend.page;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.qotd.frontend.downstream.Downstream;
import dev.qotd.frontend.downstream.QuoteClient;
import dev.qotd.frontend.downstream.QuoteClient.QuoteReply;
import dev.qotd.frontend.downstream.TimeClient;
import dev.qotd.frontend.downstream.TimeClient.TimeReply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.stubbing.Answer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

/**
 * {@code GET /} in each format, with the two services' HTTP clients replaced by mocks: what
 * the page makes of their answers, failures and silence.
 */
@WebMvcTest(controllers = PageController.class,
		properties = { "POD_NAME=frontend-6c8d9f7b5-q2w3e", "POD_IP=10.42.0.7", "NODE_NAME=node-1" })
@Import(PageControllerTests.MockedServices.class)
class PageControllerTests {

	static final String QUOTE = "The journey of a thousand miles begins with a single step.";

	static final String TIME = "Sat Nov 28 18:29:03 UTC 2026";

	static final String TWO_LINES = "Quote: " + QUOTE + "\nTime: " + TIME + "\n";

	/** What a browser sends. */
	static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	@MockitoBean
	QuoteClient quoteClient;

	@MockitoBean
	TimeClient timeClient;

	@Autowired
	MockMvcTester mvc;

	@BeforeEach
	void bothAnswer() {
		given(this.quoteClient.randomQuote(anyString()))
			.willReturn(ResponseEntity.ok().header("X-Served-By", "quote-abcde").body(new QuoteReply(QUOTE)));
		given(this.timeClient.now(anyString()))
			.willReturn(ResponseEntity.ok().header("X-Served-By", "time-xyz12").body(new TimeReply(TIME)));
	}

	@Test
	void curlGetsTheWalkthroughsTwoLines() {
		assertThat(this.mvc.get().uri("/").accept(MediaType.ALL)).hasStatusOk()
			.hasContentType("text/plain;charset=UTF-8")
			.hasHeader(HttpHeaders.CACHE_CONTROL, "no-store")
			.hasHeader("X-Served-By", "frontend-6c8d9f7b5-q2w3e")
			.hasBodyTextEqualTo(TWO_LINES);
		assertThat(this.mvc.get().uri("/")).hasStatusOk().hasBodyTextEqualTo(TWO_LINES);
	}

	@Test
	void jsonShowsHowEachPartWasObtained() {
		assertThat(this.mvc.get().uri("/").accept(MediaType.APPLICATION_JSON)).hasStatusOk()
			.hasHeader(HttpHeaders.CACHE_CONTROL, "no-store")
			.bodyJson()
			.isLenientlyEqualTo("""
					{"quote": "%s", "time": "%s",
					 "calls": {
					   "quote": {"url": "http://localhost:8081/quote", "resolvedAddress": "127.0.0.1",
					             "servedBy": "quote-abcde", "status": 200, "error": null},
					   "time": {"url": "http://localhost:8082/time", "resolvedAddress": "127.0.0.1",
					            "servedBy": "time-xyz12", "status": 200, "error": null}},
					 "servedBy": {"podName": "frontend-6c8d9f7b5-q2w3e", "podIp": "10.42.0.7", "nodeName": "node-1"}}
					""".formatted(QUOTE, TIME));
	}

	@Test
	void browserGetsThePage() {
		assertThat(this.mvc.get().uri("/").header(HttpHeaders.ACCEPT, BROWSER_ACCEPT)).hasStatusOk()
			.hasContentType("text/html;charset=UTF-8")
			.hasHeader(HttpHeaders.CACHE_CONTROL, "no-store")
			.bodyText()
			.contains("<blockquote id=\"quote\">" + QUOTE + "</blockquote>", ">" + TIME + "</span>")
			.contains("http://localhost:8081/quote", ">quote-abcde<", ">time-xyz12<", ">frontend-6c8d9f7b5-q2w3e<")
			.doesNotContain("unavailable (");
	}

	@Test
	void aPartUnavailableIsMarkedWithItsReason() {
		given(this.quoteClient.randomQuote(anyString()))
			.willThrow(new ResourceAccessException("I/O error", new ConnectException("Connection refused")));
		assertThat(this.mvc.get().uri("/")).hasStatusOk()
			.hasBodyTextEqualTo("Quote: unavailable (connection refused)\nTime: " + TIME + "\n");
		assertThat(this.mvc.get().uri("/").header(HttpHeaders.ACCEPT, BROWSER_ACCEPT)).hasStatusOk()
			.bodyText()
			.contains(">unavailable (connection refused)</blockquote>", ">" + TIME + "</span>");
	}

	@Test
	void bothUnavailableIsServiceUnavailableInEveryFormat() {
		given(this.timeClient.now(anyString())).willThrow(HttpServerErrorException.create(HttpStatus.BAD_GATEWAY,
				"Bad Gateway", new HttpHeaders(), new byte[0], null));
		given(this.quoteClient.randomQuote(anyString())).willReturn(ResponseEntity.ok(new QuoteReply(" ")));
		assertThat(this.mvc.get().uri("/")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasBodyTextEqualTo("Quote: unavailable (invalid response)\nTime: unavailable (HTTP 502)\n");
		assertThat(this.mvc.get().uri("/").accept(MediaType.APPLICATION_JSON))
			.hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(this.mvc.get().uri("/").header(HttpHeaders.ACCEPT, BROWSER_ACCEPT))
			.hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.bodyText()
			.contains(">unavailable (invalid response)</blockquote>", ">unavailable (HTTP 502)</span>");
	}

	@Test
	void aServiceThatDoesNotAnswerIsGivenUpOnAtTheDeadline() {
		given(this.timeClient.now(anyString())).willAnswer((invocation) -> {
			Thread.sleep(5000);
			return null;
		});
		long start = System.nanoTime();
		assertThat(this.mvc.get().uri("/")).hasStatusOk()
			.hasBodyTextEqualTo("Quote: " + QUOTE + "\nTime: unavailable (no answer within 1000 ms)\n");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(4));
	}

	@Test
	void bothServicesAreAskedAtOnce() {
		// Each answers only once the other has been asked: one after the other, the first misses the deadline.
		CountDownLatch bothAsked = new CountDownLatch(2);
		given(this.quoteClient.randomQuote(anyString()))
			.will(afterBoth(bothAsked, ResponseEntity.ok(new QuoteReply(QUOTE))));
		given(this.timeClient.now(anyString())).will(afterBoth(bothAsked, ResponseEntity.ok(new TimeReply(TIME))));
		assertThat(this.mvc.get().uri("/")).hasStatusOk().hasBodyTextEqualTo(TWO_LINES);
	}

	private static Answer<Object> afterBoth(CountDownLatch bothAsked, Object answer) {
		return (invocation) -> {
			bothAsked.countDown();
			return bothAsked.await(5, TimeUnit.SECONDS) ? answer : null;
		};
	}

	@Test
	void aGeneratedRequestIdIsPassedOnToBothServices() {
		String requestId = this.mvc.get().uri("/").exchange().getResponse().getHeader("X-Request-Id");
		assertThat(requestId).matches("[0-9a-f]{32}");
		then(this.quoteClient).should().randomQuote(requestId);
		then(this.timeClient).should().now(requestId);
	}

	/** The two services as the application builds them, over the mocked clients, with a short deadline. */
	@TestConfiguration(proxyBeanMethods = false)
	static class MockedServices {

		private static final Duration DEADLINE = Duration.ofSeconds(1);

		@Bean
		Downstream<QuoteReply> quoteService(QuoteClient client) {
			return new Downstream<>(URI.create("http://localhost:8081/quote"), client::randomQuote, QuoteReply::quote,
					new SimpleAsyncTaskExecutor(), DEADLINE);
		}

		@Bean
		Downstream<TimeReply> timeService(TimeClient client) {
			return new Downstream<>(URI.create("http://localhost:8082/time"), client::now, TimeReply::text,
					new SimpleAsyncTaskExecutor(), DEADLINE);
		}

	}

}
