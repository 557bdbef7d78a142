package dev.qotd.k8s;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.qotd.k8s.RequestLoop.Outcome;
import dev.qotd.k8s.RequestLoop.Report;
import dev.qotd.k8s.RequestLoop.Settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The request loop of the cluster tests, against a server on 127.0.0.1: it counts every
 * answer and failure with its reason, who answered and how long it took, and it always
 * ends: after its requests, at its time limit, or when stopped, with no request after.
 */
class RequestLoopTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final AtomicInteger received = new AtomicInteger();

	private final ExecutorService serverThreads = Executors.newFixedThreadPool(8);

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private volatile Handler handler = (number, exchange) -> answer(exchange, 200, "text/plain", "pod-a", "ok");

	private HttpServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.serverThreads);
		this.server.createContext("/", (exchange) -> {
			try (exchange) {
				this.handler.handle(this.received.incrementAndGet(), exchange);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
		this.serverThreads.shutdownNow();
	}

	@Test
	void sendsItsRequestsAndCountsWhoAnswered() throws Exception {
		this.handler = (number, exchange) -> answer(exchange, 200, "text/plain", (number % 2 == 0) ? "pod-b" : "pod-a",
				"ok");

		Report report = RequestLoop.start(this.client, request(TIMEOUT), RequestLoopTests::byStatus,
				Settings.sequence(10, Duration.ZERO, Duration.ofSeconds(30)))
			.awaitEnd();

		assertThat(report.requests()).isEqualTo(10);
		assertThat(this.received).hasValue(10);
		assertThat(report.failures()).isEmpty();
		assertThat(report.answeredBy()).containsExactly(Map.entry("pod-a", 5), Map.entry("pod-b", 5));
		assertThat(report.endedByLimit()).isFalse();
		assertThat(report.latencyHistogram()).hasSize(RequestLoop.LATENCY_BUCKETS_MS.length + 1);
		assertThat(sum(report.latencyHistogram())).isEqualTo(10);
	}

	@Test
	void countsFailuresWithTheirReasonsAndWhen() throws Exception {
		this.handler = (number, exchange) -> {
			if (number % 3 == 0) {
				answer(exchange, 503, "text/plain", "pod-a", "busy");
			}
			else {
				answer(exchange, 200, "text/plain", "pod-a", "ok");
			}
		};

		Report report = RequestLoop.start(this.client, request(TIMEOUT), RequestLoopTests::byStatus,
				Settings.sequence(9, Duration.ZERO, Duration.ofSeconds(30)))
			.awaitEnd();

		assertThat(report.requests()).isEqualTo(9);
		assertThat(report.failures()).hasSize(3)
			.allSatisfy((failure) -> assertThat(failure.at()).isLessThan(report.duration()));
		assertThat(report.failureReasons()).containsExactly(Map.entry("HTTP 503: busy", 3));
		assertThat(report.answeredBy()).containsExactly(Map.entry("pod-a", 6));
		assertThat(report.summary()).contains("9 requests in", "3 failed", "failures by reason: {HTTP 503: busy=3}",
				"answered by: {pod-a=6}", "latency: <100 ms:");
	}

	@Test
	void aFrontendPageWithAnUnavailablePartIsAFailureThoughItsStatusIs200() throws Exception {
		this.handler = (number, exchange) -> answer(exchange, 200, "application/json", "frontend-1",
				(number == 1) ? frontendJson("\"Well begun is half done.\"", null, "quote-7d9f-abcde")
						: frontendJson("null", "\"connect timed out\"", null));

		Report report = RequestLoop.start(this.client, request(TIMEOUT), FrontendAnswer::judge,
				Settings.sequence(2, Duration.ZERO, Duration.ofSeconds(30)))
			.awaitEnd();

		assertThat(report.answeredBy()).containsExactly(Map.entry("quote-7d9f-abcde", 1));
		assertThat(report.failureReasons()).containsExactly(Map.entry("Quote: unavailable (connect timed out)", 1));
	}

	@Test
	void aFrontendAnswerThatIsNoPageIsAFailure() throws Exception {
		this.handler = (number, exchange) -> answer(exchange, (number == 1) ? 503 : 200, "text/plain", "frontend-1",
				"Quote: unavailable (connect timed out)\nTime: unavailable (connect timed out)\n");

		Report report = RequestLoop.start(this.client, request(TIMEOUT), FrontendAnswer::judge,
				Settings.sequence(2, Duration.ZERO, Duration.ofSeconds(30)))
			.awaitEnd();

		assertThat(report.failures()).extracting((failure) -> failure.outcome().failure())
			.containsExactly("HTTP 503: Quote: unavailable (connect timed out) Time: unavailable (connect timed out)",
					"not JSON (HTTP 200): Quote: unavailable (connect timed out) Time: unavailable (connect timed out)");
	}

	@Test
	void endsAtItsTimeLimitAndSendsNothingAfter() throws Exception {
		Report report = RequestLoop.start(this.client, request(TIMEOUT), RequestLoopTests::byStatus,
				Settings.until(2, Duration.ofMillis(10), Duration.ofMillis(500)))
			.awaitEnd();
		int receivedAtTheEnd = this.received.get();
		Thread.sleep(300);

		assertThat(report.endedByLimit()).isTrue();
		assertThat(report.requests()).isPositive().isEqualTo(receivedAtTheEnd);
		assertThat(report.duration()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(3));
		assertThat(this.received).hasValue(receivedAtTheEnd);
	}

	@Test
	void stopEndsItAtOnceAndNoRequestFollows() throws Exception {
		RequestLoop loop = RequestLoop.start(this.client, request(TIMEOUT), RequestLoopTests::byStatus,
				Settings.until(3, Duration.ofMillis(10), Duration.ofMinutes(1)));
		assertThat(loop.awaitAnswerFrom("pod-a", Duration.ofSeconds(5))).isTrue();

		long stopping = System.nanoTime();
		Report report = loop.stop();
		Duration stopTook = Duration.ofNanos(System.nanoTime() - stopping);
		int receivedAtTheEnd = this.received.get();
		Thread.sleep(300);

		assertThat(stopTook).isLessThan(Duration.ofSeconds(2));
		assertThat(report.endedByLimit()).isFalse();
		assertThat(report.failures()).isEmpty();
		assertThat(report.requests()).isPositive().isEqualTo(receivedAtTheEnd);
		assertThat(this.received).hasValue(receivedAtTheEnd);
	}

	@Test
	void waitsForTheFirstGoodAnswerOrTheEndOfTheLoop() throws Exception {
		this.handler = (number, exchange) -> answer(exchange, (number <= 3) ? 503 : 200, "text/plain", "pod-a", "ok");

		RequestLoop loop = RequestLoop.start(this.client, request(TIMEOUT), RequestLoopTests::byStatus,
				Settings.until(1, Duration.ofMillis(10), Duration.ofSeconds(30)));
		boolean answered = loop.awaitGoodAnswer(Duration.ofSeconds(10));
		Report report = loop.stop();

		assertThat(answered).isTrue();
		assertThat(report.failures()).hasSize(3);
		assertThat(report.results().get(3).outcome().isGood()).isTrue();

		RequestLoop never = RequestLoop.start(this.client, request(TIMEOUT), RequestLoopTests::byStatus,
				Settings.sequence(2, Duration.ZERO, Duration.ofSeconds(30)));
		assertThat(never.awaitAnswerFrom("pod-b", Duration.ofSeconds(10))).as("an answerer that never answers").isFalse();
		assertThat(never.awaitEnd().requests()).isEqualTo(2);
	}

	@Test
	void aRequestWithoutAnAnswerFailsAtItsTimeoutAndTheLoopStillEnds() throws Exception {
		this.handler = (number, exchange) -> Thread.sleep(10_000);

		Report report = RequestLoop.start(this.client, request(Duration.ofMillis(200)), RequestLoopTests::byStatus,
				Settings.sequence(3, Duration.ZERO, Duration.ofSeconds(30)))
			.awaitEnd();

		assertThat(report.failureReasons()).containsExactly(Map.entry("no answer within 200 ms", 3));
		assertThat(report.results()).allSatisfy((result) -> assertThat(result.latency()).isLessThan(Duration.ofSeconds(2)));
	}

	@Test
	void aRefusedConnectionIsAFailure() throws Exception {
		URI closed = uri();
		this.server.stop(0);

		Report report = RequestLoop.start(this.client, HttpRequest.newBuilder(closed).timeout(TIMEOUT).build(),
				RequestLoopTests::byStatus, Settings.sequence(1, Duration.ZERO, Duration.ofSeconds(30)))
			.awaitEnd();

		assertThat(report.failures()).singleElement()
			.satisfies((failure) -> assertThat(failure.outcome().failure()).startsWith("cannot connect"));
	}

	@Test
	void theHistogramCountsRequestsByLatency() throws Exception {
		this.handler = (number, exchange) -> {
			Thread.sleep(300);
			answer(exchange, 200, "text/plain", "pod-a", "slow");
		};

		Report report = RequestLoop.start(this.client, request(TIMEOUT), RequestLoopTests::byStatus,
				Settings.sequence(2, Duration.ZERO, Duration.ofSeconds(30)))
			.awaitEnd();

		assertThat(report.latencyHistogram()).containsExactly(0, 0, 2, 0, 0, 0);
		assertThat(report.summary()).contains("<100 ms: 0, <250 ms: 0, <500 ms: 2, <1000 ms: 0, <2000 ms: 0, >=2000 ms: 0");
	}

	@Test
	void aRequestWithoutTimeoutIsRefusedAsTheLoopMightNotEnd() {
		assertThatIllegalArgumentException().isThrownBy(() -> RequestLoop.start(this.client,
				HttpRequest.newBuilder(uri()).build(), RequestLoopTests::byStatus,
				Settings.sequence(1, Duration.ZERO, Duration.ofSeconds(1))));
	}

	private HttpRequest request(Duration timeout) {
		return HttpRequest.newBuilder(uri()).timeout(timeout).GET().build();
	}

	private URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/");
	}

	private static Outcome byStatus(HttpResponse<String> response) {
		return (response.statusCode() == 200) ? Outcome.good(response.headers().firstValue("X-Served-By").orElse(null))
				: Outcome.failed("HTTP " + response.statusCode() + ": " + response.body());
	}

	private static void answer(HttpExchange exchange, int status, String contentType, String servedBy, String body)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", contentType);
		exchange.getResponseHeaders().add("X-Served-By", servedBy);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream output = exchange.getResponseBody()) {
			output.write(bytes);
		}
	}

	/** The frontend's JSON page, as the contract describes it. */
	private static String frontendJson(String quote, String quoteError, String quotePod) {
		return """
				{"quote": %s, "time": "Sat Nov 28 18:29:03 UTC 2026",
				 "calls": {
				   "quote": {"url": "http://quote-svc/quote", "resolvedAddress": "10.43.12.34", "servedBy": %s,
				             "status": %s, "latencyMs": 3, "error": %s},
				   "time": {"url": "http://time-svc/time", "resolvedAddress": "10.43.56.78", "servedBy": "time-1",
				            "status": 200, "latencyMs": 2, "error": null}},
				 "servedBy": {"podName": "frontend-1", "podIp": "10.42.0.9", "nodeName": "k3s"}}
				""".formatted(quote, (quotePod != null) ? "\"" + quotePod + "\"" : "null",
				(quoteError != null) ? "null" : "200", (quoteError != null) ? quoteError : "null");
	}

	private static long sum(long[] values) {
		long sum = 0;
		for (long value : values) {
			sum += value;
		}
		return sum;
	}

	@FunctionalInterface
	interface Handler {

		void handle(int number, HttpExchange exchange) throws IOException, InterruptedException;

	}

}
