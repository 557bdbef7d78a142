package dev.qotd.frontend.downstream;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.qotd.frontend.downstream.QuoteClient.QuoteReply;
import dev.qotd.frontend.testsupport.DownstreamStubs;
import dev.qotd.frontend.testsupport.SilentServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import org.springframework.test.util.TestSocketUtils;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Downstream} over the production HTTP client (the pooled HttpClient 5 factory of
 * {@link DownstreamConfiguration}) against real loopback servers: each way a call can go
 * wrong becomes the reason a person reads after {@code unavailable}.
 */
class DownstreamTests {

	private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);

	private static final Duration READ_TIMEOUT = Duration.ofMillis(1000);

	private static final Duration DEADLINE = Duration.ofSeconds(3);

	private static final String POD = "quote-5d8f7c9b6d-abcde";

	@RegisterExtension
	static WireMockExtension quoteService = DownstreamStubs.extension();

	private final ExecutorService executor = Executors.newCachedThreadPool();

	/** The first exchange of a JVM loads many classes: keep that out of the timeouts under test. */
	@BeforeAll
	static void warmUp() {
		quoteService.stubFor(get("/quote").willReturn(okJson("{\"quote\": \"warm-up\"}")));
		RestClient.builder()
			.requestFactory(ClientHttpRequestFactoryBuilder.httpComponents().build())
			.build()
			.get()
			.uri(quoteService.baseUrl() + "/quote")
			.retrieve()
			.toEntity(QuoteReply.class);
	}

	private final List<DisposableBean> requestFactories = new ArrayList<>();

	@AfterEach
	void shutDown() throws Exception {
		this.executor.shutdownNow();
		for (DisposableBean requestFactory : this.requestFactories) {
			requestFactory.destroy();
		}
	}

	@Test
	void answerCarriesTheQuoteAndHowItWasObtained() {
		quoteService.stubFor(get("/quote").willReturn(okJson("""
				{"quote": "The journey of a thousand miles begins with a single step.", "servedBy": {"podName": "%s"}}
				""".formatted(POD)).withHeader("X-Served-By", POD)));
		CallResult result = call(quoteService.baseUrl());
		assertThat(result.value()).isEqualTo("The journey of a thousand miles begins with a single step.");
		CallDetails details = result.details();
		assertThat(details.url()).isEqualTo(quoteService.baseUrl() + "/quote");
		assertThat(details.resolvedAddress()).isEqualTo("127.0.0.1");
		assertThat(details.servedBy()).isEqualTo(POD);
		assertThat(details.status()).isEqualTo(200);
		assertThat(details.latencyMs()).isBetween(0L, 2000L);
		assertThat(details.error()).isNull();
		assertThat(details.available()).isTrue();
	}

	@Test
	void answerFarLargerThanTheConnectionBufferIsReadWhole() {
		String longQuote = "Long, with Unicode: \u00e9\u2603\ud83d\ude80 ".repeat(4000);
		quoteService.stubFor(get("/quote").willReturn(okJson("{\"quote\": \"%s\"}".formatted(longQuote))
			.withHeader("X-Served-By", POD)
			.withHeader("X-Padding", "p".repeat(3000))));
		CallResult result = call(quoteService.baseUrl());
		assertThat(result.value()).isEqualTo(longQuote);
		assertThat(result.details().servedBy()).isEqualTo(POD);
	}

	@Test
	void asksForJson() {
		quoteService.stubFor(get("/quote").willReturn(okJson("{\"quote\": \"q\"}")));
		call(quoteService.baseUrl());
		quoteService.verify(getRequestedFor(urlEqualTo("/quote")).withHeader("Accept", containing("application/json")));
	}

	@Test
	void refusedConnection() {
		String baseUrl = "http://localhost:" + TestSocketUtils.findAvailableTcpPort();
		CallResult result = call(baseUrl);
		assertUnavailable(result, "connection refused");
		assertThat(result.details().resolvedAddress()).isEqualTo("127.0.0.1");
		assertThat(result.details().status()).isNull();
		assertThat(result.details().servedBy()).isNull();
	}

	@Test
	void readTimeout() throws IOException {
		try (SilentServer hungPod = new SilentServer()) {
			CallResult result = call(hungPod.baseUrl());
			assertUnavailable(result, "read timed out");
			assertThat(result.details().latencyMs()).isBetween(READ_TIMEOUT.toMillis(), READ_TIMEOUT.toMillis() + 1000);
			assertThat(result.details().status()).isNull();
			assertThat(hungPod.acceptedConnections()).as("read timeouts are not retried").isOne();
		}
	}

	@Test
	void unknownHost() {
		CallResult result = call("http://quote-svc.invalid");
		assertUnavailable(result, "unknown host quote-svc.invalid");
		assertThat(result.details().resolvedAddress()).isNull();
		assertThat(result.details().url()).isEqualTo("http://quote-svc.invalid/quote");
	}

	@Test
	void serverErrorReportsTheStatusAndThePodThatAnswered() {
		quoteService.stubFor(get("/quote").willReturn(aResponse().withStatus(500)
			.withHeader("X-Served-By", POD)
			.withHeader("Content-Type", "application/problem+json")
			.withBody("{\"status\": 500}")));
		CallResult result = call(quoteService.baseUrl());
		assertUnavailable(result, "HTTP 500");
		assertThat(result.details().status()).isEqualTo(500);
		assertThat(result.details().servedBy()).isEqualTo(POD);
	}

	@Test
	void serviceUnavailableIsNotRetried() {
		quoteService.stubFor(get("/quote").willReturn(aResponse().withStatus(503).withHeader("X-Served-By", POD)));
		CallResult result = call(quoteService.baseUrl());
		assertUnavailable(result, "HTTP 503");
		quoteService.verify(1, getRequestedFor(urlEqualTo("/quote")));
	}

	@Test
	void emptyBodyIsAnInvalidResponse() {
		quoteService.stubFor(get("/quote")
			.willReturn(aResponse().withStatus(200).withHeader("X-Served-By", POD).withHeader("Content-Type",
					"application/json")));
		CallResult result = call(quoteService.baseUrl());
		assertUnavailable(result, "invalid response: no quote");
		assertThat(result.details().status()).isEqualTo(200);
		assertThat(result.details().servedBy()).isEqualTo(POD);
	}

	@Test
	void garbageJsonIsAnInvalidResponseFromThePodThatSentIt() {
		quoteService.stubFor(get("/quote").willReturn(aResponse().withStatus(200)
			.withHeader("X-Served-By", POD)
			.withHeader("Content-Type", "application/json")
			.withBody("not json")));
		CallResult result = call(quoteService.baseUrl());
		assertUnavailable(result, "invalid response");
		assertThat(result.details().status()).isEqualTo(200);
		assertThat(result.details().servedBy()).isEqualTo(POD);
	}

	@Test
	void htmlBodyIsAnInvalidResponseFromThePodThatSentIt() {
		quoteService.stubFor(get("/quote").willReturn(aResponse().withStatus(200)
			.withHeader("X-Served-By", POD)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><body>Welcome to nginx!</body></html>")));
		CallResult result = call(quoteService.baseUrl());
		assertUnavailable(result, "invalid response");
		assertThat(result.details().status()).isEqualTo(200);
		assertThat(result.details().servedBy()).isEqualTo(POD);
	}

	@Test
	void bodyThatStallsIsAReadTimeoutNotAnInvalidResponse() throws IOException {
		String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\nX-Served-By: " + POD
				+ "\r\n\r\n{\"quote\": \"The journey";
		try (SilentServer stalledPod = new SilentServer(head)) {
			CallResult result = call(stalledPod.baseUrl());
			assertUnavailable(result, "read timed out");
			assertThat(result.details().status()).isEqualTo(200);
			assertThat(result.details().servedBy()).isEqualTo(POD);
		}
	}

	@Test
	void replyWithoutTheQuoteIsAnInvalidResponse() {
		quoteService.stubFor(get("/quote").willReturn(okJson("{\"servedBy\": {\"podName\": \"%s\"}}".formatted(POD))));
		assertUnavailable(call(quoteService.baseUrl()), "invalid response: no quote");
	}

	@Test
	void blankQuoteIsAnInvalidResponse() {
		quoteService.stubFor(get("/quote").willReturn(okJson("{\"quote\": \"  \"}")));
		assertUnavailable(call(quoteService.baseUrl()), "invalid response: no quote");
	}

	@Test
	void connectionClosedWithoutAnAnswerIsRetriedOnceAtOnce() {
		quoteService.stubFor(get("/quote").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
		CallResult result = call(quoteService.baseUrl());
		assertUnavailable(result, "connection closed without an answer");
		assertThat(result.details().latencyMs()).isLessThan(1000);
		quoteService.verify(2, getRequestedFor(urlEqualTo("/quote")));
	}

	@Test
	void callThatBlocksPastTheDeadlineCompletesAtTheDeadline() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		Downstream<QuoteReply> blocked = new Downstream<>("quote", URI.create("http://127.0.0.1:9/quote"), () -> {
			await(release);
			throw new IllegalStateException("released after the test");
		}, QuoteReply::quote, 8);
		try {
			long start = System.nanoTime();
			CallResult result = blocked.callAsync(this.executor, Duration.ofMillis(400)).get(5, TimeUnit.SECONDS);
			long elapsed = elapsedMs(start);
			assertUnavailable(result, "no answer within 400 ms");
			assertThat(elapsed).isBetween(400L, 1000L);
			assertThat(result.details().latencyMs()).isBetween(400L, 1000L);
			assertThat(result.details().resolvedAddress()).isEqualTo("127.0.0.1");
			assertThat(result.details().status()).isNull();
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void defectInTheCallIsAnUnexpectedErrorAndItsTraceIsLogged() throws Exception {
		Downstream<QuoteReply> broken = new Downstream<>("quote", URI.create("http://127.0.0.1:9/quote"), () -> {
			throw new IllegalStateException("a defect");
		}, QuoteReply::quote, 8);
		Logger logger = (Logger) LoggerFactory.getLogger(Downstream.class);
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		log.start();
		logger.addAppender(log);
		try {
			CallResult result = broken.callAsync(this.executor, DEADLINE).get(5, TimeUnit.SECONDS);
			assertUnavailable(result, "unexpected error: IllegalStateException");
			assertThat(log.list).singleElement().satisfies((event) -> {
				assertThat(event.getLevel()).isEqualTo(Level.ERROR);
				assertThat(event.getThrowableProxy().getMessage()).isEqualTo("a defect");
			});
		}
		finally {
			logger.detachAppender(log);
		}
	}

	@Test
	void rejectedCallReportsAnOverloadedFrontend() throws Exception {
		Downstream<QuoteReply> downstream = new Downstream<>("quote", URI.create("http://127.0.0.1:9/quote"),
				() -> null, QuoteReply::quote, 8);
		CallResult result = downstream.callAsync((task) -> {
			throw new RejectedExecutionException();
		}, DEADLINE).get(1, TimeUnit.SECONDS);
		assertUnavailable(result, "frontend overloaded");
	}

	@Test
	void callOverTheBoundOnCallsInFlightIsOverloadedAtOnceWithoutBeingMade() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger made = new AtomicInteger();
		Downstream<QuoteReply> quote = new Downstream<>("quote", URI.create("http://127.0.0.1:9/quote"), () -> {
			if (made.incrementAndGet() == 1) {
				await(release);
			}
			return ResponseEntity.ok(new QuoteReply("Hello"));
		}, QuoteReply::quote, 1);
		try {
			CompletableFuture<CallResult> first = quote.callAsync(this.executor, DEADLINE);
			CallResult second = quote.callAsync(this.executor, DEADLINE).get(100, TimeUnit.MILLISECONDS);
			assertUnavailable(second, "frontend overloaded");
			release.countDown();
			assertThat(first.get(1, TimeUnit.SECONDS).value()).isEqualTo("Hello");
			assertThat(made).hasValue(1);
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void everyCallEndedFreesItsPlaceWhateverHappened() throws Exception {
		AtomicInteger made = new AtomicInteger();
		Downstream<QuoteReply> quote = new Downstream<>("quote", URI.create("http://127.0.0.1:9/quote"), () -> {
			if (made.incrementAndGet() % 2 == 0) {
				throw new ResourceAccessException("I/O error", new SocketTimeoutException());
			}
			return ResponseEntity.ok(new QuoteReply("Hello"));
		}, QuoteReply::quote, 1);
		for (int i = 0; i < 6; i++) {
			assertThat(quote.callAsync(this.executor, DEADLINE).get(1, TimeUnit.SECONDS).details().error())
				.isNotEqualTo("frontend overloaded");
		}
		assertThat(quote.callAsync((task) -> {
			throw new RejectedExecutionException();
		}, DEADLINE).get(1, TimeUnit.SECONDS).details().error()).isEqualTo("frontend overloaded");
		assertThat(quote.callAsync(this.executor, DEADLINE).get(1, TimeUnit.SECONDS).value()).isEqualTo("Hello");
		assertThat(made).hasValue(7);
	}

	private CallResult call(String baseUrl) {
		DownstreamConfiguration configuration = new DownstreamConfiguration();
		DownstreamProperties properties = new DownstreamProperties(null, 0, null);
		ClientHttpRequestFactory requestFactory = configuration.pooledHttpComponents(properties)
			.build(HttpClientSettings.defaults().withTimeouts(CONNECT_TIMEOUT, READ_TIMEOUT));
		this.requestFactories.add((DisposableBean) requestFactory);
		RestClient restClient = RestClient.builder().baseUrl(baseUrl).requestFactory(requestFactory).build();
		QuoteClient client = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient))
			.build()
			.createClient(QuoteClient.class);
		Downstream<QuoteReply> downstream = configuration.quoteDownstream(client, baseUrl, properties);
		try {
			return downstream.callAsync(this.executor, DEADLINE).get(DEADLINE.toMillis() + 2000, TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("callAsync must complete normally within its deadline", ex);
		}
	}

	private static void assertUnavailable(CallResult result, String reason) {
		assertThat(result.value()).isNull();
		assertThat(result.available()).isFalse();
		assertThat(result.details().error()).isEqualTo(reason);
	}

	private static long elapsedMs(long start) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
