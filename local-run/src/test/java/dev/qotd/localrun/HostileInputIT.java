package dev.qotd.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.qotd.support.test.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The three services as processes, fed the hostile requests of
 * {@code hostile-requests.tsv}: every one is refused with a 4xx problem (or answered as
 * documented, or 501/505 where HTTP prescribes them), none gets a 500, a stack trace or a
 * server name, none hangs, and afterwards every service is still ready. Then what is exposed
 * at all: the three Actuator endpoints, without details or runtime versions, and no request
 * makes the frontend call anything but its two configured services.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

	private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

	/** What an answer must never contain: stack frames, exception names, the server software. */
	private static final List<String> SERVER_INTERNALS = List.of("at dev.", "at java.", "at org.", "\tat ",
			"Exception", "org.apache", "Tomcat", "Apache", System.getProperty("java.version"));

	/** What an error must not be either: an HTML error page. */
	private static final List<String> ERROR_PAGE = List.of("<html", "<HTML", "<!doctype", "<!DOCTYPE");

	private static final String SANE_REQUEST_ID = "[A-Za-z0-9._:-]{1,128}";

	private final JsonMapper json = JsonMapper.builder().build();

	private LocalApp app;

	@BeforeAll
	void startTheApp() {
		Path projectDir = Path.of(System.getProperty("qotd.project-dir", ".."));
		this.app = LocalApp.builder(projectDir)
			.ports(Ports.free())
			.logDirectory(projectDir.resolve("local-run/target/hostile-input-it-logs"))
			.start();
	}

	@AfterAll
	void stopTheApp() {
		if (this.app != null) {
			this.app.close();
		}
	}

	@TestFactory
	@Order(1)
	Stream<DynamicTest> everyHostileRequestIsRefusedCleanly() {
		List<DynamicTest> tests = new ArrayList<>();
		for (HostileRequest hostile : HostileRequest.load("/hostile-requests.tsv")) {
			for (Service service : hostile.services()) {
				tests.add(DynamicTest.dynamicTest(hostile.name() + " -> " + service.shortName(),
						() -> assertRefusedCleanly(hostile, service)));
			}
		}
		return tests.stream();
	}

	@ParameterizedTest
	@EnumSource(Service.class)
	@Order(2)
	void afterTheCorpusEveryServiceIsReadyAndServes(Service service) throws IOException {
		ServiceProcess process = this.app.process(service);
		assertThat(process.isAlive()).as("%s still runs", service.module()).isTrue();
		assertThat(get(service, "/actuator/health/readiness", "application/json").status()).isEqualTo(200);
		RawHttp.Response page = get(service, "/", "*/*");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).isNotBlank();
		if (service == Service.FRONTEND) {
			assertThat(page.body()).matches("Quote: (?!unavailable).+\nTime: (?!unavailable).+\n");
		}
	}

	@ParameterizedTest
	@EnumSource(Service.class)
	@Order(3)
	void noClientMistakeWasLoggedAsAnError(Service service) throws IOException {
		List<String> errors = Files.readAllLines(this.app.process(service).log(), StandardCharsets.UTF_8)
			.stream()
			.filter((line) -> line.contains(" ERROR "))
			.toList();
		assertThat(errors).as("ERROR lines in %s", this.app.process(service).log()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Service.class)
	@Order(4)
	void healthInfoAndPrometheusAreOpen(Service service) throws IOException {
		for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
				"/actuator/info", "/actuator/prometheus")) {
			assertThat(get(service, path, "*/*").status()).as(path).isEqualTo(200);
		}
	}

	@ParameterizedTest
	@EnumSource(Service.class)
	@Order(4)
	void healthShowsAnonymousCallersNoDetails(Service service) throws IOException {
		for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
			JsonNode health = this.json.readTree(get(service, path, "application/json").body());
			assertThat(health.path("status").asString()).as(path).isEqualTo("UP");
			assertThat(health.propertyNames()).as(path).isSubsetOf("status", "groups");
		}
	}

	@ParameterizedTest
	@EnumSource(Service.class)
	@Order(4)
	void infoNamesTheBuildAndNothingOfTheRuntime(Service service) throws IOException {
		RawHttp.Response info = get(service, "/actuator/info", "application/json");
		assertThat(this.json.readTree(info.body()).propertyNames()).containsExactly("build");
		assertThat(info.body()).doesNotContain(System.getProperty("java.version"), System.getProperty("java.vendor"),
				System.getProperty("os.name"), System.getProperty("user.name"), "java", "jvm");
	}

	@ParameterizedTest
	@EnumSource(Service.class)
	@Order(4)
	void noAnswerNamesTheServerSoftware(Service service) throws IOException {
		for (String path : List.of("/", "/whoami", "/actuator/health", "/actuator/info", "/no/such/path", "/%ZZ")) {
			for (String accept : List.of("*/*", "application/json", "text/html")) {
				RawHttp.Response response = get(service, path, accept);
				assertThat(response.headers()).as("%s %s", path, accept)
					.doesNotContainKeys("Server", "X-Powered-By", "X-AspNet-Version");
				assertThat(response.body()).as("%s %s", path, accept).doesNotContain(SERVER_INTERNALS);
			}
		}
	}

	/**
	 * The frontend takes no parameters: whatever URL a request names, in its query, its
	 * target or its Host and forwarding headers, the frontend calls its configured quote and
	 * time processes, and a listener on another port sees no connection.
	 */
	@Test
	@Order(5)
	void noRequestMakesTheFrontendCallAnotherAddress() throws IOException, InterruptedException {
		try (Sentinel sentinel = Sentinel.listen()) {
			// The listener counts what reaches it: one connection of ours, to prove it.
			new Socket(InetAddress.getLoopbackAddress(), sentinel.port()).close();
			sentinel.awaitConnections(1, ANSWER_WITHIN);
			String other = "127.0.0.1:" + sentinel.port();
			String otherUrl = "http://" + other;
			List<String> requests = List.of("GET /?url=" + otherUrl + "/ HTTP/1.1",
					"GET /?quote=" + otherUrl + "&time=" + otherUrl + "&QUOTE_SERVICE_URL=" + otherUrl
							+ "&spring.http.serviceclient.quote.base-url=" + otherUrl + " HTTP/1.1",
					"GET /?url=" + otherUrl.replace(":", "%3A").replace("/", "%2F") + " HTTP/1.1",
					"GET / HTTP/1.1\r\nHost: " + other,
					"GET " + otherUrl + "/ HTTP/1.1\r\nHost: " + other,
					"GET / HTTP/1.1\r\nX-Forwarded-Host: " + other + "\r\nX-Forwarded-Proto: http\r\nForwarded: host="
							+ other + ";proto=http\r\nX-Original-URL: " + otherUrl + "/\r\nX-Rewrite-URL: " + otherUrl);
			int frontendPort = this.app.process(Service.FRONTEND).port();
			for (String request : requests) {
				byte[] bytes = (request + "\r\nAccept: application/json\r\nConnection: close\r\n"
						+ (request.contains("\r\nHost: ") ? "" : "Host: 127.0.0.1:" + frontendPort + "\r\n") + "\r\n")
					.getBytes(StandardCharsets.US_ASCII);
				RawHttp.Response response = RawHttp.exchange(frontendPort, bytes, ANSWER_WITHIN);
				assertThat(response.status()).as(request).isEqualTo(200);
				JsonNode calls = this.json.readTree(response.body()).path("calls");
				assertCalled(calls.path("quote"), Service.QUOTE, "/quote", request);
				assertCalled(calls.path("time"), Service.TIME, "/time", request);
			}
			assertThat(sentinel.connections()).as("connections to the listener on %s, ours included", other)
				.isEqualTo(1);
		}
	}

	private void assertCalled(JsonNode call, Service service, String path, String request) {
		ServiceProcess process = this.app.process(service);
		assertThat(call.path("url").asString()).as(request).isEqualTo(process.baseUrl() + path);
		assertThat(call.path("status").asInt()).as(request).isEqualTo(200);
		assertThat(call.path("servedBy").asString()).as(request).isEqualTo(podName(service));
	}

	private void assertRefusedCleanly(HostileRequest hostile, Service service) {
		int port = this.app.process(service).port();
		RawHttp.Response response;
		try {
			response = RawHttp.exchange(port, hostile.bytes(port), ANSWER_WITHIN);
		}
		catch (IOException ex) {
			fail("%s sent to %s: no answer within %d s (%s)", hostile, service.module(), ANSWER_WITHIN.toSeconds(),
					ex.getMessage());
			return;
		}
		String description = "%s sent to %s, expecting %s; the answer:%n%s".formatted(hostile, service.module(),
				hostile.expected(), abbreviate(response.raw()));
		int status = response.status();
		assertThat(status).as(description).isIn(hostile.expected());
		assertThat(response.header("X-Served-By")).as(description).isEqualTo(podName(service));
		assertThat(response.header("X-Request-Id")).as(description).isNotNull().matches(SANE_REQUEST_ID);
		assertThat(response.headers()).as(description).doesNotContainKeys("Server", "X-Powered-By", "X-Injected");
		assertThat(response.body()).as(description).doesNotContain(SERVER_INTERNALS).doesNotContain(ERROR_PAGE);
		if (status == 405 || hostile.request().startsWith("OPTIONS ")) {
			assertThat(response.header("Allow")).as(description).isNotBlank();
		}
		if (status >= 400) {
			assertThat(response.body()).as(description).isNotEmpty();
			assertThat(response.contentType()).as(description).isEqualTo("application/problem+json");
			JsonNode problem = this.json.readTree(response.body());
			assertThat(problem.path("status").asInt()).as(description).isEqualTo(status);
			assertThat(problem.path("title").asString()).as(description).isNotBlank();
			assertThat(problem.path("detail").asString()).as(description).isNotBlank();
			assertThat(problem.path("requestId").asString()).as(description).isEqualTo(response.header("X-Request-Id"));
		}
	}

	private RawHttp.Response get(Service service, String path, String accept) throws IOException {
		int port = this.app.process(service).port();
		return RawHttp.send(port,
				"GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAccept: %s\r\nConnection: close".formatted(path, port, accept));
	}

	private String podName(Service service) {
		return service.shortName() + "-local-" + this.app.process(service).port();
	}

	private static String abbreviate(String text) {
		return (text.length() <= 1500) ? text : text.substring(0, 1500) + "... (" + text.length() + " characters)";
	}

	/** A listener on a free port that counts the connections made to it. */
	private static final class Sentinel implements AutoCloseable {

		private final ServerSocket socket;

		private final AtomicInteger connections = new AtomicInteger();

		private Sentinel(ServerSocket socket) {
			this.socket = socket;
			Thread acceptor = new Thread(this::accept, "sentinel-" + socket.getLocalPort());
			acceptor.setDaemon(true);
			acceptor.start();
		}

		static Sentinel listen() throws IOException {
			return new Sentinel(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
		}

		int port() {
			return this.socket.getLocalPort();
		}

		int connections() {
			return this.connections.get();
		}

		void awaitConnections(int count, Duration timeout) throws InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (this.connections.get() < count) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The listener saw %d connections".formatted(this.connections.get()));
				}
				Thread.sleep(10);
			}
		}

		private void accept() {
			while (!this.socket.isClosed()) {
				try (Socket accepted = this.socket.accept()) {
					this.connections.incrementAndGet();
				}
				catch (IOException ex) {
					// closed
				}
			}
		}

		@Override
		public void close() {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
