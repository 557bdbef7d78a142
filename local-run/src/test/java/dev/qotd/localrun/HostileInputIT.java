package dev.qotd.localrun;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

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

/**
 * The three services as processes, fed {@code hostile-requests.tsv}: every request gets the
 * status the file expects (never a 5xx it does not name) within 5 s, no answer shows a stack
 * trace, an exception or the server software, and afterwards every service is still ready and
 * none logged an ERROR. Then what is exposed at all: three Actuator endpoints without details,
 * and no request makes the frontend call anything but its two services.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

	private static final List<String> SERVER_INTERNALS = List.of("at dev.", "at java.", "at org.", "\tat ", "Exception",
			"org.apache", "Tomcat", "Apache", System.getProperty("java.version"));

	private final JsonMapper json = JsonMapper.builder().build();

	private RunningApp app;

	@BeforeAll
	void start() throws Exception {
		this.app = new RunningApp("hostile-input-it", Map.of());
	}

	@AfterAll
	void stop() {
		if (this.app != null) {
			this.app.close();
		}
	}

	@TestFactory
	@Order(1)
	Stream<DynamicTest> everyHostileRequestIsAnsweredCleanly() throws IOException {
		return HostileRequest.load().stream().flatMap((hostile) -> hostile.services().stream()
			.map((service) -> DynamicTest.dynamicTest(hostile.name() + " -> " + service.shortName(),
					() -> assertAnsweredCleanly(hostile, service))));
	}

	private void assertAnsweredCleanly(HostileRequest hostile, Service service) throws IOException {
		int port = this.app.port(service);
		RawHttp.Response answer = RawHttp.exchange(port, hostile.bytes(port), Duration.ofSeconds(5));
		String description = "%s sent to %s, expecting %s from %s; the answer: %s".formatted(hostile, service.module(),
				hostile.expected(), hostile.answeredBy(), answer);
		assertThat(answer.status()).as(description).isIn(hostile.expected());
		assertThat(answer.headers()).as(description).doesNotContainKeys("Server", "X-Powered-By", "X-Injected");
		assertThat(answer.body()).as(description).doesNotContain(SERVER_INTERNALS);
		if (answer.status() == 405 || hostile.request().startsWith("OPTIONS ")) {
			assertThat(answer.header("Allow")).as(description).isNotBlank();
		}
		if (hostile.answeredBy().equals("tomcat")) {
			// Tomcat's own error page: the request never reached the application.
			assertThat(answer.headers()).as(description).doesNotContainKeys("X-Served-By", "X-Request-Id");
			assertThat(answer.header("Content-Type")).as(description).startsWith("text/html");
			return;
		}
		assertThat(answer.header("X-Served-By")).as(description).isEqualTo(this.app.podName(service));
		assertThat(answer.header("X-Request-Id")).as(description).matches("[A-Za-z0-9._:-]{1,128}");
		assertThat(answer.body()).as(description).doesNotContainIgnoringCase("<html");
		if (answer.status() >= 400 && !(hostile.answeredBy().equals("actuator") && answer.body().isEmpty())) {
			assertThat(answer.header("Content-Type")).as(description).isEqualTo("application/problem+json");
			JsonNode problem = this.json.readTree(answer.body());
			assertThat(problem.path("status").asInt()).as(description).isEqualTo(answer.status());
			assertThat(problem.path("title").asString()).as(description).isNotBlank();
			assertThat(problem.path("detail").asString()).as(description).isNotBlank();
			assertThat(problem.path("requestId").asString()).as(description).isEqualTo(answer.header("X-Request-Id"));
		}
	}

	@ParameterizedTest
	@EnumSource(Service.class)
	@Order(2)
	void afterTheCorpusEveryServiceIsReadyAndServes(Service service) throws IOException {
		assertThat(this.app.get(service).isAlive()).isTrue();
		assertThat(get(service, "/actuator/health/readiness", "application/json").status()).isEqualTo(200);
		RawHttp.Response page = get(service, "/", "*/*");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).matches((service == Service.FRONTEND) ? LocalAppIT.TWO_LINES : "(?s).+");
	}

	@ParameterizedTest
	@EnumSource(Service.class)
	@Order(3)
	void noClientMistakeWasLoggedAsAnError(Service service) throws IOException {
		assertThat(Files.readAllLines(this.app.get(service).log, StandardCharsets.ISO_8859_1))
			.noneMatch((line) -> line.contains(" ERROR "));
	}

	@ParameterizedTest
	@EnumSource(Service.class)
	@Order(4)
	void healthInfoAndPrometheusAreOpenWithoutDetailsOrRuntimeVersions(Service service) throws IOException {
		for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
			JsonNode health = this.json.readTree(get(service, path, "application/json").body());
			assertThat(health.path("status").asString()).as(path).isEqualTo("UP");
			assertThat(health.propertyNames()).as(path).isSubsetOf("status", "groups");
		}
		assertThat(get(service, "/actuator/prometheus", "*/*").status()).as("/actuator/prometheus").isEqualTo(200);
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
				RawHttp.Response answer = get(service, path, accept);
				assertThat(answer.headers()).as("%s %s", path, accept).doesNotContainKeys("Server", "X-Powered-By");
				assertThat(answer.body()).as("%s %s", path, accept).doesNotContain(SERVER_INTERNALS);
			}
		}
	}

	/**
	 * The frontend takes no parameters: whatever URL a request names, in its query, its target
	 * or its Host and forwarding headers, it calls its own quote and time processes, and a
	 * listener on another port sees no connection.
	 */
	@Test
	@Order(5)
	void noRequestMakesTheFrontendCallAnotherAddress() throws Exception {
		try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			AtomicInteger connections = new AtomicInteger();
			Thread counter = new Thread(() -> {
				while (!listener.isClosed()) {
					try (Socket accepted = listener.accept()) {
						connections.incrementAndGet();
					}
					catch (IOException ex) {
						// closed
					}
				}
			});
			counter.setDaemon(true);
			counter.start();
			String other = "127.0.0.1:" + listener.getLocalPort();
			new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort()).close();
			while (connections.get() == 0) {
				Thread.sleep(10); // the listener counts: ours is the first
			}
			List<String> requests = List.of("GET /?url=http://" + other + "/ HTTP/1.1",
					"GET /?quote=http://" + other + "&time=http://" + other + "&QUOTE_SERVICE_URL=http://" + other
							+ "&spring.http.serviceclient.quote.base-url=http://" + other + " HTTP/1.1",
					"GET /?url=http%3A%2F%2F" + other.replace(":", "%3A") + " HTTP/1.1",
					"GET / HTTP/1.1\r\nHost: " + other, "GET http://" + other + "/ HTTP/1.1\r\nHost: " + other,
					"GET / HTTP/1.1\r\nX-Forwarded-Host: " + other + "\r\nX-Forwarded-Proto: http\r\nForwarded: host="
							+ other + ";proto=http\r\nX-Original-URL: http://" + other + "/\r\nX-Rewrite-URL: http://" + other);
			int port = this.app.port(Service.FRONTEND);
			for (String request : requests) {
				String host = request.contains("\r\nHost: ") ? "" : "Host: 127.0.0.1:" + port + "\r\n";
				byte[] bytes = (request + "\r\nAccept: application/json\r\nConnection: close\r\n" + host + "\r\n")
					.getBytes(StandardCharsets.US_ASCII);
				RawHttp.Response answer = RawHttp.exchange(port, bytes, Duration.ofSeconds(5));
				JsonNode calls = this.json.readTree(answer.body()).path("calls");
				for (Service service : List.of(Service.QUOTE, Service.TIME)) {
					JsonNode call = calls.path(service.shortName());
					assertThat(call.path("url").asString()).as(request)
						.isEqualTo("http://127.0.0.1:%d/%s", this.app.port(service), service.shortName());
					assertThat(call.path("servedBy").asString()).as(request).isEqualTo(this.app.podName(service));
					assertThat(call.path("status").asInt()).as(request).isEqualTo(200);
				}
				assertThat(answer.status()).as(request).isEqualTo(200);
			}
			assertThat(connections).as("connections to %s, ours included", other).hasValue(1);
		}
	}

	private RawHttp.Response get(Service service, String path, String accept) throws IOException {
		return RawHttp.get(this.app.port(service), path, accept);
	}

}
